"""Import of activities from a spreadsheet: the mapping exercise a backbone runs at the start
of an initiative, and again each time the map is corrected.

The file has the export's columns (activities/exports.py), its header in any of the
platform's languages or as the column keys (`starts_on`). A row with the `id` of an activity
of this initiative updates that activity, and only where the row differs from it; a row
equal to it is unchanged. A row without an id creates an activity. So an export or a template
uploaded back changes nothing and creates nothing, and the corrected map uploaded again
updates what was corrected. Columns left out of the file are left as they are (new rows get
the defaults); the sector column is for reading: it is the organization's.

All or nothing: every row is read, then every write goes through the one write path
(`services.activity_update` for each changed row, `services.activities_create` for the new
ones) in one transaction that is rolled back if any row has an error, so that the errors of
every row come back at once and nothing is saved. An error names its row (the header is row
1, so the first activity is row 2) and its column as the file names it.

Reading is the value import's (measurement/services/imports.py): the size, archive and row
bounds, NUL refused at its cell, and the apostrophe that the exports put before a formula.
"""

import contextlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from agenda.models import Strategy
from initiatives.models import Initiative, Organization, Participation, Sector, User
from measurement import spreadsheets
from measurement.models import Indicator
from measurement.services.imports import (
    TOO_MANY_ROWS,
    ImportResult,
    RowError,
    cell_text,
    nul_message,
)
from measurement.services.imports import read_table as _read_table
from sheatufim.ids import parse_id
from sheatufim.text import has_nul, isolate, strip_overrides
from sheatufim.translated import LANGUAGE_CODES

from . import exports, permissions, services
from .exports import COLUMNS, INDICATOR_SEPARATOR, LABELS, name_key, names_of
from .models import Activity, ActivityRole, ActivityStatus
from .services import ActivityDraft, RowsInvalid

REQUIRED = ("organization", "strategy", "title")
# Each changed row is one call of the write path: a few queries each. The mapping exercise
# is hundreds of rows; this bound keeps a request of changes within seconds.
MAX_ROWS = 5000

UNKNOWN_COLUMN = gettext_lazy(
    "The template has no such column: remove it, or name it as the template does."
)
MISSING_COLUMN = gettext_lazy("This column is required: add it to the first row.")
TWICE_COLUMN = gettext_lazy("Two columns of the first row have this name.")
NO_ACTIVITY = gettext_lazy(
    "No activity of this initiative has this ID. Leave it empty to add a new activity."
)
SAME_ACTIVITY = gettext_lazy("Row %(row)s already has this ID.")
ENTER_ORGANIZATION = gettext_lazy("Enter the organization's name or registration number.")
NO_ORGANIZATION = gettext_lazy(
    "No organization of this initiative has this name or registration number."
)
AMBIGUOUS_ORGANIZATION = gettext_lazy(
    "Several organizations have this name: enter the registration number instead."
)
ENTER_STRATEGY = gettext_lazy("Enter the strategy's title or ID.")
NO_STRATEGY = gettext_lazy("No strategy of this initiative's agenda has this title or ID.")
AMBIGUOUS_STRATEGY = gettext_lazy(
    "Several strategies have this title: fill in the goal, or enter the strategy's ID "
    "(listed in the template)."
)
NOT_UNDER_GOAL = gettext_lazy("No strategy of this title is under this goal.")
NO_CHOICE = gettext_lazy("Enter one of: %(choices)s.")
ENTER_DATE = gettext_lazy("Enter a date as YYYY-MM-DD, for example 2026-09-01.")
NO_INDICATOR = gettext_lazy("No indicator of this initiative has the name or code “%(name)s”.")
AMBIGUOUS_INDICATOR = gettext_lazy(
    "Several indicators are named “%(name)s”: enter its code instead."
)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
TEXT_FIELDS = ("title", "description", "population", "geography")


# --- reading -----------------------------------------------------------------------------


