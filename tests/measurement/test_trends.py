"""The on-track rule and the trends the dashboards and the indicator page draw."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measurement.models import MeasurementSettings, Target
from measurement.progress import Progress, progress_of
from measurement.selectors.trends import trends
from measurement.services import rollups
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

D = Decimal


@pytest.mark.parametrize(
    ("direction", "value", "target", "baseline", "expected"),
    [
        ("increase", None, D(10), None, Progress.NO_DATA),
        ("increase", D(5), None, None, Progress.NO_TARGET),
        ("increase", D(10), D(10), None, Progress.ON_TRACK),
        ("increase", D(9), D(10), D(1), Progress.OFF_TRACK),
        ("increase", D(9), None, D(8), Progress.NO_TARGET),  # past the baseline: no verdict
        ("decrease", D(9), D(10), None, Progress.ON_TRACK),
        ("decrease", D(11), D(10), None, Progress.OFF_TRACK),
        ("maintain", D("10.4"), D(10), None, Progress.ON_TRACK),  # within 5%
        ("maintain", D("10.6"), D(10), None, Progress.OFF_TRACK),
        ("maintain", D("9.4"), D(10), None, Progress.OFF_TRACK),
    ],
)
def test_progress_by_direction(direction, value, target, baseline, expected):
    assert (
        progress_of(direction=direction, value=value, target=target, baseline=baseline) == expected
    )


def quarters(initiative, count):
    return [
        PeriodFactory(
            initiative=initiative,
            start=date(2024 + q // 4, 3 * (q % 4) + 1, 1),
            end=date(2024 + q // 4, 3 * (q % 4) + 3, 28),
            due_date=date(2024 + q // 4, 3 * (q % 4) + 3, 28),
        )
        for q in range(count)
    ]


def test_trend_points_targets_and_latest(world):
    periods = quarters(world.initiative, 10)
    indicator = IndicatorFactory(initiative=world.initiative, direction="increase")
    assign(indicator, world.partner_org, world.second_org)
    for index, value in [(6, 10), (8, 30)]:
        report(indicator, world.partner_org, periods[index], partner=world.partner,
               reviewer=world.backbone, value=value)  # fmt: skip
    report(indicator, world.second_org, periods[8], partner=world.backbone,
           reviewer=world.backbone, value=5)  # fmt: skip
    report(
        indicator, world.second_org, periods[9], partner=world.backbone, state="submitted", value=99
    )  # fmt: skip: a value not approved never reaches a trend
    Target.objects.create(indicator=indicator, period=periods[8], value=40)
    rollups.rollup_compute()

    trend = trends(indicators=[indicator], recent=4)[indicator.pk]
    assert [p.period for p in trend.points] == periods[6:]
    assert [p.value for p in trend.points] == [D(10), None, D(35), None]
    assert trend.points[2].target == D(40)
    assert (trend.points[2].contributing, trend.points[2].expected) == (2, 2)
    assert trend.latest.period == periods[8]
    assert trend.progress == Progress.OFF_TRACK  # 35 < 40
    assert trend.chart()["values"] == [10.0, None, 35.0, None]

    earlier = trends(indicators=[indicator], upto=periods[6].end, recent=4)[indicator.pk]
    assert [p.period for p in earlier.points] == periods[3:7]
    assert earlier.latest.value == D(10)
    # 1 of the 2 organizations reported: the figure is provisional, there is no verdict yet
    assert earlier.latest.provisional
    assert earlier.progress == Progress.PROVISIONAL
    MeasurementSettings.objects.create(initiative=world.initiative, provisional_threshold=50)
    earlier = trends(indicators=[indicator], upto=periods[6].end, recent=4)[indicator.pk]
    assert earlier.progress == Progress.NO_TARGET


def test_trend_of_one_category(world):
    (period,) = quarters(world.initiative, 1)
    gender = DimensionFactory(initiative=world.initiative, name="Gender")
    women, men = CategoryFactory(dimension=gender), CategoryFactory(dimension=gender)
    indicator = IndicatorFactory(initiative=world.initiative)
    indicator.dimensions.add(gender)
    assign(indicator, world.partner_org)
    report(indicator, world.partner_org, period, partner=world.partner, reviewer=world.backbone,
           value=10, categories={women: 6, men: 4})  # fmt: skip
    rollups.rollup_compute()
    of_women = trends(indicators=[indicator], category_id=women.pk)[indicator.pk]
    assert of_women.latest.value == 6
    assert of_women.progress == Progress.NO_TARGET  # targets are for the totals
    assert trends(indicators=[indicator])[indicator.pk].latest.value == 10


def test_trends_cost_the_same_queries_for_many_indicators(world):
    periods = quarters(world.initiative, 3)
    few = [IndicatorFactory(initiative=world.initiative)]
    many = [IndicatorFactory(initiative=world.initiative) for _ in range(8)]
    for indicator in many:
        assign(indicator, world.partner_org)
        Target.objects.create(indicator=indicator, period=periods[0], value=1)
    with CaptureQueriesContext(connection) as small:
        trends(indicators=few)
    with CaptureQueriesContext(connection) as large:
        result = trends(indicators=many)
    assert len(result) == 8
    assert len(small) == len(large) == 3
