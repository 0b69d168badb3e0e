"""Every XLSX opens ready to read: a bold, frozen header with a filter over the data, widths
that fit, figures rounded to the indicator's decimals in the file, the unit beside the value,
date cells, right to left for Hebrew and Arabic; the import template says what each row
needs, in columns the import ignores, and a filled-in template imports as before."""

import csv
import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from measurement import services, spreadsheets
from measurement.models import Indicator, Submission
from measurement.services import imports, rollups
from tests.measurement.factories import IndicatorFactory, assign
from tests.measurement.test_exports import (
    exported,  # noqa: F401 (a fixture)
    url,
)
from tests.measurement.test_imports import (
    percent,  # noqa: F401 (a fixture)
    snapshot,
    upload,
)
from tests.measurement.test_imports import url as import_url
from tests.measurement.test_query_counts import grow

RTL = ["he", "ar"]


def workbook_of(response):
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    body = (
        b"".join(response.streaming_content)
        if response.streaming
        else response.content  # the template is not streamed
    )
    return load_workbook(io.BytesIO(body))


def columns(sheet) -> dict[str, int]:
    """Header text → 1-based column number."""
    return {cell.value: cell.column for cell in sheet[1]}


def width(sheet, column: int) -> float:
    return sheet.column_dimensions[get_column_letter(column)].width


def assert_ready(sheet):
    """The layout every sheet has: bold frozen header, a filter over header and rows, widths."""
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    last = get_column_letter(sheet.max_column)
    assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    for cell in sheet[1]:
        assert len(cell.value) + 2 <= width(sheet, cell.column) <= spreadsheets.MAX_WIDTH


@pytest.fixture
def decimals(world, exported):  # noqa: F811
    """MATH5 with two decimals and a unit; partner_org's approved 7 becomes 7.456, whose figure
    rounds half up to 7.46; READ3 with none, its draft 100 becomes 100.5 (→ 101)."""
    Indicator.objects.filter(pk=exported.math.pk).update(
        decimals=2, unit="pupils", translations={"unit": {"he": "תלמידים", "ar": "طلاب"}}
    )
    Submission.objects.filter(
        indicator=exported.math, organization=world.partner_org, period=exported.period
    ).update(value=Decimal("7.456"))
    Submission.objects.filter(indicator=exported.reading, organization=world.second_org).update(
        value=Decimal("100.5")
    )
    rollups.rollup_compute()
    return exported


# --- exports -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["submissions_export", "rollups_export"])
def test_an_export_has_a_bold_frozen_filtered_header_and_widths_that_fit(
    client, world, decimals, name
):
    client.force_login(world.backbone)
    sheet = workbook_of(client.get(url(name, world, "xlsx"))).worksheets[0]
    assert_ready(sheet)
    at = columns(sheet)
    assert width(sheet, at["Indicator"]) >= len("Math students") + 2
    if name == "submissions_export":
        longest = max(len(world.partner_org.name), len(world.second_org.name))
        assert width(sheet, at["Organization"]) >= longest + 2
    assert not sheet.sheet_view.rightToLeft


def test_the_filter_ends_at_the_last_row_however_many_rows(client, world, decimals):
    client.force_login(world.backbone)
    sheet = workbook_of(client.get(url("submissions_export", world, "xlsx"))).worksheets[0]
    assert sheet.max_row == 1 + Submission.objects.count()
    assert sheet.auto_filter.ref == f"A1:N{sheet.max_row}"  # 14 columns with the unit


def test_figures_are_rounded_in_the_file_and_shown_with_the_indicators_decimals(
    client, world, decimals
):
    client.force_login(world.backbone)
    sheet = workbook_of(client.get(url("submissions_export", world, "xlsx"))).worksheets[0]
    at = columns(sheet)
    rows = {
        (row[at["Indicator code"] - 1].value, row[at["Organization"] - 1].value): row
        for row in sheet.iter_rows(min_row=2)
        if row[at["Period"] - 1].value == decimals.period.label
    }
    math = rows[("MATH5", world.partner_org.name)][at["Value"] - 1]
    assert math.value == pytest.approx(7.46) and str(math.value) == "7.46"
    assert math.number_format == "#,##0.00"
    assert rows[("MATH5", world.partner_org.name)][at["Unit"] - 1].value == "pupils"
    reading = rows[("READ3", world.second_org.name)][at["Value"] - 1]
    assert reading.value == 101 and reading.number_format == "#,##0"
    assert rows[("READ3", world.second_org.name)][at["Unit"] - 1].value is None  # no unit