def read_table(name: str, content: bytes) -> list[list]:
    """The cells of an uploaded file (ValidationError at "file" for one that cannot be read)."""
    table = _read_table(name, content)
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": TOO_MANY_ROWS % {"count": MAX_ROWS}})
    return table


def _cell(raw) -> str:
    """A cell as text; an XLSX date cell as YYYY-MM-DD, a whole number without ".0"."""
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return cell_text(raw)


def column_keys() -> dict[str, str]:
    """What a header cell may say for each column: its key, or its label in any language."""
    keys = {}
    for column in COLUMNS:
        keys[name_key(column)] = column
        keys[name_key(column.replace("_", " "))] = column
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for column in COLUMNS:
                keys.setdefault(name_key(LABELS[column]), column)
    return keys


@dataclass
class Header:
    """The file's columns: key → its position and the name the file gives it."""

    positions: dict[str, int] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    def name(self, column: str) -> str:
        return self.shown.get(column) or str(LABELS.get(column, column))

    def order(self, error: RowError) -> int:
        for column, name in self.shown.items():
            if name == error.column:
                return self.positions[column]
        return len(COLUMNS)


def read_header(cells: list) -> Header:
    header, known = Header(), column_keys()
    for position, raw in enumerate(cells):
        text = _cell(raw)
        if not text:
            continue  # an unnamed column (notes beside the table) is not read
        column = known.get(name_key(text))
        if column is None:
            header.errors.append(RowError(1, text, str(UNKNOWN_COLUMN)))
        elif column in header.positions:
            header.errors.append(RowError(1, text, str(TWICE_COLUMN)))
        else:
            header.positions[column] = position
            header.shown[column] = text
    for column in REQUIRED:
        if column not in header.positions:
            header.errors.append(RowError(1, header.name(column), str(MISSING_COLUMN)))
    return header


# --- what the names in the file point at -------------------------------------------------


def _choice_keys(choices) -> dict[str, str]:
    """A role or status by its value or its label in any language."""
    keys = {name_key(value): value for value, _label in choices.choices}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for value, label in choices.choices:
                keys.setdefault(name_key(label), value)
    return keys


class Lookup:
    """The initiative's organizations, strategies, indicators and the file's activities, read
    once for the whole file (a fixed number of queries), by every name they go by."""

    def __init__(self, initiative: Initiative, ids: set[int]):
        organizations = Organization.objects.filter(
            Q(
                pk__in=Participation.objects.active()
                .filter(initiative=initiative)
                .values("organization_id")
            )
            | Q(pk__in=Activity.objects.filter(initiative=initiative).values("organization_id"))
        )
        self.organizations = defaultdict(list)
        self.registration = {}
        for organization in organizations:
            for key in names_of(organization.name, organization.translations, "name"):
                self.organizations[key].append(organization)
            if organization.registration_number:
                self.registration[organization.registration_number] = organization
        strategies = Strategy.objects.filter(goal__initiative=initiative).select_related("goal")
        self.strategies = defaultdict(list)
        self.strategy_ids = {}
        self.goal_names = {}
        for strategy in strategies:
            for key in names_of(strategy.title, strategy.translations, "title"):
                self.strategies[key].append(strategy)
            self.strategy_ids[strategy.pk] = strategy
            goal = strategy.goal
            self.goal_names[goal.pk] = names_of(goal.title, goal.translations, "title")
        self.indicator_names = defaultdict(list)
        self.indicator_codes = {}
        for indicator in Indicator.objects.filter(initiative=initiative):
            self.indicator_codes[name_key(indicator.code)] = indicator
            for key in names_of(indicator.name, indicator.translations, "name"):
                self.indicator_names[key].append(indicator)
        self.activities = Activity.objects.filter(initiative=initiative, pk__in=ids).in_bulk()
        self.links = defaultdict(set)
        for activity_id, indicator_id in Activity.indicators.through.objects.filter(
            activity_id__in=list(self.activities)
        ).values_list("activity_id", "indicator_id"):
            self.links[activity_id].add(indicator_id)
        self.roles = _choice_keys(ActivityRole)
        self.statuses = _choice_keys(ActivityStatus)


