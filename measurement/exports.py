"""Exports of an initiative's measurement: submissions and rollups, as CSV or XLSX.

The rows are read with `.values_list(...).iterator()` (no model instances) in a fixed number
of queries whatever the size: the filter's choices, the period labels, then one streamed query
per table. CSV is produced while it is sent; XLSX is written by openpyxl's write-only workbook
into a temporary file that spills to disk above a few megabytes.

The filters are declared in measurement/filters.py, shared with the review queue.

Who sees what is decided by the same rules as the pages: the submissions are
`selectors.submission_list_for_user` (every organization's values for staff and facilitators,
or where the initiative shares them; else the user's own organization's); rollups are the
shared figures, computed from approved values only, for any member.

Breakdowns: the submissions export holds the totals only (one row per value); the figures per
category are in the rollups export, one row per category under each total.
"""

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import django_filters
from django.db import connection
from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative, Organization
from sheatufim.translated import text_of, texts_by_id

from . import selectors, spreadsheets
from .filters import RollupExportFilter, SubmissionExportFilter
from .models import (
    Category,
    CategoryRollup,
    Dimension,
    Indicator,
    Rollup,
    SubmissionState,
)
from .progress import Progress
from .provisional import is_provisional
from .selectors.yearly import yearly_figures

CHUNK_ROWS = spreadsheets.CHUNK_ROWS
XLSX_CONTENT_TYPE = spreadsheets.XLSX_CONTENT_TYPE


# --- cells (made safe by measurement/spreadsheets.py, the one writer) --------------------