def test_the_csv_keeps_the_value_as_entered(client, world, decimals):
    client.force_login(world.backbone)
    response = client.get(url("submissions_export", world, "csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    values = [line[6] for line in csv.reader(io.StringIO(text))]
    assert "7.456" in values and "100.5" in values


def test_rollup_figures_are_rounded_with_the_unit_beside_them(client, world, decimals):
    client.force_login(world.backbone)
    sheet = workbook_of(client.get(url("rollups_export", world, "xlsx"))).worksheets[0]
    at = columns(sheet)
    assert at["Unit"] == at["Value"] + 1
    math = next(
        row
        for row in sheet.iter_rows(min_row=2)
        if row[0].value == "MATH5" and row[2].value == decimals.period.label
    )
    assert math[at["Value"] - 1].number_format == "#,##0.00"
    value = Decimal(str(math[at["Value"] - 1].value))
    assert value == value.quantize(Decimal("0.01"))
    assert math[at["Unit"] - 1].value == "pupils"
    computed = math[at[next(h for h in at if h.startswith("Computed at"))] - 1]
    assert isinstance(computed.value, datetime.datetime) and computed.is_date


def test_moments_are_date_cells(client, world, decimals):
    client.force_login(world.backbone)
    sheet = workbook_of(client.get(url("submissions_export", world, "xlsx"))).worksheets[0]
    submitted = next(c for h, c in columns(sheet).items() if h.startswith("Submitted at"))
    cells = [row[submitted - 1] for row in sheet.iter_rows(min_row=2) if row[submitted - 1].value]
    assert cells and all(isinstance(cell.value, datetime.datetime) for cell in cells)
    assert all(cell.is_date and "yy" in cell.number_format for cell in cells)
    assert width(sheet, submitted) >= spreadsheets.MOMENT_WIDTH


def test_the_yearly_figures_round_value_and_target(client, world, decimals):
    services.year_targets_save(indicator=decimals.math, targets={2026: Decimal("12.345")})
    client.force_login(world.backbone)
    response = client.get(url("rollups_export", world, "xlsx"), {"by": "year"})
    sheet = workbook_of(response).worksheets[0]
    assert_ready(sheet)
    at = columns(sheet)
    math = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "MATH5")
    assert str(math[at["Yearly target"] - 1].value) == "12.35"
    assert math[at["Yearly target"] - 1].number_format == "#,##0.00"
    assert math[at["Value"] - 1].number_format == "#,##0.00"
    assert math[at["Unit"] - 1].value == "pupils"


@pytest.mark.parametrize("language", ["en", *RTL])
@pytest.mark.parametrize(
    "name, query",
    [("submissions_export", {}), ("rollups_export", {}), ("rollups_export", {"by": "year"})],
)
def test_the_sheet_is_right_to_left_for_hebrew_and_arabic(
    client, world, decimals, name, query, language
):
    client.force_login(world.backbone)
    response = client.get(url(name, world, "xlsx"), query, HTTP_ACCEPT_LANGUAGE=language)
    sheet = workbook_of(response).worksheets[0]
    assert sheet.sheet_view.rightToLeft is (language in RTL)
    assert_ready(sheet)
    assert sheet.max_row > 1
    if name == "submissions_export":  # the unit beside the value, in the reader's language
        unit = {"en": "pupils", "he": "תלמידים", "ar": "طلاب"}[language]
        assert unit in {row[7] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_a_stream_is_not_measured_the_header_and_the_given_widths_are():
    rows = (row for row in [["x" * 200, 1], ["y", 2]])
    content = spreadsheets.xlsx_bytes("s", ["Name", "A long header"], rows, widths=[10, 0])
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert width(sheet, 1) == 12  # the given 10, and a margin
    assert width(sheet, 2) == round(13 * 1.15) + 2  # the bold header
    assert sheet.auto_filter.ref == "A1:B3"


def test_a_list_of_rows_is_measured_up_to_the_widest_allowed():
    rows = [["x" * 200, 1], ["y", Decimal("1234567.5")]]
    sheet = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes("s", ["a", "b"], rows))).worksheets[0]
    assert width(sheet, 1) == spreadsheets.MAX_WIDTH
    assert width(sheet, 2) == len("1,234,567.5") + 2


