"""Provisional figures: while too few of the expected organizations have reported a period, its
figure is shown as provisional everywhere (cards, charts, tables, the report, exports, the API)
and on-track is judged on the latest period that is final.

The fixture is the issue's example: four partners reported 598 in 2026 Q2 (target 550, on
track); in 2026 Q3 one of them reported 172 early (target 600). The Q3 card must not call the
initiative off track: it shows 172 as provisional and judges on Q2.
"""

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

from measurement.models import (
    Indicator,
    MeasurementSettings,
    PeriodState,
    ReportingPeriod,
    Rollup,
    Target,
)
from measurement.progress import Progress
from measurement.provisional import is_provisional, rollup_is_provisional, with_provisional
from measurement.selectors import homes
from measurement.selectors.trends import trends
from measurement.services import rollups
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

Q2 = {"start": date(2026, 4, 1), "end": date(2026, 6, 30), "due_date": date(2026, 7, 30)}
Q3 = {"start": date(2026, 7, 1), "end": date(2026, 9, 30), "due_date": date(2026, 10, 30)}


@dataclass
class Early:
    indicator: Indicator
    q2: ReportingPeriod
    q3: ReportingPeriod
    organizations: list  # the four partners; the first reported Q3 early


def four_partners(world) -> list:
    third, fourth = OrganizationFactory(name="Ofanim"), OrganizationFactory(name="Nitzan")
    for organization in (third, fourth):
        ParticipationFactory(initiative=world.initiative, organization=organization)
    return [world.partner_org, world.second_org, third, fourth]


@pytest.fixture
def early(world) -> Early:
    organizations = four_partners(world)
    indicator = IndicatorFactory(
        initiative=world.initiative, code="GRAD", name="Graduates", direction="increase"
    )
    assign(indicator, *organizations)
    q2 = PeriodFactory(initiative=world.initiative, **Q2)
    q3 = PeriodFactory(initiative=world.initiative, **Q3)
    for organization, value in zip(organizations, [150, 148, 150, 150], strict=True):
        report(indicator, organization, q2, partner=world.backbone, value=value)
    report(indicator, organizations[0], q3, partner=world.backbone, value=172)
    Target.objects.create(indicator=indicator, period=q2, value=550)
    Target.objects.create(indicator=indicator, period=q3, value=600)
    ReportingPeriod.objects.filter(pk=q2.pk).update(state=PeriodState.CLOSED)
    rollups.rollup_compute()
    q2.refresh_from_db()
    return Early(indicator, q2, q3, organizations)


def threshold(world, percent: int) -> None:
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": percent}
    )


def trend_of(early: Early):
    return trends(indicators=[early.indicator], upto=early.q3.end)[early.indicator.pk]


# --- the rule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reported, expected, percent, locked, provisional",
    [
        (1, 4, 100, False, True),  # one of four reported: provisional
        (4, 4, 100, False, False),
        (3, 4, 75, False, False),  # threshold 75 with 3 of 4: final
        (2, 4, 75, False, True),
        (1, 3, 34, False, True),  # 34% of 3 is 1.02: two are needed
        (2, 3, 34, False, False),
        (1, 4, 100, True, False),  # locked: final whatever its share
        (0, 0, 100, False, False),  # nobody expected
    ],
)
def test_the_rule(reported, expected, percent, locked, provisional):
    assert (
        is_provisional(reported=reported, expected=expected, threshold=percent, locked=locked)
        is provisional
    )


def test_the_sql_rule_agrees_with_the_python_rule(world):
    """The API's annotation against `rollup_is_provisional`, over a grid of shares."""
    indicator = IndicatorFactory(initiative=world.initiative)
    periods = {
        state: PeriodFactory(initiative=world.initiative, state=state, **dates)
        for state, dates in [(PeriodState.OPEN, Q2), (PeriodState.LOCKED, Q3)]
    }
    for percent in (1, 34, 75, 100):
        threshold(world, percent)
        for state, period in periods.items():
            for expected in range(5):
                for contributing in range(expected + 1):
                    for carried in range(contributing + 1):
                        Rollup.objects.update_or_create(
                            indicator=indicator,
                            period=period,
                            defaults={
                                "value": 1,
                                "contributing": contributing,
                                "carried": carried,
                                "expected": expected,
                                "computed_at": timezone.now(),
                            },
                        )
                        (row,) = with_provisional(Rollup.objects.filter(period=period))
                        locked = state == PeriodState.LOCKED
                        assert row.provisional is rollup_is_provisional(
                            row, threshold=percent, locked=locked
                        ), (percent, state, expected, contributing, carried)