def _number(value: Decimal | str | None) -> str:
    """7, 2.5, -0.25: no trailing zeros (PostgreSQL may have formatted it already)."""
    if value is None:
        return ""
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _xlsx_number(value: Decimal | str | None) -> Decimal | None:
    return Decimal(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class IndicatorFacts:
    """What a sheet says of an indicator: its name and unit in the reader's language, and the
    decimals its figures are rounded to."""

    code: str
    name: str
    unit: str
    decimals: int


def indicator_facts(queryset: QuerySet) -> dict[int, IndicatorFacts]:
    """In one query, by id, in the queryset's order."""
    rows = queryset.values_list(
        "pk", "code", "name", "unit", "decimals", "language", "translations"
    )
    return {
        pk: IndicatorFacts(
            code,
            text_of(name, language, translations, "name"),
            text_of(unit, language, translations, "unit"),
            decimals,
        )
        for pk, code, name, unit, decimals, language, translations in rows
    }


def _widths(facts: dict[int, IndicatorFacts]) -> dict[str, int]:
    """The widths of the indicators' columns, from the indicators already read."""
    listed = facts.values()
    decimals = max((f.decimals for f in listed), default=0)
    return {
        "code": spreadsheets.longest(f.code for f in listed),
        "name": spreadsheets.longest(f.name for f in listed),
        "unit": spreadsheets.longest(f.unit for f in listed),
        "value": spreadsheets.NUMBER_WIDTH + decimals,
    }


MOMENT_FORMAT = "%Y-%m-%d %H:%M:%S"  # in the current time zone, named in the header


def _moment(value, zone) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    return value.astimezone(zone).strftime(MOMENT_FORMAT)


def _naive_moment(value, zone):
    """Excel has no time zones: the local time, without its offset."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.strptime(value, MOMENT_FORMAT)
    return value.astimezone(zone).replace(tzinfo=None)


def _number_column(name: str):
    """On PostgreSQL the number comes as text without trailing zeros (trim_scale)."""
    if connection.vendor != "postgresql":
        return F(name)
    return Cast(Func(F(name), function="trim_scale"), output_field=CharField())


def _moment_column(name: str, zone_name: str):
    """On PostgreSQL the moment comes as local-time text, formatted by the database.

    Reading 100,000 timestamps as Python datetimes (through the time-zone-aware loader that
    Django installs in psycopg) cost more than the rest of the export together (bench P7).
    """
    if connection.vendor != "postgresql":
        return F(name)
    local = Func(Value(zone_name), F(name), function="timezone")
    return Func(local, Value("YYYY-MM-DD HH24:MI:SS"), function="to_char", output_field=CharField())


# --- the tables --------------------------------------------------------------------------


@dataclass
class Table:
    """A header and rows of plain values; `csv_row` and `xlsx_row` turn a row into cells.

    The XLSX may have columns of its own (the unit beside the value): `xlsx_header`, and the
    widths of its columns known before the rows, asked for only when an XLSX is written."""

    name: str
    header: list[str]
    rows: Iterable[tuple]
    csv_row: Callable[[tuple], list]
    xlsx_row: Callable[[tuple], list]
    xlsx_header: list[str] | None = None
    widths: Callable[[], list[int]] | None = None


def submission_table(*, initiative: Initiative, queryset: QuerySet) -> Table:
    """The filtered submissions, one row each; labels are translated now, in the request."""
    labels = {period.pk: period.label for period in selectors.period_list(initiative=initiative)}
    states = {value: str(label) for value, label in SubmissionState.choices}
    yes, no = _("yes"), _("no")
    zone, zone_name = timezone.get_current_timezone(), timezone.get_current_timezone_name()
    # Names in the reader's language (sheatufim/translated.py): one query per table of names.
    facts = indicator_facts(Indicator.objects.filter(initiative=initiative).order_by())
    indicators = {pk: fact.name for pk, fact in facts.items()}
    organizations = texts_by_id(
        Organization.objects.filter(pk__in=queryset.order_by().values("organization_id"))
    )
    rows = (
        queryset.order_by(
            "period__start", "period__frequency", "indicator__code", "organization__name"
        )
        .values_list(
            "indicator__code",
            "indicator_id",
            "organization_id",
            "period_id",
            "state",
            _number_column("value"),
            _number_column("numerator"),
            _number_column("denominator"),
            "comment",
            "flagged",
            _moment_column("submitted_at", zone_name),
            _moment_column("reviewed_at", zone_name),
        )
        .iterator(chunk_size=CHUNK_ROWS)
    )

    def csv_row(row):
        code, title, organization, period, state, value, num, den, comment, flag, sent, seen = row
        return [
            initiative.name,
            code,
            indicators.get(title, ""),
            organizations.get(organization, ""),
            labels.get(period, ""),
            states.get(state, state),
            _number(value),
            _number(num),
            _number(den),
            comment,
            yes if flag else no,
            _moment(sent, zone),
            _moment(seen, zone),
        ]

    def xlsx_row(row):
        code, title, organization, period, state, value, num, den, comment, flag, sent, seen = row
        fact = facts.get(title)
        return [
            initiative.name,
            code,
            fact.name if fact else "",
            organizations.get(organization, ""),
            labels.get(period, ""),
            states.get(state, state),
            spreadsheets.figure(value, fact.decimals if fact else None),
            fact.unit if fact else "",
            _xlsx_number(num),
            _xlsx_number(den),
            comment,
            yes if flag else no,
            _naive_moment(sent, zone),
            _naive_moment(seen, zone),
        ]

    header = [
        _("Initiative"),
        _("Indicator code"),
        _("Indicator"),
        _("Organization"),
        _("Period"),
        _("State"),
        _("Value"),
        _("Numerator"),
        _("Denominator"),
        _("Comment"),
        _("Flagged"),
        _("Submitted at (%(zone)s)") % {"zone": zone_name},
        _("Reviewed at (%(zone)s)") % {"zone": zone_name},
    ]
    unit = header.index(_("Value")) + 1
    xlsx_header = [*header[:unit], _("Unit"), *header[unit:]]

    def widths():
        known, number = _widths(facts), spreadsheets.NUMBER_WIDTH
        moment = spreadsheets.MOMENT_WIDTH
        return [
            len(initiative.name),
            known["code"],
            known["name"],
            spreadsheets.longest(organizations.values()),
            spreadsheets.longest(labels.values()),
            spreadsheets.longest(states.values()),
            known["value"],
            known["unit"],
            number,
            number,
            spreadsheets.TEXT_WIDTH,
            spreadsheets.longest((yes, no)),
            moment,
            moment,
        ]

    return Table(_("Submissions"), header, rows, csv_row, xlsx_row, xlsx_header, widths)


def rollup_table(*, initiative: Initiative, filterset: RollupExportFilter) -> Table:
    """The shared figures: each indicator × period total, then its categories under it."""
    periods = {p.pk: p for p in selectors.period_list(initiative=initiative)}
    labels = {pk: period.label for pk, period in periods.items()}
    # Both streams come ordered by the database's order of codes; the rank merges them.
    facts = indicator_facts(Indicator.objects.filter(initiative=initiative).order_by("code"))
    rank = {pk: position for position, pk in enumerate(facts)}
    totals = Rollup.objects.filter(indicator__initiative=initiative)
    parts = CategoryRollup.objects.filter(indicator__initiative=initiative)
    for name in ("period", "indicator"):
        chosen = filterset.form.cleaned_data.get(name)
        if chosen:
            totals = totals.filter(**{f"{name}__in": chosen})
            parts = parts.filter(**{f"{name}__in": chosen})
    order = ("indicator__code", "period__start", "period_id")
    common = ("indicator_id", "indicator__code", "indicator_id", "period_id")
    names = {pk: fact.name for pk, fact in facts.items()}
    dimensions = texts_by_id(Dimension.objects.filter(initiative=initiative))
    categories = texts_by_id(Category.objects.filter(dimension__initiative=initiative))
    zone, zone_name = timezone.get_current_timezone(), timezone.get_current_timezone_name()
    figures = (
        _number_column("value"),
        _number_column("numerator"),
        _number_column("denominator"),
        "contributing",
        "carried",
    )
    computed_at = _moment_column("computed_at", zone_name)
    total_rows = (
        totals.order_by(*order)
        .values_list(*common, *figures, "expected", computed_at)
        .iterator(chunk_size=CHUNK_ROWS)
    )
    category_rows = (
        parts.order_by(*order, "category__dimension__name", "category__order", "category__name")
        .values_list(*common, *figures, "category__dimension_id", "category_id", computed_at)
        .iterator(chunk_size=CHUNK_ROWS)
    )
    merged = heapq.merge(
        ((rank[row[0]], periods[row[3]].start, row[3], 0, row) for row in total_rows),
        ((rank[row[0]], periods[row[3]].start, row[3], 1, row) for row in category_rows),
        key=lambda item: item[:4],
    )
    rows = _provisional_rows(
        (_rollup_row(item[3], item[4][1:], names, dimensions, categories) for item in merged),
        periods,
        selectors.initiative_threshold(initiative=initiative),
    )
    yes, no = _("yes"), _("no")

    def csv_row(row):
        code, title, period, category, value, num, den, contributing, expected, when = row[:10]
        return [
            code,
            title,
            labels[period],
            category,
            _number(value),
            _number(num),
            _number(den),
            contributing,
            "" if expected is None else expected,
            _moment(when, zone),
            row[10],
            yes if row[11] else no,
        ]

    decimals = {fact.code: fact.decimals for fact in facts.values()}
    units = {fact.code: fact.unit for fact in facts.values()}

    def xlsx_row(row):
        code, title, period, category, value, num, den, contributing, expected, when = row[:10]
        return [
            code,
            title,
            labels[period],
            category,
            spreadsheets.figure(value, decimals.get(code)),
            units.get(code, ""),
            _xlsx_number(num),
            _xlsx_number(den),
            contributing,
            expected,
            _naive_moment(when, zone),
            row[10],
            yes if row[11] else no,
        ]

    header = [
        _("Indicator code"),
        _("Indicator"),
        _("Period"),
        _("Category"),
        _("Value"),
        _("Numerator"),
        _("Denominator"),
        _("Contributing organizations"),
        _("Expected organizations"),
        _("Computed at (%(zone)s)") % {"zone": zone_name},
        _("Carried forward organizations"),
        _("Provisional"),
    ]
    unit = header.index(_("Value")) + 1
    xlsx_header = [*header[:unit], _("Unit"), *header[unit:]]

    def widths():
        known, number = _widths(facts), spreadsheets.NUMBER_WIDTH
        category = spreadsheets.longest(dimensions.values()) + 2
        return [
            known["code"],
            known["name"],
            spreadsheets.longest(labels.values()),
            category + spreadsheets.longest(categories.values()),
            known["value"],
            known["unit"],
            number,
            number,
            number,
            number,
            spreadsheets.MOMENT_WIDTH,
            number,
            spreadsheets.longest((yes, no)),
        ]

    return Table(_("Rollups"), header, rows, csv_row, xlsx_row, xlsx_header, widths)


def _rollup_row(kind: int, row: tuple, names, dimensions, categories) -> tuple:
    """One shape for both: code, name, period, category ('' for the total), figures, then
    the carried forward; `expected` is None for a category."""
    if kind == 0:
        code, indicator, period, value, num, den, contributing, carried, expected, when = row
        title = names.get(indicator, "")
        return code, title, period, "", value, num, den, contributing, expected, when, carried
    code, indicator, period, value, num, den, contributing, carried, dim, category, when = row
    title = names.get(indicator, "")
    category = f"{dimensions.get(dim, '')}: {categories.get(category, '')}"
    return code, title, period, category, value, num, den, contributing, None, when, carried


def _provisional_rows(rows: Iterator[tuple], periods: dict, threshold: int) -> Iterator[tuple]:
    """Each row with whether its figure is provisional (measurement/provisional.py): a total
    by its own reports, a category by its total's, which comes just before it."""
    key, provisional = None, False
    for row in rows:
        code, _title, period, category, _v, _n, _d, contributing, expected, _w, carried = row
        if not category:
            key = (code, period)
            provisional = is_provisional(
                reported=contributing - carried,
                expected=expected,
                threshold=threshold,
                locked=periods[period].is_locked,
            )
        yield (*row, provisional if key == (code, period) else False)


# --- writers -----------------------------------------------------------------------------


def csv_chunks(table: Table) -> Iterator[bytes]:
    """The CSV, streamed (see spreadsheets.csv_chunks)."""
    return spreadsheets.csv_chunks(table.header, map(table.csv_row, table.rows))


def xlsx_file(table: Table):
    """The workbook in a spooled temporary file, rewound (see spreadsheets.xlsx_file)."""
    return spreadsheets.xlsx_file(
        table.name,
        table.xlsx_header or table.header,
        map(table.xlsx_row, table.rows),
        widths=table.widths() if table.widths else None,
    )


def submission_filter(*, user, initiative: Initiative, data) -> SubmissionExportFilter:
    """The filter over the submissions the user may see (the policy's scope, as the pages)."""
    queryset = selectors.submission_list_for_user(user=user, initiative=initiative)
    return SubmissionExportFilter(data, queryset=queryset, initiative=initiative)


class FiguresExportFilter(RollupExportFilter):
    """The shared figures' filters, and whether they come per period or per calendar year."""

    by = django_filters.ChoiceFilter(
        label=gettext_lazy("Figures"),
        choices=[
            ("period", gettext_lazy("Per period")),
            ("year", gettext_lazy("Per calendar year")),
        ],
        empty_label=gettext_lazy("Per period"),
        method=lambda queryset, _name, _value: queryset,
    )

    @property
    def by_year(self) -> bool:
        return self.form.cleaned_data.get("by") == "year"


def rollup_filter(*, initiative: Initiative, data) -> FiguresExportFilter:
    return FiguresExportFilter(data, queryset=Rollup.objects.none(), initiative=initiative)


def yearly_table(*, initiative: Initiative, filterset: RollupExportFilter) -> Table:
    """The shared figures per indicator and calendar year, by each indicator's time rule
    (measurement/selectors/yearly.py); the chosen periods choose their years."""
    indicators = Indicator.objects.filter(initiative=initiative).order_by("code")
    chosen = filterset.form.cleaned_data.get("indicator")
    if chosen:
        indicators = indicators.filter(pk__in=[i.pk for i in chosen])
    indicators = list(indicators)
    periods = filterset.form.cleaned_data.get("period")
    years = sorted({p.start.year for p in periods}) if periods else None
    found = yearly_figures(indicators=indicators, years=years)
    rules = dict(Indicator._meta.get_field("time_aggregation").flatchoices)
    yes, no = _("yes"), _("no")
    rows = (
        (indicator, figure) for indicator in indicators for figure in found.get(indicator.pk, [])
    )

    def csv_row(row):
        indicator, figure = row
        return [
            indicator.code,
            str(indicator.text("name")),
            figure.year,
            str(rules.get(indicator.time_aggregation, indicator.time_aggregation)),
            _number(figure.value),
            _number(figure.numerator),
            _number(figure.denominator),
            figure.with_figure,
            figure.periods_in_year,
            yes if figure.provisional else no,
            _number(figure.target),
            str(figure.progress.label) if figure.progress else "",
        ]

    def xlsx_row(row):
        indicator, figure = row
        cells = csv_row(row)
        cells[4:7] = [
            spreadsheets.figure(figure.value, indicator.decimals),
            str(indicator.text("unit")),
            _xlsx_number(figure.numerator),
            _xlsx_number(figure.denominator),
        ]
        cells[11] = spreadsheets.figure(figure.target, indicator.decimals)
        return cells

    header = [
        _("Indicator code"),
        _("Indicator"),
        _("Year"),
        _("Aggregation over time"),
        _("Value"),
        _("Numerator"),
        _("Denominator"),
        _("Periods with a figure"),
        _("Periods in the year"),
        _("Provisional"),
        _("Yearly target"),
        _("On track"),
    ]
    facts = {
        indicator.pk: IndicatorFacts(
            indicator.code,
            indicator.text("name"),
            indicator.text("unit"),
            indicator.decimals,
        )
        for indicator in indicators
    }

    def widths():
        known, number = _widths(facts), spreadsheets.NUMBER_WIDTH
        return [
            known["code"],
            known["name"],
            4,
            spreadsheets.longest(map(str, rules.values())),
            known["value"],
            known["unit"],
            number,
            number,
            number,
            number,
            spreadsheets.longest((yes, no)),
            known["value"],
            spreadsheets.longest(str(label) for label in Progress.labels),
        ]

    return Table(
        _("Yearly figures"),
        header,
        rows,
        csv_row,
        xlsx_row,
        [*header[:5], _("Unit"), *header[5:]],
        widths,
    )


def file_name(initiative: Initiative, what: str, extension: str) -> str:
    return f"{initiative.slug}-{what}-{timezone.localdate().isoformat()}.{extension}"
