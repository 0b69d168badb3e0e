"""Spreadsheet import of a period's values: a template to fill, and an all-or-nothing upload.

One row per indicator × organization (× category): the row with an empty category holds the
total; rows with a category hold the breakdown. The template holds the current values and
their state, then columns for reading that the import ignores (TEMPLATE_NOTES: the indicator's
name, unit and value type, and what the row needs); an XLSX template adds a sheet "How to fill
in". Uploading it back, or the same file again, changes nothing. A row left blank
(no number, no comment) is skipped; a row equal to an approved value is unchanged, a row
that changes one is refused.

Files come from any partner, so reading is bounded: the upload's size, an XLSX archive's
unpacked size and compression ratio (checked before openpyxl opens it, which then streams
it in read-only mode and, with defusedxml installed, refuses entity expansion), and the
rows, columns and line length read from a CSV.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative, Organization
from sheatufim.ids import parse_id
from sheatufim.text import has_nul, refuse_nul

from .. import permissions, spreadsheets
from ..models import Aggregation, Indicator, ReportingPeriod, Submission, SubmissionState
from . import submissions
from .rows import RowGroups, column_of

COLUMNS = [
    "period",
    "indicator",
    "organization_id",
    "organization",
    "category",
    "value",
    "numerator",
    "denominator",
    "weight",
    "comment",
    "state",
]
NUMBER_COLUMNS = ("value", "numerator", "denominator", "weight")
FILLED_COLUMNS = (*NUMBER_COLUMNS, "comment")  # a row with none of these is blank: skipped
MAX_BYTES = 5 * 1024 * 1024
TOO_MANY_ROWS = gettext_lazy("At most %(count)s rows per file.")
FILE_TOO_LARGE = gettext_lazy("The file is larger than 5 MB.")
MAX_ROWS = 20_000
MAX_COLUMNS = 30  # the template has 15; columns beyond these are not read
MAX_LINE_CHARS = 10_000  # a CSV line (a comment holds at most 2,000)
# An XLSX of 20,000 filled rows unpacks to about 10 MB; real ones compress less than 20:1.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1000
ERRORS_SHOWN = 500  # errors listed on the page (foreground and background alike)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def shown_errors(self) -> list[RowError]:
        return self.errors[:ERRORS_SHOWN]

    @property
    def more_errors(self) -> int:
        return max(len(self.errors) - ERRORS_SHOWN, 0)


def _scope(user, initiative: Initiative, period: ReportingPeriod):
    indicators = list(
        Indicator.objects.filter(
            initiative=initiative, frequency=period.frequency, is_active=True
        ).prefetch_related("assignments", "dimensions__categories__dimension")
    )
    writable = permissions.writable_organizations(user, initiative)
    organization_ids = {
        a.organization_id
        for i in indicators
        for a in i.assignments.all()
        if a.organization_id in writable
    }
    organizations = Organization.objects.in_bulk(organization_ids)
    return indicators, organizations


def _text(number) -> str:
    return "" if number is None else submissions.as_text(number)


# Columns of the template after COLUMNS, for reading: the import does not read them.
TEMPLATE_NOTES = (
    gettext_lazy("Indicator name"),
    gettext_lazy("Unit"),
    gettext_lazy("Value type"),
    gettext_lazy("What to fill in"),
)
# What a row needs, by the names of its columns (which are not translated: the import reads them).
APPROVED_ROW = gettext_lazy("Nothing: the value is approved and cannot change")
FRACTION_ROW = gettext_lazy("%(numerator)s and %(denominator)s (the value is computed from them)")
WEIGHTED_ROW = gettext_lazy("%(value)s and %(weight)s")
EXACT_DIGITS = 15  # a spreadsheet's number holds any decimal of 15 digits exactly


@dataclass
class Template:
    """The rows to fill, and each indicator's decimals (by code) for the XLSX's numbers."""

    rows: list[list]
    decimals: dict[str, int]


def template_header() -> list[str]:
    return [*COLUMNS, *map(str, TEMPLATE_NOTES)]


def template(*, user, initiative: Initiative, period: ReportingPeriod) -> Template:
    """Every assigned indicator × organization the user may report for, with its current value
    and state (an approved value can only be sent back unchanged) and what the row needs."""
    indicators, organizations = _scope(user, initiative, period)
    current = {
        (s.indicator_id, s.organization_id): s
        for s in Submission.objects.filter(
            period=period, indicator__in=indicators, organization_id__in=list(organizations)
        ).prefetch_related("category_values")
    }
    states = dict(SubmissionState.choices)
    types = dict(Indicator._meta.get_field("value_type").flatchoices)
    rows = []
    for indicator in indicators:
        categories = [c for d in indicator.dimensions.all() for c in d.categories.all()]
        about = [
            str(indicator.text("name")),
            str(indicator.text("unit")),
            str(types.get(indicator.value_type, indicator.value_type)),
        ]
        for assignment in indicator.assignments.all():
            organization = organizations.get(assignment.organization_id)
            if organization is None:
                continue
            submission = current.get((indicator.pk, organization.pk))
            state = str(states[submission.state]) if submission else ""
            parts = (
                {r.category_id: r for r in submission.category_values.all()} if submission else {}
            )
            base = [period.label, indicator.code, organization.pk, organization.name]
            needs = _needs(indicator, submission)
            rows.append([*base, "", *_total_cells(indicator, submission), state, *about, needs])
            needs = _needs(indicator, submission, category=True)
            for c in categories:
                part = parts.get(c.pk)
                numbers = [
                    getattr(part, name, None) for name in ("value", "numerator", "denominator")
                ]
                if indicator.is_fraction:
                    numbers[0] = None  # computed from the numerator and denominator
                label = f"{c.dimension.name}: {c.name}"
                rows.append([*base, label, *map(_text, numbers), "", "", state, *about, needs])
    return Template(rows, {indicator.code: indicator.decimals for indicator in indicators})


def template_rows(*, user, initiative: Initiative, period: ReportingPeriod) -> list[list]:
    """The template's rows (see `template`)."""
    return template(user=user, initiative=initiative, period=period).rows