def test_figure_rounds_half_up_and_never_shows_minus_zero():
    assert spreadsheets.figure("2.345", 2) == spreadsheets.Figure(Decimal("2.35"), 2)
    assert spreadsheets.figure(Decimal("-0.004"), 2).value.is_signed() is False
    assert spreadsheets.figure("", 2) is None and spreadsheets.figure(None, 0) is None
    assert spreadsheets.figure("7.5", None) == Decimal("7.5")
    assert spreadsheets.number_format(0) == "#,##0"
    assert spreadsheets.number_format(3) == "#,##0.000"


# --- the import template -------------------------------------------------------------------


def template_book(client, world, period, **headers):
    response = client.get(import_url(world, "import_template"), {"period": period.pk}, **headers)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_the_template_says_what_each_row_needs(client, world, measured, percent):  # noqa: F811
    Indicator.objects.filter(pk=measured.indicator.pk).update(unit="pupils", decimals=1)
    services.submission_approve(submission_id=measured.own.pk, user=world.backbone)
    weighted = IndicatorFactory(
        initiative=world.initiative, code="AVG", aggregation="weighted_average"
    )
    assign(weighted, world.partner_org)
    client.force_login(world.backbone)
    book = template_book(client, world, measured.period)
    sheet = book.worksheets[0]
    assert_ready(sheet)
    header = [cell.value for cell in sheet[1]]
    assert header == [
        *imports.COLUMNS,
        "Indicator name",
        "Unit",
        "Value type",
        "What to fill in",
    ]
    rows = {(row[1], row[2]): row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("MATH5", world.partner_org.pk)][11:] == (
        "Math students",
        "pupils",
        "Count",
        str(imports.APPROVED_ROW),
    )
    assert rows[("MATH5", world.second_org.pk)][-1] == "value"
    assert rows[("AVG", world.partner_org.pk)][-1] == "value and weight"
    assert rows[("PASS", world.partner_org.pk)][13:] == (
        "Percentage (numerator over denominator)",
        "numerator and denominator (the value is computed from them)",
    )
    guide = book["How to fill in"]
    listed = [row[0] for row in guide.iter_rows(min_row=2, values_only=True)]
    assert listed[: len(header)] == header
    assert_ready(guide)


def test_the_template_numbers_are_numbers_shown_with_the_decimals_never_rounded(
    client, world, measured
):
    Indicator.objects.filter(pk=measured.indicator.pk).update(decimals=0)
    Submission.objects.filter(pk=measured.own.pk).update(value=Decimal("7.25"))
    client.force_login(world.backbone)
    sheet = template_book(client, world, measured.period).worksheets[0]
    value = imports.COLUMNS.index("value")
    cells = {row[2].value: row[value] for row in sheet.iter_rows(min_row=2)}
    own = cells[world.partner_org.pk]
    assert own.value == 7.25 and own.number_format == "#,##0.00"
    assert cells[world.second_org.pk].value == 9 and cells[world.second_org.pk].data_type == "n"


def test_a_number_a_spreadsheet_cannot_hold_exactly_stays_text_in_the_template():
    row = ["2026 Q1", "MATH5", 1, "x", "", "1234567890.123456", "12", "", "", "", ""]
    content = imports.template_xlsx([row], decimals={"MATH5": 2})
    cells = load_workbook(io.BytesIO(content)).worksheets[0][2]
    assert cells[5].value == "1234567890.123456"
    assert cells[6].value == 12 and cells[6].number_format == "#,##0"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_query_count_does_not_grow(client, world, measured, fmt):
    client.force_login(world.backbone)
    path = import_url(world, "import_template")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(path, {"period": measured.period.pk, "format": fmt})
        assert response.status_code == 200
        return len(context.captured_queries)

    grow(world, measured, 2)
    small = queries()
    grow(world, measured, 6)
    assert queries() == small