def test_a_value_carried_forward_is_not_a_report(world):
    """Of four contributing organizations three carry a cumulative value forward: 1 reported."""
    indicator = IndicatorFactory(initiative=world.initiative, cumulative=True)
    period = PeriodFactory(initiative=world.initiative, **Q3)
    rollup = Rollup.objects.create(
        indicator=indicator,
        period=period,
        value=600,
        contributing=4,
        carried=3,
        expected=4,
        computed_at=timezone.now(),
    )
    assert rollup.reported == 1
    assert rollup_is_provisional(rollup, locked=False)
    trend = trends(indicators=[indicator], upto=period.end)[indicator.pk]
    assert trend.latest.provisional and trend.latest.reported == 1
    assert trend.progress == Progress.PROVISIONAL


# --- the example: 598 then 172 ------------------------------------------------------


def test_an_early_report_is_provisional_and_not_judged_off_track(world, early):
    trend = trend_of(early)
    q2, q3 = trend.points[-2:]
    assert (q2.value, q2.provisional) == (Decimal(598), False)
    assert (q3.value, q3.provisional, q3.reported, q3.expected) == (Decimal(172), True, 1, 4)
    assert trend.latest is q3  # still shown
    assert trend.judged is q2  # but judged on the last final figure
    assert trend.judged_on_earlier
    assert trend.progress == Progress.ON_TRACK  # 598 >= 550, not 172 < 600


def test_the_card_says_provisional_in_words_and_what_it_is_judged_on(client, world, early):
    client.force_login(world.viewer)
    response = client.get(reverse("measurement:dashboard", args=[world.initiative.slug]))
    (card,) = response.context["cards"]
    assert card.latest.value == Decimal(172)
    assert card.trend.progress == Progress.ON_TRACK
    html = response.text
    assert "Provisional: 1 of 4 organizations reported" in html
    assert "Judged on <bdi>2026 Q2</bdi>: <bdi>2026 Q3</bdi> is provisional" in html
    assert "Off track</span>" not in html.split('id="card-')[1]
    counts = {row["progress"]: row["count"] for row in response.context["progress"]}
    assert counts[Progress.ON_TRACK] == 1 and counts[Progress.OFF_TRACK] == 0


def test_once_everyone_reported_the_figure_is_final_and_judged(world, early):
    for organization, value in zip(early.organizations[1:], [140, 150, 160], strict=True):
        report(early.indicator, organization, early.q3, partner=world.backbone, value=value)
    rollups.rollup_compute()
    trend = trend_of(early)
    assert (trend.latest.value, trend.latest.provisional) == (Decimal(622), False)
    assert trend.judged is trend.latest and not trend.judged_on_earlier
    assert trend.progress == Progress.ON_TRACK  # 622 >= 600


def test_a_lower_threshold_makes_three_of_four_final(world, early):
    for organization, value in zip(early.organizations[1:3], [140, 150], strict=True):
        report(early.indicator, organization, early.q3, partner=world.backbone, value=value)
    rollups.rollup_compute()
    assert trend_of(early).latest.provisional  # 3 of 4, and all are needed
    threshold(world, 75)
    trend = trend_of(early)
    assert (trend.latest.value, trend.latest.provisional) == (Decimal(462), False)
    assert trend.progress == Progress.OFF_TRACK  # judged on Q3 now: 462 < 600


def test_a_locked_period_is_final_whatever_its_share(world, early):
    ReportingPeriod.objects.filter(pk=early.q3.pk).update(state=PeriodState.LOCKED)
    trend = trend_of(early)
    assert not trend.latest.provisional
    assert trend.progress == Progress.OFF_TRACK  # 172 < 600: the books are closed


def test_no_verdict_yet_when_no_figure_is_final(world, early):
    ReportingPeriod.objects.filter(pk=early.q2.pk).update(state=PeriodState.OPEN)
    Rollup.objects.filter(period=early.q2).update(contributing=2)  # 2 of 4
    trend = trend_of(early)
    assert trend.judged is None
    assert trend.progress == Progress.PROVISIONAL
    assert Progress.PROVISIONAL.label == "No verdict yet"


# --- every surface --------------------------------------------------------------------------


