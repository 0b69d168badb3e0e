"""The activities' XLSX (export and import template) opens ready to read: a bold, frozen
header with a filter over the rows, widths that fit, date cells, right to left for Hebrew and
Arabic."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from measurement import spreadsheets
from tests.activities.test_export import body, column, get, mapped, url  # noqa: F401

pytestmark = pytest.mark.django_db


def width(sheet, index: int) -> float:
    return sheet.column_dimensions[get_column_letter(index)].width


def assert_ready(sheet):
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    for cell in sheet[1]:
        assert len(cell.value) + 2 <= width(sheet, cell.column) <= spreadsheets.MAX_WIDTH


def test_the_export_is_ready_to_read(client, world, strategies, mapped):  # noqa: F811
    client.force_login(world.viewer)
    sheet = load_workbook(io.BytesIO(body(get(client, world, format="xlsx")))).worksheets[0]
    assert_ready(sheet)
    assert sheet.max_row == 3
    starts = sheet.cell(row=2, column=column("starts_on") + 1)
    assert isinstance(starts.value, datetime.datetime) and starts.is_date
    assert starts.number_format == "yyyy-mm-dd"
    assert width(sheet, column("starts_on") + 1) >= spreadsheets.DATE_WIDTH
    assert width(sheet, column("title") + 1) >= len("Math clubs") + 2
    assert width(sheet, column("indicators") + 1) >= len("Math students") + 2
    assert not sheet.sheet_view.rightToLeft


@pytest.mark.parametrize("language", ["he", "ar"])
def test_the_export_and_the_template_are_right_to_left_for_hebrew_and_arabic(
    client,
    world,
    strategies,
    mapped,  # noqa: F811
    language,
):
    client.force_login(world.backbone)
    path, query = url(world, format="xlsx")
    response = client.get(path, query, HTTP_ACCEPT_LANGUAGE=language)
    sheet = load_workbook(io.BytesIO(body(response))).worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert_ready(sheet)
    template = client.get(
        reverse("activities:import_template", args=[world.initiative.slug]),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert template.status_code == 200
    content = b"".join(template.streaming_content) if template.streaming else template.content
    book = load_workbook(io.BytesIO(content))
    assert len(book.worksheets) == 2
    for each in book.worksheets:
        assert each.sheet_view.rightToLeft
        assert_ready(each)
