"""Exports of an initiative's activities, as CSV (streamed) or XLSX, and the table that the
import template starts from (the same columns, so that an export uploads back as it is).

Cells are written by measurement/spreadsheets.py, the one writer (formula injection, bidi
overrides). The names of what an activity points at (organization, sector, goal, strategy,
role, status, indicators) are in the reader's language; the activity's own title and
description are as written (their translations are edited on the activity's page, and an
import that read a translation back would overwrite the original with it).

The query count does not grow with the data: the indicators' names, the activities' links to
them, then one streamed query of the activities with their organization, strategy and goal.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative, Sector
from measurement import exports as measurement_exports
from measurement import spreadsheets
from measurement.exports import Table
from measurement.models import Indicator
from sheatufim.translated import LANGUAGE_CODES, text_of

from . import selectors
from .models import Activity, ActivityRole, ActivityStatus

CHUNK_ROWS = measurement_exports.CHUNK_ROWS
XLSX_CONTENT_TYPE = measurement_exports.XLSX_CONTENT_TYPE

# The columns, by the key the import knows them by; the header shows their labels.
COLUMNS = (
    "id",
    "organization",
    "sector",
    "goal",
    "strategy",
    "title",
    "description",
    "role",
    "status",
    "population",
    "geography",
    "starts_on",
    "ends_on",
    "indicators",
)
LABELS = {
    "id": gettext_lazy("ID"),
    "organization": gettext_lazy("Organization"),
    "sector": gettext_lazy("Sector"),
    "goal": gettext_lazy("Goal"),
    "strategy": gettext_lazy("Strategy"),
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "role": gettext_lazy("Role"),
    "status": gettext_lazy("Status"),
    "population": gettext_lazy("Population"),
    "geography": gettext_lazy("Geography"),
    "starts_on": gettext_lazy("Starts on"),
    "ends_on": gettext_lazy("Ends on"),
    "indicators": gettext_lazy("Indicators"),
}
INDICATOR_SEPARATOR = ";"
NAME_WIDTH, ID_WIDTH = 30, 6  # XLSX columns, in characters


def header() -> list[str]:
    """The first row, in the reader's language."""
    return [str(LABELS[column]) for column in COLUMNS]


def name_key(text) -> str:
    """How names are compared: "Math  Clubs " = "math clubs"."""
    return " ".join(str(text or "").split()).casefold()


def names_of(original: str, translations: dict | None, field: str) -> set[str]:
    """The name keys of a text in every language it has (the original and its versions)."""
    versions = (translations or {}).get(field) or {}
    texts = [original, *(versions.get(code) for code in LANGUAGE_CODES)]
    return {name_key(text) for text in texts if isinstance(text, str) and text.strip()}


# --- filters -----------------------------------------------------------------------------


# --- the table ---------------------------------------------------------------------------


def indicator_labels(initiative: Initiative) -> dict[int, str]:
    """Each indicator as the export names it: its name in the reader's language, or its code
    where that name would not say which one it is (another indicator has it, in any language,
    or it holds the list's separator). The import reads both."""
    rows = list(
        Indicator.objects.filter(initiative=initiative).values_list(
            "pk", "code", "name", "language", "translations"
        )
    )
    taken: defaultdict[str, set[int]] = defaultdict(set)
    for pk, code, name, _language, translations in rows:
        for key in {name_key(code), *names_of(name, translations, "name")}:
            taken[key].add(pk)
    labels = {}
    for pk, code, name, language, translations in rows:
        shown = text_of(name, language, translations, "name")
        ambiguous = taken[name_key(shown)] != {pk} or INDICATOR_SEPARATOR in shown
        labels[pk] = code if ambiguous else str(shown)
    return labels


def _links(queryset) -> dict[int, list[int]]:
    links = defaultdict(list)
    rows = Activity.indicators.through.objects.filter(activity__in=queryset.values("pk"))
    for activity_id, indicator_id in rows.order_by("activity_id", "indicator_id").values_list(
        "activity_id", "indicator_id"
    ):
        links[activity_id].append(indicator_id)
    return links


def activity_table(
    *, initiative: Initiative, filters: selectors.MatrixFilters | None = None
) -> Table:
    """The initiative's activities (filtered), one row each, in the reader's language."""
    queryset = selectors.activity_list(initiative=initiative, filters=filters).prefetch_related(
        None
    )
    roles = {value: str(label) for value, label in ActivityRole.choices}
    statuses = {value: str(label) for value, label in ActivityStatus.choices}
    sectors = {value: str(label) for value, label in Sector.choices}
    labels = indicator_labels(initiative)
    links = _links(queryset)
    activities = queryset.order_by(
        "strategy__goal__order", "strategy__goal_id", "strategy__order", "strategy_id", "id"
    ).iterator(chunk_size=CHUNK_ROWS)
    separator = f"{INDICATOR_SEPARATOR} "

    def cells(activity: Activity) -> list:
        strategy, organization = activity.strategy, activity.organization
        return [
            activity.pk,
            str(organization.text("name")),
            sectors.get(organization.sector, organization.sector),
            str(strategy.goal.text("title")),
            str(strategy.text("title")),
            activity.title,
            activity.description,
            roles.get(activity.role, activity.role),
            statuses.get(activity.status, activity.status),
            activity.population,
            activity.geography,
            activity.starts_on,
            activity.ends_on,
            separator.join(labels[pk] for pk in links.get(activity.pk, ()) if pk in labels),
        ]

    def csv_row(activity: Activity) -> list:
        row = cells(activity)
        for index in (11, 12):  # the dates, as YYYY-MM-DD
            row[index] = row[index].isoformat() if row[index] else ""
        return row

    def widths() -> list[int]:
        # The names of organizations, goals and strategies are not read before the rows (a
        # query more for their lengths would be one more than the export's bound): by kind.
        longest, name, text = spreadsheets.longest, NAME_WIDTH, spreadsheets.TEXT_WIDTH
        return [
            ID_WIDTH,
            name,
            longest(sectors.values()),
            name,
            name,
            name,
            text,
            longest(roles.values()),
            longest(statuses.values()),
            name,
            name,
            spreadsheets.DATE_WIDTH,
            spreadsheets.DATE_WIDTH,
            min(text, 2 * longest(labels.values())),
        ]

    # XLSX: the id a number, the dates date cells.
    return Table(_("Activities"), header(), activities, csv_row, cells, widths=widths)


def csv_chunks(table: Table) -> Iterator[bytes]:
    return measurement_exports.csv_chunks(table)


def xlsx_file(table: Table):
    return measurement_exports.xlsx_file(table)


def file_name(initiative: Initiative, what: str, extension: str) -> str:
    return measurement_exports.file_name(initiative, what, extension)
