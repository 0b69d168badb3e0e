"""The field view's CSV and XLSX: the page's rows and aggregates; a withheld score stays
withheld (an empty cell, the reason in the note) and out of the means."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.community.field_data import build_field

pytestmark = pytest.mark.django_db


def csv_rows(client, query=""):
    response = client.get("/community/field.csv" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "field-view.csv" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_holds_the_rows_and_the_aggregates(client, world):
    build_field(world)
    client.force_login(world.facilitator)
    rows = csv_rows(client)
    initiatives = [r for r in rows if r["Part"] == "Initiative"]
    assert [r["Initiative"] for r in initiatives] == ["Jobs", "Youth sphere", "STEM excellence"]
    stem = initiatives[2]
    assert stem["Latest closed round"] == "Spring 2026"
    assert stem["Anonymous"] == "no"
    assert stem["Respondents"] == "2"
    assert stem["Common agenda: mean score"] == "3.50"
    assert stem["Shared measurement: mean score"] == "3.00"
    assert stem["Common agenda: health"]  # backbone's status, in words
    jobs = initiatives[0]
    assert jobs["Shared measurement: mean score"] == ""  # withheld
    assert "Withheld" in jobs["Note"] and "Shared measurement" in jobs["Note"]
    by_kind = {r["Kind"]: r for r in rows if r["Part"] == "By kind"}
    ci = by_kind["Collective impact initiative"]
    assert ci["Initiatives"] == "2"
    assert ci["Common agenda: mean score"] == "3.25"
    assert ci["Common agenda: initiatives in the mean"] == "2"
    assert ci["Shared measurement: mean score"] == "3.00"
    assert ci["Shared measurement: initiatives in the mean"] == "1"
    by_phase = {r["Phase"]: r for r in rows if r["Part"] == "By phase"}
    assert by_phase["Phase I: initiate action"]["Common agenda: mean score"] == "2.50"
    (total,) = [r for r in rows if r["Part"] == "All"]
    assert total["Initiatives"] == "3"
    assert total["Common agenda: mean score"] == "2.83"


def test_the_csv_follows_the_filters(client, world):
    build_field(world)
    client.force_login(world.facilitator)
    rows = csv_rows(client, "?kind=sphere")
    assert [r["Initiative"] for r in rows if r["Part"] == "Initiative"] == ["Youth sphere"]
    assert csv_rows(client, "?phase=galaxy")  # a bad filter is ignored, not a 500


def test_the_xlsx_holds_the_same_cells(client, world):
    build_field(world)
    client.force_login(world.facilitator)
    response = client.get("/community/field.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    rows = [dict(zip(header, row, strict=True)) for row in values[1:]]
    jobs = next(r for r in rows if r["Initiative"] == "Jobs")
    assert jobs["Shared measurement: mean score"] is None
    assert float(jobs["Common agenda: mean score"]) == 3.0
    assert len(rows) == 3 + 2 + 2 + 1  # three rows, two kinds, two phases, all