def _needs(indicator: Indicator, submission: Submission | None, category=False) -> str:
    """What the row's "What to fill in" says."""
    if submission is not None and submission.state == SubmissionState.APPROVED:
        return str(APPROVED_ROW)
    names = {column: column for column in NUMBER_COLUMNS}
    if indicator.is_fraction:
        return FRACTION_ROW % names
    if indicator.aggregation == Aggregation.WEIGHTED_AVERAGE and not category:
        return WEIGHTED_ROW % names
    return "value"


def _total_cells(indicator: Indicator, submission: Submission | None) -> list[str]:
    if submission is None:
        return ["", "", "", "", ""]
    value = None if indicator.is_fraction else submission.value
    numbers = (value, submission.numerator, submission.denominator, submission.weight)
    return [*map(_text, numbers), submission.comment]


def template_csv(rows: list[list]) -> bytes:
    return spreadsheets.csv_bytes(template_header(), rows)


def template_xlsx(rows: list[list], *, decimals: dict[str, int] | None = None) -> bytes:
    """The template as a workbook: its numbers as numbers, shown with the indicator's decimals
    (never rounded: an approved value sent back must be the same), then "How to fill in"."""
    header = template_header()
    numbers = [COLUMNS.index(column) for column in NUMBER_COLUMNS]
    value = COLUMNS.index("value")
    decimals = decimals or {}

    def cells(row: list) -> list:
        row = list(row)
        for index in numbers:
            if index < len(row):
                places = decimals.get(row[1]) if index == value else None
                row[index] = _template_number(row[index], places)
        return row

    guide = [_("Column"), _("What it holds"), _("Read by the import")]
    return spreadsheets.xlsx_bytes(
        "values",
        header,
        map(cells, rows),
        widths=spreadsheets.fit_widths(header, rows),
        more_sheets=[(_("How to fill in"), guide, _guide_rows())],
    )


def _template_number(cell, decimals: int | None):
    """A number cell showing at least `decimals` places and all of its own; text where a
    spreadsheet's number would not hold it exactly."""
    try:
        number = Decimal(cell) if isinstance(cell, str | int) and cell != "" else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return cell
    exponent = number.as_tuple().exponent
    if len(number.as_tuple().digits) > EXACT_DIGITS or not isinstance(exponent, int):
        return cell
    places = max(decimals or 0, -exponent)
    return spreadsheets.Figure(number.quantize(Decimal(1).scaleb(-places)), places)


def _guide_rows() -> list[list[str]]:
    yes, no = _("yes"), _("no")
    notes = {
        "period": _("The period of the file: leave it as it is."),
        "indicator": _("The indicator's code: leave it as it is."),
        "organization_id": _("The organization's ID: leave it as it is."),
        "organization": _("The organization's name, for reading."),
        "category": _("Empty on the total's row; a category's name on a row of its breakdown."),
        "value": _(
            "The figure of a count or an amount. Leave it empty for a percentage or a ratio: "
            "it is computed from the numerator and denominator."
        ),
        "numerator": _("For a percentage or a ratio: the number counted."),
        "denominator": _("For a percentage or a ratio: the number it is counted out of."),
        "weight": _("For a weighted average: the weight of the value (e.g. its participants)."),
        "comment": _("Optional, on the total's row."),
        "state": _(
            "The value's state now. An approved value cannot change: send its row back as it is."
        ),
    }
    unread = {"organization", "state"}
    rows = [[column, notes[column], no if column in unread else yes] for column in COLUMNS]
    rows += [[str(title), _("For reading."), no] for title in TEMPLATE_NOTES]
    rows.append(
        [
            "",
            _("A row without numbers or comment is skipped; a file is saved whole or not at all."),
            "",
        ]
    )
    return rows