@pytest.mark.parametrize("language", ["en", *RTL])
def test_the_templates_notes_are_never_columns_the_import_reads(language):
    with translation.override(language):
        notes = [str(title).strip().lower() for title in imports.TEMPLATE_NOTES]
        assert not set(notes) & set(imports.COLUMNS)
        assert len(imports.template_header()) <= imports.MAX_COLUMNS


@pytest.mark.parametrize("language", RTL)
def test_the_template_is_right_to_left_for_hebrew_and_arabic(client, world, measured, language):
    client.force_login(world.backbone)
    book = template_book(client, world, measured.period, HTTP_ACCEPT_LANGUAGE=language)
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    assert [cell.value for cell in book.worksheets[0][1]][:11] == imports.COLUMNS


def filled(lines: list[list], value: int) -> list[list]:
    """The template as a partner fills it: a value on every row that is not approved."""
    needs = imports.template_header().index("What to fill in")
    index = imports.COLUMNS.index("value")
    for line in lines[1:]:
        if line[needs] == "value":
            line[index] = value
    return lines


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_filled_template_imports_as_the_same_rows_without_the_notes(client, world, measured, fmt):
    services.submission_approve(submission_id=measured.own.pk, user=world.backbone)
    client.force_login(world.backbone)
    response = client.get(
        import_url(world, "import_template"), {"period": measured.period.pk, "format": fmt}
    )
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        lines = filled([list(line) for line in csv.reader(io.StringIO(text))], 11)
        body = io.StringIO()
        csv.writer(body).writerows(lines)
        file = SimpleUploadedFile("filled.csv", body.getvalue().encode("utf-8-sig"))
    else:
        # Filled in the downloaded workbook itself, its notes and second sheet kept.
        book = load_workbook(io.BytesIO(response.content))
        sheet = book.worksheets[0]
        needs = imports.template_header().index("What to fill in")
        for row in sheet.iter_rows(min_row=2):
            if row[needs].value == "value":
                row[imports.COLUMNS.index("value")].value = 11
        buffer = io.BytesIO()
        book.save(buffer)
        file = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    result = upload(client, world, measured.period, file, submit=False).context["result"]
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    with_notes = snapshot()
    assert Submission.objects.get(pk=measured.other.pk).value == 11
    assert Submission.objects.get(pk=measured.own.pk).value == 7  # approved: unchanged

    # The same rows without the informational columns: nothing more to change.
    rows = imports.read_rows(file.name, _content(file))
    bare = [imports.COLUMNS, *([row.get(c, "") for c in imports.COLUMNS] for row in rows)]
    plain = io.StringIO()
    csv.writer(plain).writerows(bare)
    again = SimpleUploadedFile("bare.csv", plain.getvalue().encode())
    result = upload(client, world, measured.period, again, submit=False).context["result"]
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot() == with_notes


def _content(file) -> bytes:
    file.seek(0)
    return file.read()


# --- a spreadsheet program opens it ----------------------------------------------------------


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not OFFICE, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_export_and_reads_its_rows(client, world, decimals, tmp_path):
    client.force_login(world.backbone)
    response = client.get(url("submissions_export", world, "xlsx"))
    source = tmp_path / "values.xlsx"
    source.write_bytes(b"".join(response.streaming_content))
    subprocess.run(
        [OFFICE, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    text = (tmp_path / "values.csv").read_text(encoding="utf-8", errors="replace")
    lines = list(csv.reader(io.StringIO(text)))
    assert len(lines) == 1 + Submission.objects.count()
    assert lines[0][:3] == ["Initiative", "Indicator code", "Indicator"]
    assert any("7.46" in line for line in lines)


def test_an_xlsx_written_by_hand_still_reads(tmp_path):
    """What the reader meets from a spreadsheet program that drops the layout: the same rows."""
    book = Workbook()
    book.active.append(imports.template_header())
    book.active.append(["2026 Q1", "MATH5", 1, "x", "", 3, "", "", "", "", "", "n", "u", "t", "v"])
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = imports.read_rows("x.xlsx", buffer.getvalue())
    assert row["value"] == "3" and row["indicator"] == "MATH5"
