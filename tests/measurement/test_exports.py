"""Exports (CSV and XLSX of values and of shared figures) and the printable period report:
who may have them, what is in them, the filters, formula injection and query counts."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from measurement import services
from measurement.models import (
    CategoryRollup,
    Indicator,
    MeasurementSettings,
    ReportingPeriod,
    Rollup,
    Submission,
    SubmissionState,
    Target,
)
from measurement.services import rollups
from tests.initiatives.test_permission_matrix import PERSONAS, check, login_as
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)
from tests.measurement.test_query_counts import grow

MEMBERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
RAW_VALUES = {"backbone", "partner", "facilitator", "superuser"}
BOM = "\ufeff".encode()


@dataclass
class Exported:
    math: Indicator  # MATH5: partner_org approved 7, second_org submitted 9
    reading: Indicator  # READ3, by gender: partner_org approved 10 (6 + 4), second_org draft 100
    period: ReportingPeriod
    later: ReportingPeriod  # Q2: partner_org submitted 3 of MATH5


@pytest.fixture
def exported(world, measured) -> Exported:
    services.submission_approve(submission_id=measured.own.pk, user=world.backbone)
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    women = CategoryFactory(dimension=dimension, name="Women", order=0)
    men = CategoryFactory(dimension=dimension, name="Men", order=1)
    reading = IndicatorFactory(initiative=world.initiative, code="READ3", name="Readers")
    reading.dimensions.add(dimension)
    assign(reading, world.partner_org, world.second_org)
    report(
        reading,
        world.partner_org,
        measured.period,
        partner=world.partner,
        reviewer=world.backbone,
        value=10,
        categories={women: 6, men: 4},
    )
    report(
        reading,
        world.second_org,
        measured.period,
        partner=world.backbone,
        state=SubmissionState.DRAFT,
        value=100,
    )
    later = PeriodFactory(
        initiative=world.initiative,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 30),
    )
    report(
        measured.indicator,
        world.partner_org,
        later,
        partner=world.partner,
        state=SubmissionState.SUBMITTED,
        value=3,
    )
    rollups.rollup_compute()
    return Exported(math=measured.indicator, reading=reading, period=measured.period, later=later)


def url(name, world, *args, query=""):
    return reverse(f"measurement:{name}", args=[world.initiative.slug, *args]) + query


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(BOM)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    body = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def expected(persona, allowed, *, denied=403):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return 200 if persona in allowed else denied


# --- who -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "name, allowed", [("submissions_export", RAW_VALUES), ("rollups_export", MEMBERS)]
)
def test_exports_follow_the_policy(client, world, exported, persona, fmt, name, allowed):
    login_as(client, world, persona)
    response = client.get(url(name, world, fmt))
    check(response, expected(persona, allowed))
    if response.status_code == 200:
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert "stem-" in disposition and timezone.localdate().isoformat() in disposition
        assert disposition.rstrip('"').endswith(f".{fmt}")


@pytest.mark.parametrize("persona", PERSONAS)
def test_printable_report_is_for_every_member(client, world, exported, persona):
    login_as(client, world, persona)
    response = client.get(url("period_report", world, exported.period.pk))
    check(response, expected(persona, MEMBERS))


def test_printable_report_of_another_initiatives_period_is_404(client, world, exported):
    period = PeriodFactory(initiative=world.other_initiative)
    client.force_login(world.backbone)
    assert client.get(url("period_report", world, period.pk)).status_code == 404


def test_viewer_may_export_values_where_the_initiative_shares_them(client, world, exported):
    MeasurementSettings.objects.create(initiative=world.initiative, shares_raw_values=True)
    client.force_login(world.viewer)
    rows = csv_rows(client.get(url("submissions_export", world, "csv")))
    assert {row[3] for row in rows[1:]} == {"Masar", "Gesher"}


def test_an_unknown_format_is_404(client, world, exported):
    client.force_login(world.backbone)
    path = url("submissions_export", world, "csv").replace(".csv", ".pdf")
    assert client.get(path).status_code == 404


# --- what ----------------------------------------------------------------------------------


def test_backbone_export_has_every_value_with_human_headers(client, world, exported):
    client.force_login(world.backbone)
    rows = csv_rows(client.get(url("submissions_export", world, "csv")))
    assert rows[0] == [
        "Initiative",
        "Indicator code",
        "Indicator",
        "Organization",
        "Period",
        "State",
        "Value",
        "Numerator",
        "Denominator",
        "Comment",
        "Flagged",
        "Submitted at (Asia/Jerusalem)",
        "Reviewed at (Asia/Jerusalem)",
    ]
    table = {(row[1], row[3], row[4]): row for row in rows[1:]}
    assert set(table) == {
        ("MATH5", "Masar", "2026 Q1"),
        ("MATH5", "Gesher", "2026 Q1"),
        ("READ3", "Masar", "2026 Q1"),
        ("READ3", "Gesher", "2026 Q1"),
        ("MATH5", "Masar", "2026 Q2"),
    }
    approved = table[("MATH5", "Masar", "2026 Q1")]
    assert approved[0] == "STEM excellence"
    assert approved[2] == "Math students"
    assert approved[5:7] == ["Approved", "7"]
    assert approved[10] == "no"
    own = Submission.objects.get(
        indicator=exported.math, organization=world.partner_org, period=exported.period
    )
    local = timezone.localtime(own.submitted_at).strftime("%Y-%m-%d %H:%M:%S")
    assert approved[11] == local
    assert approved[12] == timezone.localtime(own.reviewed_at).strftime("%Y-%m-%d %H:%M:%S")
    assert table[("READ3", "Gesher", "2026 Q1")][5:7] == ["Draft", "100"]
    assert table[("MATH5", "Gesher", "2026 Q1")][12] == ""  # not reviewed yet


def test_partner_export_has_only_their_organizations_values(client, world, exported):
    client.force_login(world.partner)
    rows = csv_rows(client.get(url("submissions_export", world, "csv")))
    assert len(rows) == 1 + 3
    assert {row[3] for row in rows[1:]} == {"Masar"}
    xlsx = xlsx_rows(client.get(url("submissions_export", world, "xlsx")))
    assert {row[3] for row in xlsx[1:]} == {"Masar"}


def test_partner_sees_everyones_values_where_the_initiative_shares_them(client, world, exported):
    MeasurementSettings.objects.create(initiative=world.initiative, shares_raw_values=True)
    client.force_login(world.partner)
    rows = csv_rows(client.get(url("submissions_export", world, "csv")))
    assert {row[3] for row in rows[1:]} == {"Masar", "Gesher"}


def test_rollup_export_holds_approved_figures_only(client, world, exported):
    client.force_login(world.partner)
    rows = csv_rows(client.get(url("rollups_export", world, "csv")))
    assert rows[0] == [
        "Indicator code",
        "Indicator",
        "Period",
        "Category",
        "Value",
        "Numerator",
        "Denominator",
        "Contributing organizations",
        "Expected organizations",
        "Computed at (Asia/Jerusalem)",
        "Carried forward organizations",
        "Provisional",
    ]
    figures = {(row[0], row[2], row[3]): row[4:9] for row in rows[1:]}
    # MATH5: 7 approved, 9 only submitted; Q2: 3 only submitted. READ3: the draft 100 is out.
    assert figures[("MATH5", "2026 Q1", "")] == ["7", "", "", "1", "2"]
    assert figures[("MATH5", "2026 Q2", "")] == ["", "", "", "0", "2"]
    assert figures[("READ3", "2026 Q1", "")] == ["10", "", "", "1", "2"]
    assert figures[("READ3", "2026 Q1", "Gender: Women")] == ["6", "", "", "1", ""]
    assert figures[("READ3", "2026 Q1", "Gender: Men")] == ["4", "", "", "1", ""]
    assert not any("100" in row for row in rows)
    assert len(rows) - 1 == Rollup.objects.count() + CategoryRollup.objects.count()


def test_rollup_export_puts_each_total_before_its_categories(client, world, exported):
    client.force_login(world.backbone)
    rows = csv_rows(client.get(url("rollups_export", world, "csv")))
    keys = [(row[0], row[2], row[3]) for row in rows[1:]]
    assert keys == [
        ("MATH5", "2026 Q1", ""),
        ("MATH5", "2026 Q2", ""),
        ("READ3", "2026 Q1", ""),
        ("READ3", "2026 Q1", "Gender: Women"),
        ("READ3", "2026 Q1", "Gender: Men"),
        ("READ3", "2026 Q2", ""),
        ("READ3", "2026 Q2", "Gender: Women"),
        ("READ3", "2026 Q2", "Gender: Men"),
    ]


@pytest.mark.parametrize("name", ["submissions_export", "rollups_export"])
def test_xlsx_has_the_same_rows_as_the_csv(client, world, exported, name):
    client.force_login(world.backbone)
    from_csv = csv_rows(client.get(url(name, world, "csv")))
    from_xlsx = xlsx_rows(client.get(url(name, world, "xlsx")))
    assert len(from_xlsx) == len(from_csv)
    # The XLSX has the indicator's unit beside the value (test_xlsx_layout.py), and its value
    # rounded to the indicator's decimals (none here, and whole numbers in the data).
    unit = [str(cell) for cell in from_xlsx[0]].index("Unit")
    assert unit == from_csv[0].index("Value") + 1
    from_xlsx = [row[:unit] + row[unit + 1 :] for row in from_xlsx]
    assert [str(cell) for cell in from_xlsx[0]] == from_csv[0]

    def plain(cell):
        if cell is None:
            return ""
        if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
            return format(Decimal(str(cell)).normalize(), "f")
        if hasattr(cell, "isoformat"):
            return cell.isoformat(sep=" ", timespec="seconds")
        return str(cell)

    for csv_row, xlsx_row in zip(from_csv[1:], from_xlsx[1:], strict=True):
        cells = [plain(cell) for cell in xlsx_row]
        cells += [""] * (len(csv_row) - len(cells))  # trailing empty cells are not stored
        assert cells == csv_row


# --- filters -------------------------------------------------------------------------------


def test_filters_narrow_the_values(client, world, exported):
    client.force_login(world.backbone)

    def keys(query):
        rows = csv_rows(client.get(url("submissions_export", world, "csv", query=query)))
        return sorted((row[1], row[3], row[4], row[5]) for row in rows[1:])

    assert keys(f"?period={exported.later.pk}") == [("MATH5", "Masar", "2026 Q2", "Submitted")]
    assert keys(f"?indicator={exported.reading.pk}&state=draft") == [
        ("READ3", "Gesher", "2026 Q1", "Draft")
    ]
    assert keys(f"?organization={world.second_org.pk}&period={exported.period.pk}") == [
        ("MATH5", "Gesher", "2026 Q1", "Submitted"),
        ("READ3", "Gesher", "2026 Q1", "Draft"),
    ]
    assert len(keys(f"?period={exported.period.pk}&period={exported.later.pk}")) == 5
    assert keys("?state=approved&state=draft") == [
        ("MATH5", "Masar", "2026 Q1", "Approved"),
        ("READ3", "Gesher", "2026 Q1", "Draft"),
        ("READ3", "Masar", "2026 Q1", "Approved"),
    ]


def test_empty_filters_of_the_review_form_mean_all(client, world, exported):
    client.force_login(world.backbone)
    query = "?period=&indicator=&organization=&state="
    rows = csv_rows(client.get(url("submissions_export", world, "csv", query=query)))
    assert len(rows) == 1 + 5


def test_rollup_filters(client, world, exported):
    client.force_login(world.viewer)
    query = f"?period={exported.period.pk}&indicator={exported.math.pk}"
    rows = csv_rows(client.get(url("rollups_export", world, "csv", query=query)))
    assert [(row[0], row[2], row[3], row[4]) for row in rows[1:]] == [("MATH5", "2026 Q1", "", "7")]


@pytest.mark.parametrize(
    "name, query, field",
    [
        ("submissions_export", "?period=abc", "period"),
        ("submissions_export", "?state=bogus", "state"),
        ("submissions_export", "?indicator=999999", "indicator"),
        ("submissions_export", "?organization=other", "organization"),
        ("rollups_export", "?period=-1", "period"),
        ("rollups_export", "?indicator=x", "indicator"),
        ("submissions_export", "?period=999999999999999999999", "period"),  # SQLite overflowed
        ("rollups_export", "?indicator=9223372036854775808", "indicator"),
        ("submissions_export", "?organization=%C2%B2", "organization"),
    ],
)
def test_bad_filter_values_are_400_at_the_field(client, world, exported, name, query, field):
    client.force_login(world.backbone)
    response = client.get(url(name, world, "csv", query=query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert f'id="export_{field}"' in text
    assert 'aria-invalid="true"' in text
    error = text.split(f'id="export_{field}_error">')[1].split("</div></div>")[0]
    assert "Select a valid choice" in error or "is not a valid value" in error


def test_another_initiatives_period_is_a_bad_filter_value(client, world, exported):
    period = PeriodFactory(initiative=world.other_initiative)
    client.force_login(world.backbone)
    response = client.get(url("submissions_export", world, "xlsx", query=f"?period={period.pk}"))
    assert response.status_code == 400


def test_review_queue_links_its_filters_to_the_exports(client, world, exported):
    client.force_login(world.backbone)
    response = client.get(url("review_queue", world, query=f"?period={exported.period.pk}"))
    assert response.status_code == 200
    export = url("submissions_export", world, "csv")
    assert f"{export}?period={exported.period.pk}&amp;state=submitted" in response.text
    rows = csv_rows(client.get(export + f"?period={exported.period.pk}&state=submitted&flagged=on"))
    assert rows[1:] == []  # nothing flagged


def test_indicator_list_offers_the_exports(client, world, exported):
    client.force_login(world.viewer)
    response = client.get(url("indicator_list", world))
    assert url("rollups_export", world, "xlsx") in response.text
    assert url("submissions_export", world, "csv") not in response.text
    client.force_login(world.partner)
    response = client.get(url("indicator_list", world))
    assert url("submissions_export", world, "csv") in response.text


# --- formula injection ---------------------------------------------------------------------


def test_cells_that_look_like_formulas_are_neutralised(client, world, exported):
    Submission.objects.filter(indicator=exported.math, organization=world.partner_org).update(
        comment='=HYPERLINK("http://evil.example","x")'
    )
    world.second_org.name = "@SUM(1+1)"
    world.second_org.save()
    Indicator.objects.filter(pk=exported.reading.pk).update(name="+cmd|' /C calc'!A0")
    client.force_login(world.backbone)
    rows = csv_rows(client.get(url("submissions_export", world, "csv")))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert "'@SUM(1+1)" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]

    body = b"".join(client.get(url("submissions_export", world, "xlsx")).streaming_content)
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    texts = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert '=HYPERLINK("http://evil.example","x")' in [cell.value for cell in texts]


def test_negative_numbers_stay_numbers(client, world, exported):
    Submission.objects.filter(indicator=exported.math, organization=world.second_org).update(
        value=Decimal("-2.500000")
    )
    client.force_login(world.backbone)
    rows = csv_rows(client.get(url("submissions_export", world, "csv")))
    assert "-2.5" in [row[6] for row in rows]


# --- queries -------------------------------------------------------------------------------


def consumed_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "name, query",
    [
        ("submissions_export", ""),
        ("submissions_export", "?period={period}&indicator={indicator}&state=submitted"),
        ("rollups_export", "?period={period}"),
    ],
)
@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_csv_export_query_count_does_not_grow(
    client, world, measured, exported, name, query, persona
):
    client.force_login(getattr(world, persona))
    path = url(
        name,
        world,
        "csv",
        query=query.format(period=exported.period.pk, indicator=exported.math.pk),
    )
    grow(world, measured, 2)
    rollups.rollup_compute()
    small = consumed_queries(client, path)
    grow(world, measured, 8)
    rollups.rollup_compute()
    large = consumed_queries(client, path)
    assert large == small, f"{small} queries with little data, {large} with more"


def test_xlsx_export_query_count_does_not_grow(client, world, measured, exported):
    client.force_login(world.backbone)
    path = url("submissions_export", world, "xlsx")
    grow(world, measured, 2)
    small = consumed_queries(client, path)
    grow(world, measured, 8)
    assert consumed_queries(client, path) == small


def test_printable_report_query_count_does_not_grow(client, world, measured, exported):
    client.force_login(world.viewer)
    path = url("period_report", world, exported.period.pk)
    grow(world, measured, 2)
    rollups.rollup_compute()
    small = consumed_queries_page(client, path)
    grow(world, measured, 8)
    rollups.rollup_compute()
    assert consumed_queries_page(client, path) == small


def consumed_queries_page(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


# --- the printable report ------------------------------------------------------------------


def test_printable_report_shows_the_rollups(client, world, exported):
    Target.objects.create(indicator=exported.math, period=exported.period, value=12)
    Indicator.objects.filter(pk=exported.math.pk).update(baseline=5, baseline_label="2025")
    client.force_login(world.viewer)
    response = client.get(url("period_report", world, exported.period.pk))
    assert response.status_code == 200
    text = response.content.decode()
    for rollup in Rollup.objects.filter(period=exported.period).select_related("indicator"):
        section = text.split(f'id="indicator-{rollup.indicator_id}"')[1].split("</article>")[0]
        value = format(rollup.value.normalize(), "f")
        assert f'report-value"><bdi>{value}' in section  # components/figure.html
        organizations = "organization" if rollup.expected == 1 else "organizations"
        assert f"{rollup.contributing} of {rollup.expected} {organizations}" in section
    math = text.split(f'id="indicator-{exported.math.pk}"')[1].split("</article>")[0]
    assert "<bdi>12" in math and "5" in math and "(<bdi>2025</bdi>)" in math
    reading = text.split(f'id="indicator-{exported.reading.pk}"')[1].split("</article>")[0]
    assert "Women</bdi></th>\n      <td><bdi>6</bdi></td>" in reading
    assert "Men</bdi></th>\n      <td><bdi>4</bdi></td>" in reading
    assert "data-print" in text
    assert "css/print.css" in text
    # Shared figures only: no organization's name and no raw value that is not approved.
    assert "Masar" not in text and "Gesher" not in text
    assert ">100<" not in text and ">9<" not in text


def test_printable_report_counts_completeness(client, world, exported):
    client.force_login(world.partner)
    text = client.get(url("period_report", world, exported.period.pk)).content.decode()
    counts = text.split("report-counts")[1].split("</table>")[0]
    # 4 expected (2 indicators × 2 organizations); 3 submitted or approved, 2 approved.
    assert "<td>4</td><td>3</td><td>2</td><td>0</td><td>1</td>" in counts


def test_periods_page_links_the_printable_report(client, world, exported):
    client.force_login(world.viewer)
    response = client.get(url("period_list", world))
    assert url("period_report", world, exported.period.pk) in response.text


def test_printable_report_in_hebrew_is_right_to_left(client, world, exported, settings):
    client.force_login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "he"
    response = client.get(url("period_report", world, exported.period.pk))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.text


def test_control_characters_do_not_break_the_xlsx(client, world, exported):
    Submission.objects.filter(indicator=exported.math, organization=world.partner_org).update(
        comment="line\x0bbreak\x1b"
    )
    client.force_login(world.backbone)
    response = client.get(url("submissions_export", world, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert "linebreak" in [cell.value for row in sheet.iter_rows() for cell in row]