def test_chart_data_marks_the_provisional_point(client, world, early):
    chart = trend_of(early).chart()
    assert chart["values"][-2:] == [598.0, 172.0]
    assert chart["provisional"][-2:] == [False, True]
    assert chart["names"]["provisional"] == "Provisional (hollow point)"
    client.force_login(world.partner)
    html = client.get(
        reverse("measurement:indicator_detail", args=[world.initiative.slug, early.indicator.pk])
    ).text
    # The chart's data table says it in words beside the figure
    row = html.split("<bdi>2026 Q3</bdi></th>")[1].split("</tr>")[0]
    assert "172" in row and "provisional" in row
    assert '"provisional": [' in html  # the chart's JSON


def test_indicator_page_table_and_verdict(client, world, early):
    client.force_login(world.backbone)
    response = client.get(
        reverse("measurement:indicator_detail", args=[world.initiative.slug, early.indicator.pk])
    )
    rows = {row["period"].pk: row for row in response.context["table"]["rows"]}
    assert rows[early.q3.pk]["provisional"] and not rows[early.q2.pk]["provisional"]
    assert "Judged on <bdi>2026 Q2</bdi>" in response.text


def test_period_report_marks_the_provisional_figure(client, world, early):
    client.force_login(world.viewer)
    html = client.get(
        reverse("measurement:period_report", args=[world.initiative.slug, early.q3.pk])
    ).text
    assert "Provisional: 1 of 4 organizations reported" in html
    final = client.get(
        reverse("measurement:period_report", args=[world.initiative.slug, early.q2.pk])
    ).text
    assert "Provisional: " not in final