def _narrowed(candidates: list, current_id: int | None) -> list:
    """Of several with one name, the one the activity already points at."""
    if len(candidates) > 1 and current_id is not None:
        same = [candidate for candidate in candidates if candidate.pk == current_id]
        if same:
            return same
    return candidates


class CellError(Exception):
    """What is wrong with one cell of a row: its column's key and the message."""

    def __init__(self, column: str, message):
        super().__init__(message)
        self.column, self.message = column, str(message)


def _organization(text: str, lookup: Lookup, current: Activity | None) -> Organization:
    if not text:
        raise CellError("organization", ENTER_ORGANIZATION)
    if text in lookup.registration:
        return lookup.registration[text]
    current_id = current.organization_id if current else None
    found = _narrowed(lookup.organizations.get(name_key(text), []), current_id)
    if not found:
        raise CellError("organization", NO_ORGANIZATION)
    if len(found) > 1:
        raise CellError("organization", AMBIGUOUS_ORGANIZATION)
    return found[0]


def _strategy(text: str, goal: str, lookup: Lookup, current: Activity | None) -> Strategy:
    if not text:
        raise CellError("strategy", ENTER_STRATEGY)
    found = lookup.strategies.get(name_key(text), [])
    if not found and parse_id(text) in lookup.strategy_ids:
        found = [lookup.strategy_ids[parse_id(text)]]
    if not found:
        raise CellError("strategy", NO_STRATEGY)
    if goal:
        found = [s for s in found if name_key(goal) in lookup.goal_names[s.goal_id]]
        if not found:
            raise CellError("goal", NOT_UNDER_GOAL)
    found = _narrowed(found, current.strategy_id if current else None)
    if len(found) > 1:  # one of them still on the agenda, the others retired
        found = [s for s in found if not (s.retired or s.goal.retired)] or found
    if len(found) > 1:
        raise CellError("strategy", AMBIGUOUS_STRATEGY)
    return found[0]


def _choice(text: str, keys: dict[str, str], choices, column: str) -> str | None:
    if not text:
        return None
    value = keys.get(name_key(text))
    if value is None:
        between = pgettext("between the items of a list", ", ")
        shown = between.join(str(label) for label in choices.labels)
        raise CellError(column, NO_CHOICE % {"choices": shown})
    return value


def _date(text: str, column: str) -> date | None:
    if not text:
        return None
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(column, ENTER_DATE) from None


def _indicators(text: str, lookup: Lookup) -> list[Indicator]:
    chosen = {}
    for part in text.split(INDICATOR_SEPARATOR):
        key = name_key(part)
        if not key:
            continue
        by_code = lookup.indicator_codes.get(key)
        found = [by_code] if by_code else lookup.indicator_names.get(key, [])
        if not found:
            raise CellError("indicators", NO_INDICATOR % {"name": isolate(part.strip())})
        if len(found) > 1:
            raise CellError("indicators", AMBIGUOUS_INDICATOR % {"name": isolate(part.strip())})
        chosen[found[0].pk] = found[0]
    return list(chosen.values())


# --- one row -----------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    activity: Activity | None  # the activity its id names; None for a new one
    values: dict = field(default_factory=dict)  # the fields its columns give
    indicators: list[Indicator] | None = None  # None where the file has no such column


