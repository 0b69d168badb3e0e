"""The field view as CSV and XLSX: the page's rows and aggregates, nothing more.

Written from the selector's FieldView, so the anonymity rule is the page's: a withheld score
is an empty cell with the reason in the Note column, and it is left out of every aggregate's
mean. Cells are made safe by measurement/spreadsheets.py, the one writer."""

from django.utils.translation import gettext as _

from backbone.anonymity import MIN_RESPONDENTS
from backbone.selectors.health import Condition
from measurement import spreadsheets

from .selectors import CONDITIONS, Aggregate, FieldRow, FieldView

PARTS = {"kind": lambda: _("By kind"), "phase": lambda: _("By phase"), "all": lambda: _("All")}


def _isolated(text: str) -> str:
    return "\u2068" + text + "\u2069"


def withheld_note(conditions) -> str:
    if not conditions:
        return ""
    names = _(", ").join(_isolated(str(Condition(c).label)) for c in conditions)
    return _(
        "Withheld (an anonymous round, fewer than %(minimum)s respondents): %(conditions)s"
    ) % {"minimum": MIN_RESPONDENTS, "conditions": names}


def header() -> list[str]:
    columns = [
        _("Part"),
        _("Kind"),
        _("Phase"),
        _("Initiative"),
        _("Initiatives"),
        _("Latest closed round"),
        _("Closed on"),
        _("Anonymous"),
        _("Respondents"),
    ]
    for condition in CONDITIONS:
        label = str(Condition(condition).label)
        columns += [
            _("%(condition)s: health") % {"condition": label},
            _("%(condition)s: mean score") % {"condition": label},
            _("%(condition)s: initiatives in the mean") % {"condition": label},
        ]
    return [*columns, _("Note")]


def _row(row: FieldRow) -> list:
    initiative, latest = row.initiative, row.round
    cells = [
        _("Initiative"),
        str(initiative.get_kind_display()),
        str(initiative.get_phase_display()),
        str(initiative.text("name")),
        "",
        str(latest.title) if latest else "",
        latest.closes_on if latest else None,
        (_("yes") if latest.anonymous else _("no")) if latest else "",
        latest.submitted if latest else None,
    ]
    for cell in row.cells:
        cells += [str(cell.signal.status_label), cell.score.mean, ""]
    return [*cells, withheld_note(row.withheld)]


def _aggregate(aggregate: Aggregate) -> list:
    kind = aggregate.label if aggregate.group == "kind" else ""
    phase = aggregate.label if aggregate.group == "phase" else ""
    cells = [PARTS[aggregate.group](), kind, phase, "", aggregate.initiatives, "", None, "", None]
    for mean in aggregate.means:
        cells += ["", mean.mean, mean.over]
    withheld = [m.condition for m in aggregate.means if m.withheld]
    note = _("A withheld score is left out of the mean.") if withheld else ""
    return [*cells, note]


def field_rows(view: FieldView) -> list[list]:
    return [*map(_row, view.rows), *map(_aggregate, view.aggregates)]


def field_csv(view: FieldView) -> bytes:
    return spreadsheets.csv_bytes(header(), field_rows(view))


def field_xlsx(view: FieldView) -> bytes:
    return spreadsheets.xlsx_bytes(_("Field view"), header(), field_rows(view))
