"""The shared reads: one current period (in Python and in SQL, agreeing), one counting rule for
completeness (the page, the dashboard's headline and the portfolio), one participants list."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative, Participation
from initiatives.selectors import participant_organizations
from measurement import selectors
from measurement.models import IndicatorAssignment, PeriodState, SubmissionState
from measurement.selectors import dashboard, homes
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

OPEN, CLOSED, SCHEDULED = PeriodState.OPEN, PeriodState.CLOSED, PeriodState.SCHEDULED


def quarter_from(today: date, quarters: int, **extra) -> dict:
    """The quarter `quarters` away from the one holding today (negative: in the past)."""
    index = today.year * 4 + (today.month - 1) // 3 + quarters
    start = date(index // 4, 3 * (index % 4) + 1, 1)
    end = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1) - timedelta(1)
    return {"start": start, "end": end, "due_date": end + timedelta(days=30), **extra}


def both_current_periods(initiative: Initiative):
    """The current period as the dashboard reads it (Python) and as the portfolio does (SQL)."""
    in_python = selectors.current_period(list(selectors.period_list(initiative=initiative)))
    annotated = Initiative.objects.annotate(current_id=selectors.current_period_subquery())
    return in_python, annotated.get(pk=initiative.pk).current_id


# (quarters from now, state, frequency) of each period, and which of them is current
CASES = {
    "the latest open one": ([(-2, OPEN), (-1, OPEN), (0, CLOSED), (1, SCHEDULED)], 1),
    "none open: the latest started": ([(-2, CLOSED), (0, CLOSED), (1, SCHEDULED)], 1),
    "a future period only": ([(1, SCHEDULED)], 0),
    "future periods only: the first to come": ([(3, SCHEDULED), (1, SCHEDULED)], 1),
    "an open period in the future": ([(0, CLOSED), (2, OPEN)], 1),
}


@pytest.mark.parametrize("case", CASES)
def test_current_period_is_the_same_in_python_and_in_sql(world, case):
    specs, current = CASES[case]
    today = timezone.localdate()
    periods = [
        PeriodFactory(initiative=world.initiative, state=state, **quarter_from(today, quarters))
        for quarters, state in specs
    ]
    in_python, in_sql = both_current_periods(world.initiative)
    assert in_python == periods[current]
    assert in_sql == periods[current].pk


def test_current_period_breaks_ties_of_a_start_the_same_way(world):
    today = timezone.localdate()
    for frequency in ("quarterly", "monthly"):
        PeriodFactory(
            initiative=world.initiative,
            frequency=frequency,
            state=CLOSED,
            **quarter_from(today, -1),
        )
    in_python, in_sql = both_current_periods(world.initiative)
    assert in_python.pk == in_sql
    assert in_python.frequency == "monthly"  # the order of period_list: by frequency


def test_an_initiative_without_periods_has_no_current_period(world):
    assert both_current_periods(world.initiative) == (None, None)


# --- counting ------------------------------------------------------------------------------


def fill(world, period, n):
    """n indicators assigned to two organizations: one approved and one submitted value each,
    and a returned value of an organization unassigned since (no longer counted)."""
    stranger = OrganizationFactory()
    ParticipationFactory(initiative=world.initiative, organization=stranger)
    for _ in range(n):
        indicator = IndicatorFactory(initiative=world.initiative)
        assign(indicator, world.partner_org, world.second_org, stranger)
        report(indicator, world.partner_org, period, partner=world.backbone, value=1)
        report(
            indicator,
            world.second_org,
            period,
            partner=world.backbone,
            state=SubmissionState.SUBMITTED,
            value=2,
        )
        report(
            indicator,
            stranger,
            period,
            partner=world.backbone,
            state=SubmissionState.RETURNED,
            value=3,
        )

    IndicatorAssignment.objects.filter(organization=stranger).delete()


def counted(period):
    with CaptureQueriesContext(connection) as context:
        counts = selectors.value_counts(periods=[period])[period.pk]
    return counts, len(context.captured_queries)


def test_value_counts_counts_assigned_values_in_two_queries_whatever_the_size(world):
    period = PeriodFactory(initiative=world.initiative)
    fill(world, period, 2)
    small, small_queries = counted(period)
    fill(world, period, 6)
    large, large_queries = counted(period)
    assert small_queries == large_queries == 2
    assert (small.totals.expected, small.totals.submitted, small.totals.approved) == (4, 4, 2)
    assert (large.totals.expected, large.totals.submitted, large.totals.approved) == (16, 16, 8)
    assert large.totals.returned == 0  # the stranger is no longer assigned: not counted
    assert [i.code for i in large.indicators] == sorted(i.code for i in large.indicators)


def test_value_counts_skips_inactive_indicators_and_other_frequencies(world):
    period = PeriodFactory(initiative=world.initiative)
    fill(world, period, 1)
    inactive = IndicatorFactory(initiative=world.initiative)
    assign(inactive, world.partner_org)
    report(inactive, world.partner_org, period, partner=world.backbone, value=1)
    inactive.is_active = False
    inactive.save()
    yearly = IndicatorFactory(initiative=world.initiative, frequency="yearly")
    assign(yearly, world.partner_org)
    counts, _queries = counted(period)
    assert {i.pk for i in counts.indicators}.isdisjoint({inactive.pk, yearly.pk})
    assert (counts.totals.expected, counts.totals.approved) == (2, 1)


def test_value_counts_of_many_periods_is_two_queries(world):
    periods = [
        PeriodFactory(initiative=world.initiative, **quarter_from(date(2026, 1, 1), q))
        for q in range(3)
    ]
    periods.append(PeriodFactory(initiative=world.other_initiative))
    fill(world, periods[0], 2)
    with CaptureQueriesContext(connection) as context:
        counts = selectors.value_counts(periods=periods)
    assert len(context.captured_queries) == 2
    assert [counts[p.pk].totals.approved for p in periods] == [2, 0, 0, 0]
    assert [counts[p.pk].totals.expected for p in periods] == [4, 4, 4, 0]


def test_completeness_dashboard_and_portfolio_count_the_same(world):
    period = PeriodFactory(initiative=world.initiative)
    fill(world, period, 3)
    page = selectors.completeness(initiative=world.initiative, period=period)["totals"]
    headline = dashboard.period_completeness(initiative=world.initiative, period=period)
    (row,) = homes.portfolio(user=world.facilitator)
    assert row.period == period
    assert (page["expected"], page["submitted"], page["approved"]) == (6, 6, 3)
    assert (headline.expected, headline.submitted, headline.approved) == (6, 6, 3)
    assert (row.expected, row.approved) == (6, 3)


# --- participants ----------------------------------------------------------------------------


def test_participants_are_the_active_ones_by_name(world):
    gone = OrganizationFactory(name="Aleph")
    ParticipationFactory(initiative=world.initiative, organization=gone)
    Participation.objects.filter(organization=gone).update(left_on=timezone.localdate())
    names = [o.name for o in participant_organizations(initiative=world.initiative)]
    assert names == sorted({world.initiative.backbone.name, "Masar", "Gesher"})
    assert selectors.participants is participant_organizations
    assert sum(n for _label, n in dashboard.partners_by_sector(initiative=world.initiative)) == 3


def test_completeness_page_opens_on_the_current_period(client, world):
    today = timezone.localdate()
    started = PeriodFactory(initiative=world.initiative, state=CLOSED, **quarter_from(today, 0))
    PeriodFactory(initiative=world.initiative, state=SCHEDULED, **quarter_from(today, 1))
    client.force_login(world.backbone)
    response = client.get(reverse("measurement:completeness", args=[world.initiative.slug]))
    assert response.context["period"] == started  # not the newest, which has not started