def _unreadable() -> ValidationError:
    return ValidationError({"file": _("This file is not a spreadsheet that can be read.")})


def read_table(name: str, content: bytes) -> list[list]:
    """The cells of an uploaded CSV or XLSX file as read (the header first), within the
    bounds above; the activities import reads its own columns from it."""
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": str(FILE_TOO_LARGE)})
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif lower.endswith(".csv"):
        table = _read_csv(content)
    else:
        raise ValidationError({"file": _("Upload the template as an .xlsx or .csv file.")})
    if not table:
        raise ValidationError({"file": _("The file is empty.")})
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": TOO_MANY_ROWS % {"count": MAX_ROWS}})
    return table


def cell_text(cell) -> str:
    """A cell as text, trimmed, with the apostrophe of a neutralised formula removed."""
    return "" if cell is None else spreadsheets.plain(str(cell).strip())


def read_rows(name: str, content: bytes) -> list[dict]:
    """The data rows of an uploaded CSV or XLSX file, as dicts keyed by column name."""
    table = read_table(name, content)
    header = [str(cell or "").strip().lower() for cell in table[0]]
    missing = [
        column for column in ("indicator", "organization_id", "value") if column not in header
    ]
    if missing:
        raise ValidationError(
            {
                "file": _("Columns missing from the first row: %(columns)s.")
                % {"columns": ", ".join(missing)}
            }
        )
    return [
        {header[i]: cell_text(cell) for i, cell in enumerate(row) if i < len(header)}
        for row in table[1:]
    ]


def check_archive(content: bytes) -> None:
    """Refuse an XLSX that would unpack to far more than a spreadsheet of MAX_ROWS rows.

    The sizes are the archive's own; Python's zipfile never inflates a member beyond its
    stated size, so a member that lies about it fails its checksum instead."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if (
        len(members) > MAX_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or unpacked > MAX_RATIO * max(packed, 1) + 1024 * 1024
    ):
        raise ValidationError(
            {
                "file": _(
                    "This file unpacks to far more data than a spreadsheet of %(count)s rows "
                    "holds, so it is not read. Save it again from your spreadsheet program, or "
                    "upload it as CSV."
                )
                % {"count": MAX_ROWS}
            }
        )


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    check_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)
            return [list(row) for row in rows]
        finally:
            workbook.close()
    except Exception:  # openpyxl raises many kinds on a damaged or hostile file
        raise _unreadable() from None


_LONG_LINE = re.compile(f"[^\n]{{{MAX_LINE_CHARS + 1}}}")


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": _("Save the CSV file as UTF-8.")}) from None
    if _LONG_LINE.search(text):
        raise ValidationError(
            {
                "file": _("A line of this file is longer than %(count)s characters.")
                % {"count": MAX_LINE_CHARS}
            }
        )
    table = []
    try:
        for row in csv.reader(io.StringIO(text)):
            table.append(row[:MAX_COLUMNS])
            if len(table) > MAX_ROWS + 1:
                break
    except csv.Error:
        raise _unreadable() from None
    return table


def _number(raw: str) -> Decimal | None:
    if raw == "":
        return None
    try:
        number = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _blank(row: dict) -> bool:
    return not any(row.get(column) for column in FILLED_COLUMNS)


def _nul_columns(row: dict) -> list[str]:
    return [column for column in COLUMNS if has_nul(row.get(column))]


def nul_message(value: str) -> str:
    """Django's own message for a text holding a NUL; empty for one that holds none."""
    try:
        refuse_nul(value)
    except ValidationError as error:
        return error.messages[0]
    return ""


