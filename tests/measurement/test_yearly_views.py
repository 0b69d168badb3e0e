"""The yearly view in the pages, the dashboard, the exports and the API: who may see and set
what, bad input at the field, and query counts flat at two data sizes."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from measurement import services
from measurement.models import YearTarget
from tests.measurement.factories import IndicatorFactory
from tests.measurement.test_yearly import figure, quarters


@pytest.fixture
def yearly(world):
    """A quarterly count of the initiative: 2025 complete (10 + 20 + 30 + 40) with a target of
    90, 2026 with its first quarter only; and an indicator of the other initiative."""
    indicator = IndicatorFactory(initiative=world.initiative, code="GRAD", name="Graduates")
    periods = quarters(world.initiative, 2025) + quarters(world.initiative, 2026)
    for period, value in zip(periods, [10, 20, 30, 40, 5], strict=False):
        figure(indicator, period, value)
    services.year_targets_save(indicator=indicator, targets={2025: Decimal(90)})
    foreign = IndicatorFactory(initiative=world.other_initiative, code="SECRET")
    for period in quarters(world.other_initiative, 2025):
        figure(foreign, period, 777)
    return indicator, foreign


def more(world, n):
    """n more quarterly indicators with two years of figures."""
    periods = list(world.initiative.reporting_periods.filter(frequency="quarterly"))
    for _n in range(n):
        indicator = IndicatorFactory(initiative=world.initiative)
        for period in periods:
            figure(indicator, period, 3)
        services.year_targets_save(indicator=indicator, targets={2025: Decimal(1)})


def count_queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data or {})
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, response.content[:500]
    return len(context.captured_queries)


def page_url(world, indicator):
    return reverse("measurement:indicator_detail", args=[world.initiative.slug, indicator.pk])


def targets_url(world, indicator):
    return reverse("measurement:year_targets_save", args=[world.initiative.slug, indicator.pk])


# --- the indicator page --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["backbone", "partner", "facilitator", "viewer"])
def test_members_see_the_by_year_table(client, world, yearly, persona):
    indicator, _foreign = yearly
    client.force_login(getattr(world, persona))
    response = client.get(page_url(world, indicator))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="by-year"' in text
    assert "<bdi>100</bdi>" in text  # 2025: the sum of its quarters
    assert "4 of 4 periods" in text and "1 of 4 periods" in text
    assert "On track" in text and "Not judged: provisional" in text
    inputs = 'name="year_target_2025"' in text
    assert inputs == (persona == "backbone")


def test_outsider_gets_404_on_the_indicator_page(client, world, yearly):
    client.force_login(world.outsider)
    assert client.get(page_url(world, yearly[0])).status_code == 404


def test_a_yearly_indicator_has_no_by_year_table(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, frequency="yearly")
    client.force_login(world.backbone)
    assert 'id="by-year"' not in client.get(page_url(world, indicator)).content.decode()


def test_backbone_sets_and_clears_yearly_targets(client, world, yearly):
    indicator, _foreign = yearly
    client.force_login(world.backbone)
    response = client.post(
        targets_url(world, indicator), {"year_target_2025": "", "year_target_2026": "120"}
    )
    assert response.status_code == 302
    assert dict(YearTarget.objects.values_list("year", "value")) == {2026: Decimal(120)}


@pytest.mark.parametrize(
    "persona, status",
    [("partner", 403), ("facilitator", 403), ("viewer", 403), ("outsider", 404),
     ("other_partner", 404)],
)  # fmt: skip
def test_others_cannot_set_yearly_targets(client, world, yearly, persona, status):
    client.force_login(getattr(world, persona))
    response = client.post(targets_url(world, yearly[0]), {"year_target_2025": "1"})
    assert response.status_code == status
    assert YearTarget.objects.get().value == Decimal(90)


@pytest.mark.parametrize(
    "typed, message", [("abc", "Enter a number."), ("-5", "A count cannot be negative.")]
)
def test_a_bad_yearly_target_is_refused_at_its_field_and_nothing_is_saved(
    client, world, yearly, typed, message
):
    client.force_login(world.backbone)
    response = client.post(
        targets_url(world, yearly[0]), {"year_target_2025": "95", "year_target_2026": typed}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="year_target_2026_error">' + message in text
    assert f'name="year_target_2026" value="{typed}"' in text
    assert "The yearly targets were not saved" in text
    assert YearTarget.objects.get().value == Decimal(90)


def test_indicator_page_query_count_does_not_grow_with_years(client, world, yearly):
    indicator, _foreign = yearly
    client.force_login(world.backbone)
    small = count_queries(client, page_url(world, indicator))
    for period in quarters(world.initiative, 2027) + quarters(world.initiative, 2028):
        figure(indicator, period, 1)
    services.year_targets_save(indicator=indicator, targets={2027: Decimal(1), 2028: None})
    assert count_queries(client, page_url(world, indicator)) == small


# --- the dashboard -------------------------------------------------------------------------


def dashboard_url(world):
    return reverse("measurement:dashboard", args=[world.initiative.slug])


@pytest.mark.parametrize("persona", ["backbone", "partner", "viewer"])
def test_dashboard_years_view_shows_each_year(client, world, yearly, persona):
    client.force_login(getattr(world, persona))
    response = client.get(dashboard_url(world), {"view": "years"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Indicators by year" in text
    assert "<bdi>100</bdi>" in text and "provisional" in text
    assert "judged on <bdi>2025</bdi>" in text
    assert "SECRET" not in text


def test_dashboard_periods_view_is_the_default(client, world, yearly):
    client.force_login(world.backbone)
    text = client.get(dashboard_url(world)).content.decode()
    assert "Indicators by year" not in text and 'name="view"' in text


def test_dashboard_unknown_view_is_a_400_at_the_field(client, world, yearly):
    client.force_login(world.backbone)
    response = client.get(dashboard_url(world), {"view": "decades"})
    assert response.status_code == 400
    assert "Figures:" in response.content.decode()


def test_dashboard_years_view_htmx_fragment(client, world, yearly):
    client.force_login(world.backbone)
    response = client.get(
        dashboard_url(world), {"view": "years"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="cards"
    )
    assert response.status_code == 200
    assert "Indicators by year" in response.content.decode()


def test_dashboard_years_view_query_count_does_not_grow(client, world, yearly):
    client.force_login(world.backbone)
    more(world, 2)
    small = count_queries(client, dashboard_url(world), {"view": "years"})
    more(world, 6)
    assert count_queries(client, dashboard_url(world), {"view": "years"}) == small


# --- the export ----------------------------------------------------------------------------


def export_url(world, fmt="csv"):
    return reverse("measurement:rollups_export", args=[world.initiative.slug, fmt])


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_yearly_csv_export(client, world, yearly):
    client.force_login(world.viewer)
    response = client.get(export_url(world), {"by": "year"})
    assert response.status_code == 200
    assert "yearly" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][:5] == ["Indicator code", "Indicator", "Year", "Aggregation over time", "Value"]
    assert rows[1][:5] == ["GRAD", "Graduates", "2025", "Sum of the periods", "100"]
    assert rows[1][7:] == ["4", "4", "no", "90", "On track"]
    assert rows[2][2] == "2026" and rows[2][9] == "yes" and rows[2][11] == ""
    assert not any("SECRET" in cell for row in rows for cell in row)


def test_yearly_export_of_chosen_periods_years(client, world, yearly):
    period = world.initiative.reporting_periods.get(start="2026-01-01")
    client.force_login(world.backbone)
    rows = csv_rows(client.get(export_url(world), {"by": "year", "period": period.pk}))
    assert [row[2] for row in rows[1:]] == ["2026"]


def test_yearly_xlsx_export(client, world, yearly):
    client.force_login(world.backbone)
    response = client.get(export_url(world, "xlsx"), {"by": "year"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "GRAD" and rows[1][2] == 2025 and Decimal(str(rows[1][4])) == 100


def test_unknown_by_is_a_400_at_the_field(client, world, yearly):
    client.force_login(world.backbone)
    response = client.get(export_url(world), {"by": "decade"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_outsider_cannot_export_yearly_figures(client, world, yearly):
    client.force_login(world.outsider)
    assert client.get(export_url(world), {"by": "year"}).status_code == 404


def test_yearly_export_query_count_does_not_grow(client, world, yearly):
    client.force_login(world.backbone)
    more(world, 2)
    small = count_queries(client, export_url(world), {"by": "year"})
    more(world, 6)
    assert count_queries(client, export_url(world), {"by": "year"}) == small


# --- the API -------------------------------------------------------------------------------

API = "/api/v1/rollups/yearly/"


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.mark.parametrize("persona", ["backbone", "partner", "facilitator", "viewer"])
def test_api_yearly_figures_of_the_members_initiatives(world, yearly, persona):
    indicator, _foreign = yearly
    response = api_as(getattr(world, persona)).get(API)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["indicator"], r["year"]) for r in rows] == [
        (indicator.pk, 2025),
        (indicator.pk, 2026),
    ]
    first = rows[0]
    assert Decimal(first["value"]) == 100 and Decimal(first["target"]) == 90
    assert first["progress"] == "on_track" and first["provisional"] is False
    assert first["periods_with_figure"] == 4 and first["periods_in_year"] == 4
    assert first["time_aggregation"] == "sum"
    assert rows[1]["provisional"] is True and rows[1]["progress"] is None


def test_api_yearly_hides_other_initiatives(world, yearly):
    _indicator, foreign = yearly
    response = api_as(world.partner).get(API, {"indicator": foreign.pk})
    assert response.status_code == 200 and response.json()["results"] == []
    response = api_as(world.outsider).get(API)
    assert response.json()["results"] == []


def test_api_yearly_filters(world, yearly):
    indicator, _foreign = yearly
    api = api_as(world.backbone)
    rows = api.get(API, {"year": 2026, "initiative": world.initiative.slug}).json()["results"]
    assert [(r["indicator"], r["year"]) for r in rows] == [(indicator.pk, 2026)]
    assert api.get(API, {"initiative": "nowhere"}).json()["results"] == []


@pytest.mark.parametrize(
    "params, field",
    [({"year": "abc"}, "year"), ({"year": "1800"}, "year"), ({"year": ""}, "year"),
     ({"indicator": "x"}, "indicator")],
)  # fmt: skip
def test_api_yearly_bad_filter_is_a_400_at_the_parameter(world, yearly, params, field):
    response = api_as(world.backbone).get(API, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_api_yearly_needs_authentication(yearly):
    assert APIClient().get(API).status_code in (401, 403)


def test_api_yearly_query_count_does_not_grow(world, yearly):
    api = api_as(world.backbone)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert api.get(API).status_code == 200
        return len(context.captured_queries)

    more(world, 2)
    small = count()
    more(world, 6)
    assert count() == small


# --- admin ---------------------------------------------------------------------------------


def test_admin_indicator_page_has_the_yearly_targets_inline(client, world, yearly):
    client.force_login(world.superuser)
    url = reverse("admin:measurement_indicator_change", args=[yearly[0].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "year_targets-0-year" in response.content.decode()


def test_admin_refuses_a_negative_yearly_target_of_a_count(world, yearly):
    from measurement.admin import YearTargetForm

    target = YearTarget(indicator=yearly[0])
    form = YearTargetForm({"indicator": yearly[0].pk, "year": 2027, "value": "-1"}, instance=target)
    assert not form.is_valid()
    assert form.errors["value"] == ["A count cannot be negative."]


def test_api_yearly_rows_are_what_the_serializer_gives(world, yearly):
    from measurement.api.yearly import YearlyRollupOut, yearly_row
    from measurement.selectors.yearly import yearly_figures

    rows = yearly_figures(indicators=[yearly[0]])[yearly[0].pk]
    assert [yearly_row(row) for row in rows] == YearlyRollupOut(rows, many=True).data


# --- the By year page ----------------------------------------------------------------------


def years_url(world, indicator):
    return reverse("measurement:indicator_years", args=[world.initiative.slug, indicator.pk])


@pytest.mark.parametrize("persona", ["backbone", "partner", "facilitator", "viewer"])
def test_members_open_the_by_year_page_and_htmx_gets_the_section(client, world, yearly, persona):
    indicator, _foreign = yearly
    client.force_login(getattr(world, persona))
    page = client.get(years_url(world, indicator)).content.decode()
    assert "<bdi>100</bdi>" in page and "<html" in page
    assert ('name="year_target_2025"' in page) == (persona == "backbone")
    section = client.get(years_url(world, indicator), HTTP_HX_REQUEST="true").content.decode()
    assert section.lstrip().startswith("<section") and "<bdi>100</bdi>" in section


def test_the_by_year_page_of_another_initiative_is_a_404(client, world, yearly):
    _indicator, foreign = yearly
    client.force_login(world.outsider)
    url = reverse("measurement:indicator_years", args=[world.initiative.slug, foreign.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.partner)
    assert client.get(url).status_code == 404


def test_the_by_year_page_reads_as_many_queries_at_two_sizes(client, world, yearly):
    indicator, _foreign = yearly
    client.force_login(world.backbone)
    small = count_queries(client, years_url(world, indicator))
    more(world, 5)
    assert count_queries(client, years_url(world, indicator)) == small


# --- every indicator by year -----------------------------------------------------------------


def by_year_url(world):
    return reverse("measurement:indicators_by_year", args=[world.initiative.slug])


@pytest.mark.parametrize("persona", ["backbone", "partner", "facilitator", "viewer"])
def test_members_see_every_indicator_by_year(client, world, yearly, persona):
    client.force_login(getattr(world, persona))
    page = client.get(by_year_url(world)).content.decode()
    assert "<bdi>2025</bdi>" in page and "<bdi>2026</bdi>" in page
    assert "<bdi>100</bdi>" in page  # GRAD's 2025: 10 + 20 + 30 + 40
    assert "On track" in page  # 2025 against its target of 90
    assert '<span class="badge text-bg-light border">provisional</span>' in page  # 2026: Q1
    assert "No verdict yet" not in page
    assert "SECRET" not in page  # the other initiative's indicator
    assert 'name="year_target' not in page  # targets are set on the indicator's page


def test_indicators_by_year_is_a_404_outside_the_initiative(client, world, yearly):
    client.force_login(world.outsider)
    assert client.get(by_year_url(world)).status_code == 404


def test_indicators_by_year_reads_as_many_queries_at_two_sizes(client, world, yearly):
    client.force_login(world.backbone)
    small = count_queries(client, by_year_url(world))
    more(world, 5)
    assert count_queries(client, by_year_url(world)) == small


def test_indicators_by_year_escapes_what_people_wrote(client, world, yearly):
    indicator, _foreign = yearly
    indicator.name, indicator.code = "<script>alert(1)</script>", "G&R"
    indicator.save(update_fields=["name", "code"])
    client.force_login(world.backbone)
    page = client.get(by_year_url(world)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "G&amp;R" in page
