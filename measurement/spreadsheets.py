"""The one writer of every spreadsheet the platform produces (exports, import templates).

A text cell is made safe the same way everywhere:
- bidi overrides are removed (sheatufim.text.strip_overrides), so a name cannot reorder a cell;
- in CSV, text starting with = + - @ tab or CR gets a leading apostrophe, so a spreadsheet does
  not run it as a formula; a plain number ("-4", "2.5") stays a number;
- in XLSX, every text is stored as a string cell (never a formula), and the control characters
  XML cannot hold are removed.

Numbers (int, Decimal, float) and moments pass as they are. `plain` undoes the apostrophe, for
the import that reads a template back.

Every XLSX opens ready to read (docs/spreadsheets.md): a bold header row, frozen, with a filter
over the data; columns as wide as their header and the widths the caller knows before the rows
(the sheets stream in openpyxl's write-only mode, so the rows are never all held to measure
them); a `Figure` rounded to its decimals in the file and shown with them; date cells with a
date format; a right-to-left sheet for a reader of Hebrew or Arabic.
"""

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from django.utils import translation

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


# --- XLSX ------------------------------------------------------------------------------------

MIN_WIDTH, MAX_WIDTH = 6, 60  # in characters of the default font
NUMBER_WIDTH = 12  # a figure of up to a hundred million with its separators
MOMENT_WIDTH = 19  # 2026-03-31 17:05:00
DATE_WIDTH = 10
TEXT_WIDTH = 40  # free text (a comment): wider would push the next columns off the screen


class Figure(NamedTuple):
    """A number in its indicator's decimals: rounded in the file, shown with them."""

    value: Decimal | int | None
    decimals: int


def figure(value, decimals: int | None) -> Figure | Decimal | None:
    """`value` (a Decimal, or its text) rounded half up to `decimals` places; as it is when the
    decimals are not known."""
    if value is None or value == "":
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is None:
        return number
    try:
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # beyond the context's precision: as it is
        return number
    return Figure(abs(rounded) if rounded == 0 else rounded, decimals)  # never "-0.00"


def number_format(decimals: int) -> str:
    """'#,##0' for whole numbers, '#,##0.00' for two decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def longest(texts: Iterable) -> int:
    """The width of the longest of `texts`, in characters: for a column whose texts are known
    before the rows (the names of the indicators, organizations, periods)."""
    return max((len(str(text)) for text in texts if text is not None), default=0)


def _width_of(cell) -> int:
    if isinstance(cell, Figure):
        cell = cell.value
    if cell is None:
        return 0
    if isinstance(cell, datetime):
        return MOMENT_WIDTH
    if isinstance(cell, date):
        return DATE_WIDTH
    if isinstance(cell, int | float | Decimal):
        return len(f"{cell:,}")
    return len(str(cell))


def fit_widths(header: Sequence, rows: Sequence[Sequence]) -> list[int]:
    """Each column's longest cell: for a sheet whose rows are a list already."""
    widths = [0] * len(header)
    for row in rows:
        for index, cell in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _width_of(cell))
    return widths


def right_to_left() -> bool:
    """Whether the reader's language (the active one) is written right to left (he, ar)."""
    return translation.get_language_bidi()


class Sheet(NamedTuple):
    """A sheet to write: `widths` are its columns' content widths, known before the rows (the
    header's own width is added); None: measured from `rows` when they are a list."""

    name: str
    header: list
    rows: Iterable[Sequence]
    widths: Sequence[int] | None = None


def xlsx_file(
    sheet_name: str,
    header: list[str],
    rows: Iterable[list],
    *,
    widths: Sequence[int] | None = None,
    more_sheets: Iterable[Sheet | tuple] = (),
):
    """The workbook in a temporary file (in memory while small), rewound for reading.

    `more_sheets`: further Sheet(name, header, rows[, widths]) after the first, e.g. an import
    template's list of allowed values (imports read the first sheet only)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in (Sheet(sheet_name, header, rows, widths), *(Sheet(*s) for s in more_sheets)):
        _write_sheet(workbook, sheet)
    # The caller closes it (FileResponse does, once sent).
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return spool


def _write_sheet(workbook, spec: Sheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter

    sheet = workbook.create_sheet(spec.name[:31])
    widths = spec.widths
    if widths is None:
        widths = fit_widths(spec.header, spec.rows if isinstance(spec.rows, list) else [])
    for index, title in enumerate(spec.header, start=1):
        content = widths[index - 1] if index <= len(widths) else 0
        wanted = max(content, round(len(str(title)) * 1.15)) + 2  # the header is bold
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(wanted, MIN_WIDTH), MAX_WIDTH
        )
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = right_to_left()
    cells = _Cells(sheet)
    bold = Font(bold=True)
    head = cells(spec.header)
    for index, title in enumerate(head):
        head[index] = cell = cells.new(title)
        cell.font = bold
    sheet.append(head)
    count = 0
    for row in spec.rows:
        sheet.append(cells(row))
        count += 1
    # The filter is written after the rows (openpyxl writes a sheet's tail at close), so the
    # range can end at the last row without holding the rows.
    if spec.header:
        sheet.auto_filter = AutoFilter(ref=f"A1:{get_column_letter(len(spec.header))}{count + 1}")


class _Cells:
    """A row's values as cells: text made safe, figures as numbers in their format."""

    def __init__(self, sheet) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.sheet = sheet
        # Control characters (a vertical tab pasted from Word) are not allowed in XML.
        self.unwanted = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|{_OVERRIDE.pattern}")
        # One styled cell per column and format, reused from row to row: openpyxl writes a row
        # before it takes the next, and styling a new cell for every figure costs more than
        # the rest of the row.
        self.figures: dict[tuple[int, int], object] = {}

    def new(self, value):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # openpyxl would store it as a formula
        return cell

    def figure(self, column: int, value: Figure):
        key = (column, value.decimals)
        cell = self.figures.get(key)
        if cell is None:
            cell = self.figures[key] = self.new(None)
            cell.number_format = number_format(value.decimals)
        cell.value = value.value
        return cell

    def __call__(self, row) -> list:
        out = list(row)
        for index, cell in enumerate(out):
            if isinstance(cell, Figure):
                out[index] = None if cell.value is None else self.figure(index, cell)
                continue
            if not isinstance(cell, str):
                continue
            if self.unwanted.search(cell):
                cell = self.unwanted.sub("", cell)
            out[index] = self.new(cell) if cell.startswith("=") else cell
        return out


def xlsx_bytes(sheet_name: str, header: list[str], rows: Iterable[list], **layout) -> bytes:
    with xlsx_file(sheet_name, header, rows, **layout) as spool:
        return spool.read()
