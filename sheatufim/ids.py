"""Ids from the outside world (query strings, form fields, JSON, spreadsheet cells)."""

MAX_ID = 2**63 - 1  # a bigint primary key


def parse_id(raw) -> int | None:
    """A whole number from 1 to MAX_ID, else None.

    `str.isdigit()` alone is not enough: it accepts "²" or "١" (which int() refuses or reads
    as another digit) and numbers too large for the database (SQLite raises OverflowError).
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit():
        number = int(raw)
    else:
        return None
    return number if 0 < number <= MAX_ID else None