def _group(rows, indicators, organizations, period, result) -> RowGroups:
    """The file's lines as entries of the writer, recording errors by line and column."""
    by_code = {indicator.code.lower(): indicator for indicator in indicators}
    groups = RowGroups()
    for number, row in enumerate(rows, start=2):

        def error(column, message, number=number):
            result.errors.append(RowError(number, column, str(message)))

        if nul := _nul_columns(row):
            for column in nul:
                error(column, nul_message(row[column]))
            continue
        if _blank(row):
            result.skipped += any(row.values())
            continue
        errors_before = len(result.errors)
        if row.get("period") and not period.is_labelled(row["period"]):
            error(
                "period",
                _("This file is for %(period)s, not %(other)s.")
                % {"period": period, "other": row["period"]},
            )
        indicator = by_code.get(row.get("indicator", "").lower())
        if indicator is None:
            error("indicator", _("No indicator with this code is reported in this period."))
        organization = organizations.get(parse_id(row.get("organization_id", "")))
        if organization is None:
            error("organization_id", _("You cannot report for this organization."))
        numbers = {}
        for column in NUMBER_COLUMNS:
            try:
                numbers[column] = _number(row.get(column, ""))
            except ValueError:
                error(column, _("Enter a number."))
        if len(result.errors) > errors_before:
            continue
        category = _category(indicator, row.get("category", ""))
        if category is False:
            error("category", str(submissions.NO_SUCH_CATEGORY))
            continue
        key = (indicator.pk, organization.pk, period.pk)
        category_id = category.pk if category else None
        comment = row.get("comment", "")
        # A file gives what its columns hold, blank cells included; with a category column,
        # an entry's breakdown is the rows the file has for it.
        given = [column for column in FILLED_COLUMNS if column in row]
        given += ["categories"] if "category" in row else []
        if duplicate := groups.add(
            number, key, numbers, category_id=category_id, comment=comment, given=given
        ):
            error("category" if category else "value", duplicate)
    return groups


def _category(indicator: Indicator, label: str):
    """The category a row's label names; None for the total, False for no such category."""
    if not label:
        return None
    return next(
        (
            c
            for d in indicator.dimensions.all()
            for c in d.categories.all()
            if f"{c.dimension.name}: {c.name}".lower() == label.lower()
        ),
        False,
    )


def import_rows(
    *,
    user,
    initiative: Initiative,
    period: ReportingPeriod,
    rows: list[dict],
    submit: bool,
    progress=None,
) -> ImportResult:
    """Read every line, then save all of them or none, through the one writer
    (services.submissions). Returns counts, or errors by line and column."""
    result = ImportResult()
    indicators, organizations = _scope(user, initiative, period)
    groups = _group(rows, indicators, organizations, period, result)
    if groups.entries and not result.errors:
        try:
            saved = submissions.submissions_save(
                user=user,
                entries=groups.entries,
                submit=submit,
            )
        except ValidationError as error:  # someone else wrote meanwhile
            saved = None
            first = min(min(rows.values()) for rows in groups.rows)
            result.errors.extend(RowError(first, "value", m) for m in error.messages)
        if saved is not None:
            for error in saved.errors:
                column = IMPORT_COLUMNS.get(column_of(error), column_of(error))
                result.errors.append(
                    RowError(
                        groups.row_of(error),
                        column if column in COLUMNS else "value",
                        error.message,
                    )
                )
            result.created, result.updated = saved.created, saved.updated
            result.unchanged = saved.unchanged
    if progress:
        progress(len(groups.entries), len(groups.entries))
    if result.errors:
        result.rejected = len({error.row for error in result.errors})
        result.created = result.updated = result.unchanged = 0
        result.errors.sort(key=lambda error: (error.row, error.column))
    return result


IMPORT_COLUMNS = {"organization": "organization_id", "non_field_errors": "value"}


# --- large files, in the background -------------------------------------------------------

ASYNC_ROWS = 1000  # files with more rows than this are imported by Celery with a progress bar


def job_run(job_id: int) -> None:
    """Run a queued import (the Celery task calls this). The result is stored on the job."""
    from django.utils import translation

    from ..import_progress import progress_forget, progress_note
    from ..models import ImportJob

    job = ImportJob.objects.select_related("initiative", "period", "user").get(pk=job_id)
    if job.state not in (ImportJob.State.QUEUED, ImportJob.State.RUNNING):
        return
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
    with translation.override(job.language):
        try:
            with job.file.open("rb") as handle:
                rows = read_rows(job.file.name, handle.read())
            result = import_rows(
                user=job.user,
                initiative=job.initiative,
                period=job.period,
                rows=rows,
                submit=job.submit,
                progress=lambda done, total: progress_note(job.pk, done, total),
            )
        except ValidationError as error:
            result = ImportResult(errors=[RowError(0, "file", m) for m in error.messages])
    job.result = result_as_dict(result)
    job.state = ImportJob.State.DONE if result.ok else ImportJob.State.FAILED
    job.save(update_fields=["result", "state"])
    progress_forget(job.pk)


def result_as_dict(result: ImportResult) -> dict:
    """What the job page shows: the same counts and errors as the page of a small file."""
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "skipped": result.skipped,
        "rejected": result.rejected,
        "errors": [vars(error) for error in result.shown_errors],
        "more_errors": result.more_errors,
    }
