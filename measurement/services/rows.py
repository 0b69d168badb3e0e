"""Rows of values grouped into entries, for the parsers that read rows (the bulk API's items,
a spreadsheet's lines): the row without a category holds the total, each row with one holds a
part of the same entry. Errors of the writer come back to the row and column they concern.
An entry changes only the fields its rows give (`given`, see Entry): the others keep their
stored values.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS

from .submissions import NO_SUCH, PARTS, TWICE_IN_BATCH, Entry, EntryError, Key
from .values import Values

NUMBERS = ("value", "numerator", "denominator", "weight")


@dataclass
class RowGroups:
    entries: list[Entry] = field(default_factory=list)
    rows: list[dict[str, int]] = field(default_factory=list)  # per entry: part → row
    _index: dict[Key, int] = field(default_factory=dict)

    def _entry(self, key: Key) -> int:
        if key not in self._index:
            self._index[key] = len(self.entries)
            self.entries.append(Entry(*key, values=Values(), given=frozenset()))
            self.rows.append({})
        return self._index[key]

    def add(
        self,
        row: int,
        key: Key,
        numbers: dict[str, Decimal | None],
        *,
        category_id: int | None = None,
        comment: str = "",
        given: Iterable[str] = (),
    ) -> str | None:
        """Put a row in its entry; returns why it cannot be (it appears twice), else None.
        `given`: the fields of the entry that the row gives (Entry.given)."""
        index = self._entry(key)
        part = "total" if category_id is None else f"category_{category_id}"
        if part in self.rows[index]:
            return str(TWICE_IN_BATCH)
        self.rows[index][part] = row
        entry = self.entries[index]
        values = entry.values
        if category_id is None:
            for name in NUMBERS:
                setattr(values, name, numbers.get(name))
            values.comment = comment[:2000]
        else:
            values.categories[category_id] = {name: numbers.get(name) for name in PARTS}
        entry.given = entry.given | frozenset(given)
        return None

    def row_of(self, error: EntryError) -> int:
        rows = self.rows[error.entry]
        base = error.field.removesuffix("_numerator").removesuffix("_denominator")
        return rows.get(base, rows.get("total", min(rows.values(), default=0)))


def column_of(error: EntryError) -> str:
    """The column a writer's error concerns: value, numerator, denominator, weight, category,
    indicator, organization, period or non_field_errors."""
    if error.code == NO_SUCH:
        return "category"
    if error.field.startswith("category_"):
        part = error.field.rsplit("_", 1)[-1]
        return part if part in PARTS else "value"
    if error.field == NON_FIELD_ERRORS:
        return "non_field_errors"
    if error.field in (*NUMBERS, "indicator", "organization", "period", "comment", "submit"):
        return error.field
    return "value"