def _values(cells: dict[str, str], lookup: Lookup, current: Activity | None):
    """A row's cells as an activity's fields, and what is wrong with any of them."""
    row, errors = Row(number=0, activity=current), []

    def read(parse, *args):
        try:
            return parse(*args)
        except CellError as error:
            errors.append(error)

    values = row.values
    values["organization"] = read(_organization, cells["organization"], lookup, current)
    goal = cells.get("goal", "")
    values["strategy"] = read(_strategy, cells["strategy"], goal, lookup, current)
    for name in TEXT_FIELDS:
        if name in cells:
            values[name] = cells[name]
    for name, keys, choices in (
        ("role", lookup.roles, ActivityRole),
        ("status", lookup.statuses, ActivityStatus),
    ):
        if name in cells:
            value = read(_choice, cells[name], keys, choices, name)
            if value is not None:  # empty: the default for a new activity, else unchanged
                values[name] = value
    for name in ("starts_on", "ends_on"):
        if name in cells:
            values[name] = read(_date, cells[name], name)
    if "indicators" in cells:
        row.indicators = read(_indicators, cells["indicators"], lookup)
    return row, errors


def _same_text(name: str, new: str, old: str) -> bool:
    """Equal as the write path would store it (spaces collapsed; line ends alike)."""
    new = strip_overrides(new)
    if name == "description":
        return new.replace("\r\n", "\n").strip() == (old or "").replace("\r\n", "\n").strip()
    return " ".join(new.split()) == old


def changes_of(row: Row, lookup: Lookup) -> tuple[dict, list[Indicator] | None]:
    """What a row with an id would change: the fields that differ, and the indicators if
    they differ (None where they do not)."""
    activity, changes = row.activity, {}
    for name, value in row.values.items():
        if name in ("organization", "strategy"):
            if value.pk != getattr(activity, f"{name}_id"):
                changes[name] = value
        elif name in TEXT_FIELDS:
            if not _same_text(name, value, getattr(activity, name)):
                changes[name] = value
        elif value != getattr(activity, name):
            changes[name] = value
    indicators = row.indicators
    if indicators is not None and {i.pk for i in indicators} == lookup.links[activity.pk]:
        indicators = None
    return changes, indicators


# --- the file ----------------------------------------------------------------------------


class _Refused(Exception):
    """Leaves the transaction, rolling back what the checked rows wrote."""


def _identified(text: str, lookup: Lookup, seen: dict[int, int], number: int):
    """The activity a row's id names (None for a new one), once per file."""
    if not text:
        return None
    activity = lookup.activities.get(parse_id(text))
    if activity is None:
        raise CellError("id", NO_ACTIVITY)
    if activity.pk in seen:
        raise CellError("id", SAME_ACTIVITY % {"row": seen[activity.pk]})
    seen[activity.pk] = number
    return activity


def _rows(table, header: Header, result: ImportResult, lookup: Lookup) -> list[Row]:
    """The file's rows that can be written; the others' errors, by row and column."""
    rows, seen = [], {}
    for number, line in enumerate(table[1:], start=2):
        cells = {
            column: _cell(line[position]) if position < len(line) else ""
            for column, position in header.positions.items()
        }
        if not any(cells.values()):
            continue  # a blank line
        errors = [CellError(c, nul_message(text)) for c, text in cells.items() if has_nul(text)]
        if not errors:
            try:
                current = _identified(cells.get("id", ""), lookup, seen, number)
            except CellError as error:
                errors = [error]
            else:
                row, errors = _values(cells, lookup, current)
        for error in errors:
            result.errors.append(RowError(number, header.name(error.column), error.message))
        if not errors:
            row.number = number
            rows.append(row)
    return rows


def _field_errors(number: int, errors: dict, header: Header, result: ImportResult) -> None:
    """A write path's errors by field, at the row's columns (one message once per row)."""
    shown = set()
    for name, messages in errors.items():
        column = "ends_on" if name == NON_FIELD_ERRORS else name  # the dates' constraint
        for message in messages:
            if message not in shown:
                shown.add(message)
                result.errors.append(RowError(number, header.name(column), str(message)))


