"""The one spreadsheet writer: formula-like text neutralised, numbers kept, overrides removed."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from measurement import spreadsheets


def read_csv(header, rows):
    text = spreadsheets.csv_bytes(header, rows).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_text_that_looks_like_a_formula_gets_an_apostrophe():
    cells = ["=1+1", "+cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "plain"]
    (line,) = read_csv(["h"] * len(cells), [cells])[1:]
    assert line == [
        "'=1+1",
        "'+cmd",
        "'-2+3+cmd|' /C calc'!A0",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "plain",
    ]


def test_csv_numbers_stay_numbers():
    (line,) = read_csv(["a", "b", "c", "d", "e"], [[-4, Decimal("-2.5"), "-7", "+3.25", None]])[1:]
    assert line == ["-4", "-2.5", "-7", "+3.25", ""]


def test_csv_bidi_overrides_are_removed_and_cannot_hide_a_formula():
    (line,) = read_csv(["a", "b"], [["\u202e=HYPERLINK(1)", "abc\u202edef\u202c"]])[1:]
    assert line == ["'=HYPERLINK(1)", "abcdef"]
    header = read_csv(["\u202dname"], [])[0]
    assert header == ["name"]


def test_plain_undoes_the_apostrophe_only_before_a_formula_start():
    assert spreadsheets.plain("'=1+1") == "=1+1"
    assert spreadsheets.plain("'-Women") == "-Women"
    assert spreadsheets.plain("'quoted'") == "'quoted'"
    assert spreadsheets.plain(spreadsheets.safe_text("@x")) == "@x"


def test_xlsx_text_is_never_a_formula_and_loses_overrides_and_control_characters():
    content = spreadsheets.xlsx_bytes(
        "values", ["h1", "h2", "h3"], [["=1+1", "a\u202eb\x0bc", Decimal("2.5")]]
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    (cells,) = sheet.iter_rows(min_row=2)
    assert [cell.data_type for cell in cells] == ["s", "s", "n"]
    assert [cell.value for cell in cells] == ["=1+1", "abc", 2.5]