def export_rows(client, world, fmt):
    response = client.get(reverse("measurement:rollups_export", args=[world.initiative.slug, fmt]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_has_a_provisional_column(client, world, early, fmt):
    client.force_login(world.viewer)
    rows = export_rows(client, world, fmt)
    header = [str(cell) for cell in rows[0]]
    assert header[-2:] == ["Carried forward organizations", "Provisional"]
    by_period = {row[2]: row for row in rows[1:]}
    assert by_period["2026 Q3"][-1] == "yes" and by_period["2026 Q2"][-1] == "no"
    assert str(by_period["2026 Q3"][-2]) == "0"


def test_api_rollups_say_provisional_reported_and_carried(client, world, early):
    client.force_login(world.partner)
    results = client.get("/api/v1/rollups/", {"indicator": early.indicator.pk}).json()["results"]
    by_period = {row["period"]: row for row in results}
    assert by_period[early.q3.pk] | {"computed_at": None} == {
        "id": Rollup.objects.get(indicator=early.indicator, period=early.q3).pk,
        "indicator": early.indicator.pk,
        "period": early.q3.pk,
        "value": by_period[early.q3.pk]["value"],
        "numerator": None,
        "denominator": None,
        "contributing": 1,
        "reported": 1,
        "carried": 0,
        "expected": 4,
        "provisional": True,
        "computed_at": None,
    }
    assert by_period[early.q2.pk]["provisional"] is False


def test_api_schema_lists_the_fields(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    for name in ("RollupOut", "CategoryRollupOut"):
        properties = schema["components"]["schemas"][name]["properties"]
        assert properties["provisional"]["type"] == "boolean"
        assert properties["reported"]["type"] == "integer"
        assert properties["carried"]["type"] == "integer"


def test_partner_home_and_portfolio_judge_on_the_last_final_figure(client, world, early):
    data = homes.partner_home(initiative=world.initiative, organization=world.partner_org)
    (comparison,) = data.comparisons
    assert comparison.trend.progress == Progress.ON_TRACK
    assert comparison.rows[0].shared.provisional
    (row,) = homes.portfolio(user=world.facilitator)
    assert (row.on_track, row.off_track) == (1, 0)
    client.force_login(world.partner)
    html = client.get(reverse("measurement:partner_home", args=[world.initiative.slug])).text
    assert "provisional" in html


# --- the threshold setting -------------------------------------------------------------------


SETTINGS = {
    "open_days_before_end": 7,
    "due_days_after_end": 30,
    "close_days_after_due": 7,
    "lock_days_after_due": 60,
}


def test_backbone_sets_the_threshold(client, world):
    client.force_login(world.backbone)
    url = reverse("measurement:settings_save", args=[world.initiative.slug])
    response = client.post(url, {**SETTINGS, "provisional_threshold": 75})
    assert response.status_code == 302
    assert world.initiative.measurement_settings.provisional_threshold == 75


@pytest.mark.parametrize("value", [0, 101, -5, "many"])
def test_a_threshold_out_of_range_is_refused_at_the_field(client, world, value):
    threshold(world, 80)
    client.force_login(world.backbone)
    url = reverse("measurement:settings_save", args=[world.initiative.slug])
    response = client.post(url, {**SETTINGS, "provisional_threshold": value})
    assert response.status_code == 400
    assert response.context["settings_form"].errors["provisional_threshold"]
    assert 'aria-invalid="true"' in response.text or "invalid-feedback" in response.text
    world.initiative.measurement_settings.refresh_from_db()
    assert world.initiative.measurement_settings.provisional_threshold == 80


@pytest.mark.parametrize(
    "persona, status",
    [("partner", 403), ("viewer", 403), ("facilitator", 403), ("outsider", 404)],
)
def test_only_backbone_sets_the_threshold(client, world, persona, status):
    client.force_login(getattr(world, persona))
    url = reverse("measurement:settings_save", args=[world.initiative.slug])
    response = client.post(url, {**SETTINGS, "provisional_threshold": 1})
    assert response.status_code == status
    assert not MeasurementSettings.objects.filter(provisional_threshold=1).exists()


def test_the_periods_page_shows_the_threshold_to_backbone_only(client, world):
    url = reverse("measurement:period_list", args=[world.initiative.slug])
    client.force_login(world.backbone)
    assert 'name="provisional_threshold"' in client.get(url).text
    client.force_login(world.partner)
    assert 'name="provisional_threshold"' not in client.get(url).text


# --- query counts ----------------------------------------------------------------------------


def grow(world, early, n):
    """n more indicators reported by the four partners in Q2, by one of them in Q3."""
    for _ in range(n):
        indicator = IndicatorFactory(initiative=world.initiative, direction="increase")
        assign(indicator, *early.organizations)
        ReportingPeriod.objects.filter(pk=early.q2.pk).update(state=PeriodState.OPEN)
        for organization in early.organizations:
            report(indicator, organization, early.q2, partner=world.backbone, value=3)
        report(indicator, early.organizations[0], early.q3, partner=world.backbone, value=4)
    ReportingPeriod.objects.filter(pk=early.q2.pk).update(state=PeriodState.CLOSED)
    rollups.rollup_compute()


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "page",
    ["dashboard", "period_report", "rollups_export", "api_rollups", "api_category_rollups"],
)
def test_query_counts_stay_flat(client, world, early, page):
    threshold(world, 90)
    slug = world.initiative.slug
    url = {
        "dashboard": reverse("measurement:dashboard", args=[slug]),
        "period_report": reverse("measurement:period_report", args=[slug, early.q3.pk]),
        "rollups_export": reverse("measurement:rollups_export", args=[slug, "csv"]),
        "api_rollups": "/api/v1/rollups/",
        "api_category_rollups": "/api/v1/category-rollups/",
    }[page]
    client.force_login(world.backbone)
    grow(world, early, 1)
    small = count(client, url)
    grow(world, early, 6)
    large = count(client, url)
    assert large == small, f"{small} queries with little data, {large} with more"


def test_a_categorys_point_is_provisional_when_its_period_total_is(client, world):
    from tests.measurement.factories import CategoryFactory, DimensionFactory

    organizations = four_partners(world)
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    women = CategoryFactory(dimension=dimension, name="Women")
    men = CategoryFactory(dimension=dimension, name="Men")
    indicator = IndicatorFactory(initiative=world.initiative, code="GEN")
    indicator.dimensions.add(dimension)
    assign(indicator, *organizations)
    q3 = PeriodFactory(initiative=world.initiative, **Q3)
    report(
        indicator,
        organizations[0],
        q3,
        partner=world.backbone,
        value=10,
        categories={women: 6, men: 4},
    )
    rollups.rollup_compute()
    trend = trends(indicators=[indicator], upto=q3.end, category_id=women.pk)[indicator.pk]
    assert (trend.latest.value, trend.latest.provisional) == (Decimal(6), True)
    assert trend.latest.expected is None  # a category's point has no expected of its own
    assert trend.progress == Progress.PROVISIONAL
    client.force_login(world.backbone)
    (row,) = client.get(
        "/api/v1/category-rollups/", {"indicator": indicator.pk, "category": women.pk}
    ).json()["results"]
    assert (row["provisional"], row["reported"], row["carried"]) == (True, 1, 0)
    html = client.get(
        reverse("measurement:dashboard", args=[world.initiative.slug]) + f"?category={women.pk}"
    ).text
    assert "Provisional: 1 of 4 organizations reported" in html