def _write(user, initiative, rows: list[Row], header: Header, result, lookup) -> None:
    creates = [row for row in rows if row.activity is None]
    with transaction.atomic():
        for row in rows:
            if row.activity is None:
                continue
            changes, indicators = changes_of(row, lookup)
            if not changes and indicators is None:
                result.unchanged += 1
                continue
            try:
                services.activity_update(
                    user=user, activity=row.activity, indicators=indicators, **changes
                )
            except Activity.DoesNotExist:  # deleted since the file was read
                result.errors.append(RowError(row.number, header.name("id"), str(NO_ACTIVITY)))
            except ValidationError as error:
                _field_errors(row.number, error.message_dict, header, result)
            else:
                result.updated += 1
        drafts = [ActivityDraft(**row.values, indicators=row.indicators or []) for row in creates]
        if drafts:
            try:
                services.activities_create(user=user, initiative=initiative, drafts=drafts)
            except RowsInvalid as error:
                for index, errors in error.rows.items():
                    _field_errors(creates[index].number, errors, header, result)
        result.created = len(drafts)
        if result.errors:
            raise _Refused


def _ids(table, header: Header) -> set[int]:
    position = header.positions.get("id")
    if position is None:
        return set()
    ids = {parse_id(_cell(line[position])) for line in table[1:] if position < len(line)}
    return ids - {None}


def import_table(*, user: User, initiative: Initiative, table: list[list]) -> ImportResult:
    """Check every row of the file, then save all of them or none (see the module's doc)."""
    if not permissions.can_manage_all_activities(user, initiative):
        raise PermissionDenied
    header = read_header(table[0])
    result = ImportResult(errors=header.errors)
    if not result.errors:
        lookup = Lookup(initiative, _ids(table, header))
        rows = _rows(table, header, result, lookup)
        with contextlib.suppress(_Refused):  # rolled back: the errors say why
            _write(user, initiative, rows, header, result, lookup)
    if result.errors:
        result.rejected = len({error.row for error in result.errors})
        result.created = result.updated = result.unchanged = 0
        result.errors.sort(key=lambda error: (error.row, header.order(error)))
    return result


# --- the template ------------------------------------------------------------------------


def allowed_values(initiative: Initiative) -> tuple[list[str], list[list]]:
    """The template's second sheet: what the role, status, strategy, organization and
    indicators columns accept, each by name and by value, ID, registration number or code."""
    header = [_("Column"), _("Name"), _("Also accepted"), _("Goal or sector")]
    rows = []
    for column, choices in (("role", ActivityRole), ("status", ActivityStatus)):
        rows += [[str(LABELS[column]), str(label), value, ""] for value, label in choices.choices]
    strategies = Strategy.objects.filter(
        goal__initiative=initiative, retired=False, goal__retired=False
    ).select_related("goal")
    for strategy in strategies.order_by("goal__order", "goal_id", "order", "id"):
        rows.append(
            [
                str(LABELS["strategy"]),
                str(strategy.text("title")),
                strategy.pk,
                str(strategy.goal.text("title")),
            ]
        )
    sectors = dict(Sector.choices)
    organizations = Organization.objects.filter(
        pk__in=Participation.objects.active().filter(initiative=initiative).values("organization")
    )
    for organization in organizations.order_by("name", "id"):
        rows.append(
            [
                str(LABELS["organization"]),
                str(organization.text("name")),
                organization.registration_number,
                str(sectors.get(organization.sector, "")),
            ]
        )
    for indicator in Indicator.objects.filter(initiative=initiative).order_by("code"):
        rows.append([str(LABELS["indicators"]), str(indicator.text("name")), indicator.code, ""])
    return header, rows


def template_xlsx(initiative: Initiative):
    """The workbook to fill: the current activities, then the allowed values (spooled file)."""
    table = exports.activity_table(initiative=initiative)
    notes = (_("Allowed values"), *allowed_values(initiative))
    return spreadsheets.xlsx_file(
        table.name,
        table.header,
        map(table.xlsx_row, table.rows),
        widths=table.widths(),
        more_sheets=[notes],
    )
