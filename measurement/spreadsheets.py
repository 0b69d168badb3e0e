"""The one writer of every spreadsheet the platform produces (exports, import templates).

A text cell is made safe the same way everywhere:
- bidi overrides are removed (sheatufim.text.strip_overrides), so a name cannot reorder a cell;
- in CSV, text starting with = + - @ tab or CR gets a leading apostrophe, so a spreadsheet does
  not run it as a formula; a plain number ("-4", "2.5") stays a number;
- in XLSX, every text is stored as a string cell (never a formula), and the control characters
  XML cannot hold are removed.

Numbers (int, Decimal, float) and moments pass as they are. `plain` undoes the apostrophe, for
the import that reads a template back.
"""

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator

from sheatufim.text import BIDI_OVERRIDES, strip_overrides

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_ROWS = 2000
SPOOL_BYTES = 4 * 1024 * 1024  # an XLSX larger than this is spooled to a file on disk

_OVERRIDE = re.compile(f"[{BIDI_OVERRIDES}]")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)\Z")
# A cell starting with one of these needs a look (an override may hide a formula behind it);
# overrides elsewhere are removed from each chunk of CSV at once: they are never , " or \n.
_FIRST = frozenset((*FORMULA_STARTS, *BIDI_OVERRIDES))


def _text(text: str) -> str:
    return strip_overrides(text) if _OVERRIDE.search(text) else text


def safe_text(text: str) -> str:
    """A CSV text cell that a spreadsheet will not run as a formula (a leading apostrophe)."""
    text = _text(text)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def plain(text: str) -> str:
    """The text of a cell that `safe_text` neutralised, as it was."""
    if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _csv_row(row) -> list:
    """Text made safe; None is written as empty by csv, numbers as they are."""
    return [safe_text(c) if isinstance(c, str) and c[:1] in _FIRST else c for c in row]


class _Pending:
    """A file for csv.writer that keeps what is written until it is taken."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> bytes:
        text = "".join(self.parts)
        self.parts.clear()
        if _OVERRIDE.search(text):
            text = strip_overrides(text)
        return text.encode()


def csv_chunks(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """The CSV, a few thousand rows at a time; a BOM first so that Excel reads UTF-8."""
    pending = _Pending()
    writer = csv.writer(pending)
    pending.write("\ufeff")
    writer.writerow(_csv_row(header))
    batch = []
    for row in rows:
        batch.append(_csv_row(row))
        if len(batch) == CHUNK_ROWS:
            writer.writerows(batch)
            batch.clear()
            yield pending.take()
    writer.writerows(batch)
    yield pending.take()


def csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    return b"".join(csv_chunks(header, rows))


def xlsx_file(sheet_name: str, header: list[str], rows: Iterable[list], *, more_sheets=()):
    """The workbook in a temporary file (in memory while small), rewound for reading.

    `more_sheets`: further (name, header, rows) after the first, e.g. an import template's
    list of allowed values (imports read the first sheet only)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)

    # Control characters (a vertical tab pasted from Word) are not allowed in XML.
    unwanted = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|{_OVERRIDE.pattern}")

    def cells(sheet, row):
        out = list(row)
        for index, cell in enumerate(out):
            if not isinstance(cell, str):
                continue
            if unwanted.search(cell):
                cell = unwanted.sub("", cell)
            if cell.startswith("="):
                text = WriteOnlyCell(sheet, value=cell)
                text.data_type = "s"  # openpyxl would store it as a formula
                cell = text
            out[index] = cell
        return out

    for name, head, lines in ((sheet_name, header, rows), *more_sheets):
        sheet = workbook.create_sheet(name[:31])
        sheet.append(cells(sheet, head))
        for row in lines:
            sheet.append(cells(sheet, row))
    # The caller closes it (FileResponse does, once sent).
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return spool


def xlsx_bytes(sheet_name: str, header: list[str], rows: Iterable[list]) -> bytes:
    with xlsx_file(sheet_name, header, rows) as spool:
        return spool.read()
