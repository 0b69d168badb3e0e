"""Yearly figures (measurement/selectors/yearly.py): each time rule by hand, missing and
provisional periods, yearly targets; the pages, the export and the API are below."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measurement import services
from measurement.models import MeasurementSettings, Rollup, YearTarget
from measurement.progress import Progress
from measurement.selectors.yearly import latest_judged, yearly_figures
from measurement.services.rollups import rollup_compute
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

QUARTERS = [((1, 1), (3, 31)), ((4, 1), (6, 30)), ((7, 1), (9, 30)), ((10, 1), (12, 31))]


def quarters(initiative, year, count=4, state="open"):
    return [
        PeriodFactory(
            initiative=initiative,
            start=date(year, *start),
            end=date(year, *end),
            due_date=date(year, *end),
            state=state,
        )
        for start, end in QUARTERS[:count]
    ]


def figure(indicator, period, value=None, *, contributing=2, expected=2, carried=0, **inputs):
    return Rollup.objects.create(
        indicator=indicator,
        period=period,
        value=None if value is None else Decimal(str(value)),
        contributing=contributing if value is not None else 0,
        carried=carried,
        expected=expected,
        computed_at=timezone.now(),
        **{k: Decimal(str(v)) for k, v in inputs.items()},
    )


def year_of(indicator, year=2025):
    (found,) = [f for f in yearly_figures(indicators=[indicator])[indicator.pk] if f.year == year]
    return found


# --- the time rules, by hand ---------------------------------------------------------------


def test_sum_adds_the_quarters(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    for period, value in zip(quarters(world.initiative, 2025), [10, 20, 30, 40], strict=True):
        figure(indicator, period, value)
    found = year_of(indicator)
    assert indicator.time_aggregation == "sum"
    assert found.value == Decimal(100)
    assert (found.with_figure, found.periods, found.periods_in_year) == (4, 4, 4)
    assert found.complete and not found.provisional


def test_last_takes_the_latest_quarter_with_a_figure(world):
    indicator = IndicatorFactory(initiative=world.initiative, cumulative=True)
    q1, q2, q3, q4 = quarters(world.initiative, 2025)
    figure(indicator, q1, 5)
    figure(indicator, q2, 8)
    figure(indicator, q3, 11)
    figure(indicator, q4, None)  # no figure yet: the last one is Q3's
    found = year_of(indicator)
    assert indicator.time_aggregation == "last"
    assert found.value == Decimal(11)
    assert found.with_figure == 3
    assert not found.complete and found.provisional


def test_yearly_average_of_an_average_is_over_the_organizations_values(world):
    # Q1: 10, 20 (15); Q2: 60; Q3: 30; Q4: 10, 20, 30 (20).
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type="amount", aggregation="average",
        time_aggregation="average",
    )  # fmt: skip
    sums = [(15, 30, 2), (60, 60, 1), (30, 30, 1), (20, 60, 3)]
    for period, (value, total, count) in zip(quarters(world.initiative, 2025), sums, strict=True):
        figure(indicator, period, value, value_sum=total, value_weight=count)
    found = year_of(indicator)
    # 180 / 7, never (15 + 60 + 30 + 20) / 4 = 31.25.
    assert found.value == Decimal("25.714286")
    assert found.value != Decimal("31.25")


def test_yearly_weighted_average_is_sum_of_products_over_sum_of_weights(world):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type="amount", aggregation="weighted_average",
        time_aggregation="average",
    )  # fmt: skip
    q1, q2, _q3, _q4 = quarters(world.initiative, 2025)
    # Q1: 80 × 10 + 60 × 30 = 2,600 over 40 (65); Q2: 70 × 50 = 3,500 over 50 (70).
    figure(indicator, q1, 65, value_sum=2600, value_weight=40)
    figure(indicator, q2, 70, value_sum=3500, value_weight=50)
    found = year_of(indicator)
    assert found.value == Decimal("67.777778")  # 6,100 / 90, not (65 + 70) / 2 = 67.5


def test_average_of_a_summed_indicator_averages_the_period_figures(world):
    indicator = IndicatorFactory(initiative=world.initiative, time_aggregation="average")
    for period, value in zip(quarters(world.initiative, 2025), [10, 20, 30, 41], strict=True):
        figure(indicator, period, value)
    assert year_of(indicator).value == Decimal("25.25")


def test_ratio_of_sums_of_a_percentage_sums_numerators_and_denominators(world):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type="percentage", aggregation="ratio_of_sums"
    )
    q1, q2, _q3, _q4 = quarters(world.initiative, 2025)
    figure(indicator, q1, 75, numerator=30, denominator=40)
    figure(indicator, q2, "16.666667", numerator=10, denominator=60)
    found = year_of(indicator)
    assert indicator.time_aggregation == "ratio_of_sums"
    assert found.value == Decimal(40)  # 40 / 100, not (75 + 16.67) / 2 = 45.83
    assert (found.numerator, found.denominator) == (Decimal(40), Decimal(100))


def test_a_quarter_without_a_rollup_row_counts_as_without_a_figure(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    q1, q2, _q3, _q4 = quarters(world.initiative, 2025)
    figure(indicator, q1, 3)
    figure(indicator, q2, 4)
    found = year_of(indicator)
    assert (found.value, found.with_figure, found.periods) == (Decimal(7), 2, 4)
    assert found.provisional


def test_a_year_whose_periods_stop_before_december_is_not_complete(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    for period in quarters(world.initiative, 2025, count=3):
        figure(indicator, period, 1)
    found = year_of(indicator)
    assert found.with_figure == found.periods == 3
    assert not found.complete and found.provisional


def test_each_year_apart_and_years_filter(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    for period in quarters(world.initiative, 2025) + quarters(world.initiative, 2026):
        figure(indicator, period, period.start.year - 2024)
    found = yearly_figures(indicators=[indicator])[indicator.pk]
    assert [(f.year, f.value) for f in found] == [(2025, 4), (2026, 8)]
    only = yearly_figures(indicators=[indicator], years=[2026])[indicator.pk]
    assert [f.year for f in only] == [2026]


def test_other_frequencies_periods_are_not_counted(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    for period in quarters(world.initiative, 2025):
        figure(indicator, period, 1)
    PeriodFactory(
        initiative=world.initiative, frequency="yearly", start=date(2025, 1, 1),
        end=date(2025, 12, 31), due_date=date(2026, 1, 31),
    )  # fmt: skip
    assert year_of(indicator).periods == 4


# --- provisional years -------------------------------------------------------------------


def test_a_quarter_with_too_few_reports_makes_the_year_provisional(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    periods = quarters(world.initiative, 2025)
    for period in periods[:3]:
        figure(indicator, period, 10)
    figure(indicator, periods[3], 4, contributing=1, expected=4)
    found = year_of(indicator)
    assert found.complete and found.provisional_periods == 1 and found.provisional
    assert found.progress is None  # not judged


def test_a_carried_value_is_not_a_report(world):
    indicator = IndicatorFactory(initiative=world.initiative, cumulative=True)
    periods = quarters(world.initiative, 2025)
    for period in periods[:3]:
        figure(indicator, period, 10)
    figure(indicator, periods[3], 10, contributing=2, carried=1, expected=2)
    assert year_of(indicator).provisional_periods == 1


def test_the_threshold_and_a_locked_period_make_it_final(world):
    MeasurementSettings.objects.update_or_create(
        initiative=world.initiative, defaults={"provisional_threshold": 50}
    )
    indicator = IndicatorFactory(initiative=world.initiative)
    periods = quarters(world.initiative, 2025, state="open")
    figure(indicator, periods[0], 1, contributing=2, expected=4)  # 50%: final
    figure(indicator, periods[1], 1, contributing=1, expected=4)  # 25%: provisional
    figure(indicator, periods[2], 1, contributing=2, expected=4)
    figure(indicator, periods[3], 1, contributing=2, expected=4)
    assert year_of(indicator).provisional_periods == 1
    periods[1].state = "locked"
    periods[1].save()
    assert not year_of(indicator).provisional


def test_latest_judged_skips_the_provisional_year(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    for period in quarters(world.initiative, 2025):
        figure(indicator, period, 1)
    figure(indicator, quarters(world.initiative, 2026, count=1)[0], 1)
    found = yearly_figures(indicators=[indicator])[indicator.pk]
    assert latest_judged(found).year == 2025


# --- yearly targets ----------------------------------------------------------------------


def test_year_targets_are_saved_cleared_and_judge_the_year(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    for period in quarters(world.initiative, 2025):
        figure(indicator, period, 25)
    services.year_targets_save(indicator=indicator, targets={2025: Decimal(90)})
    found = year_of(indicator)
    assert found.target == Decimal(90) and found.progress == Progress.ON_TRACK
    services.year_targets_save(indicator=indicator, targets={2025: Decimal(120)})
    assert year_of(indicator).progress == Progress.OFF_TRACK
    services.year_targets_save(indicator=indicator, targets={2025: None})
    assert not YearTarget.objects.exists()
    assert year_of(indicator).progress == Progress.NO_TARGET


def test_a_year_target_out_of_range_refuses_them_all_at_the_field(world):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type="percentage", aggregation="ratio_of_sums"
    )
    with pytest.raises(ValidationError) as refused:
        services.year_targets_save(
            indicator=indicator, targets={2025: Decimal(50), 2026: Decimal(120), 1800: Decimal(1)}
        )
    assert set(refused.value.message_dict) == {"year_target_2026", "year_target_1800"}
    assert refused.value.message_dict["year_target_2026"] == ["A percentage is between 0 and 100."]
    assert not YearTarget.objects.exists()


def test_a_negative_count_target_is_refused(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    with pytest.raises(ValidationError) as refused:
        services.year_targets_save(indicator=indicator, targets={2025: Decimal(-1)})
    assert refused.value.message_dict == {"year_target_2025": ["A count cannot be negative."]}


# --- through the real rollup ---------------------------------------------------------------


def test_yearly_sum_from_approved_values_through_the_rollup(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    periods = quarters(world.initiative, 2025)
    for n, period in enumerate(periods, start=1):
        report(
            indicator,
            world.partner_org,
            period,
            partner=world.partner,
            reviewer=world.backbone,
            value=n,
        )
        report(indicator, world.second_org, period, partner=world.backbone, value=10 * n)
    rollup_compute()
    found = year_of(indicator)
    assert found.value == Decimal(110)  # (1 + 2 + 3 + 4) × 11
    assert not found.provisional


def test_yearly_average_through_the_rollup_is_over_every_value(world):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type="amount", aggregation="average",
        time_aggregation="average",
    )  # fmt: skip
    assign(indicator, world.partner_org, world.second_org)
    q1, q2, _q3, _q4 = quarters(world.initiative, 2025)
    report(
        indicator, world.partner_org, q1, partner=world.partner, reviewer=world.backbone, value=10
    )
    report(indicator, world.second_org, q1, partner=world.backbone, value=20)
    report(
        indicator, world.partner_org, q2, partner=world.partner, reviewer=world.backbone, value=60
    )
    rollup_compute()
    assert year_of(indicator).value == Decimal(30)  # 90 / 3, not (15 + 60) / 2


def test_one_query_for_any_number_of_indicators(world):
    periods = quarters(world.initiative, 2025) + quarters(world.initiative, 2026)
    indicators = [IndicatorFactory(initiative=world.initiative) for _n in range(5)]
    for indicator in indicators:
        for period in periods:
            figure(indicator, period, 1)
    with CaptureQueriesContext(connection) as queries:
        found = yearly_figures(indicators=indicators)
    assert len(queries) == 1
    assert sum(len(rows) for rows in found.values()) == 10
    from measurement.models import Indicator

    with CaptureQueriesContext(connection) as queries:
        found = yearly_figures(indicators=Indicator.objects.filter(initiative=world.initiative))
    assert len(queries) == 1 and len(found) == 5
