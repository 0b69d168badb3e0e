"""A new indicator (or a new assignment) does not make past periods look late: a period that
ended before the organization was assigned is not expected of it, on every page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measurement import selectors, services
from measurement.models import Indicator, LateSubmissionGrant, PeriodState, SubmissionState
from measurement.selectors import dashboard, homes
from tests.measurement.factories import IndicatorFactory, PeriodFactory, report


@pytest.fixture
def periods(world):
    """A past, closed period (ended a month ago) and the open one of today."""
    today = timezone.localdate()
    past = PeriodFactory(
        initiative=world.initiative,
        start=today - timedelta(days=120),
        end=today - timedelta(days=30),
        due_date=today - timedelta(days=10),
        state=PeriodState.CLOSED,
    )
    current = PeriodFactory(
        initiative=world.initiative,
        start=today - timedelta(days=20),
        end=today + timedelta(days=60),
        due_date=today + timedelta(days=80),
        state=PeriodState.OPEN,
    )
    return past, current


def _new_indicator(world, code="NEW"):
    """An indicator created today through the page's service, reported by both partners."""
    return services.indicator_save(
        indicator=Indicator(
            initiative=world.initiative,
            code=code,
            name="New",
            value_type="count",
            aggregation="sum",
            frequency="quarterly",
        ),
        organizations=[world.partner_org, world.second_org],
        dimensions=[],
    )


def test_a_new_indicator_expects_nothing_of_periods_that_ended_before_it(world, periods):
    past, current = periods
    indicator = _new_indicator(world)

    counts = selectors.value_counts(periods=[past, current])
    page = selectors.completeness(initiative=world.initiative, period=past)

    assert counts[past.pk].by_indicator[indicator.pk].expected == 0
    assert counts[current.pk].by_indicator[indicator.pk].expected == 2
    assert (page["totals"]["expected"], page["totals"]["missing"], page["totals"]["late"]) == (
        0,
        0,
        0,
    )


def test_a_value_sent_anyway_or_an_exception_makes_it_expected(world, periods):
    past, _current = periods
    indicator = _new_indicator(world)
    LateSubmissionGrant.objects.create(
        period=past,
        organization=world.second_org,
        until=timezone.localdate() + timedelta(days=7),
        granted_by=world.backbone,
    )
    past.state = PeriodState.OPEN
    past.save()
    report(indicator, world.partner_org, past, partner=world.partner,
           state=SubmissionState.SUBMITTED, value=3)  # fmt: skip

    page = selectors.completeness(initiative=world.initiative, period=past)

    row = page["rows"][0]
    assert (row.expected, row.submitted, row.missing, row.late) == (2, 1, 1, 0)


def test_an_older_assignment_is_still_expected_and_late(world, periods):
    past, _current = periods
    indicator = IndicatorFactory(initiative=world.initiative, code="OLD")
    services.indicator_save(indicator=indicator, organizations=[world.partner_org], dimensions=[])
    indicator.assignments.update(assigned_on=past.start)

    page = selectors.completeness(initiative=world.initiative, period=past)

    assert (page["totals"]["expected"], page["totals"]["late"]) == (1, 1)


def test_the_heatmap_leaves_the_cell_empty(world, periods):
    past, current = periods
    indicator = _new_indicator(world)
    indicators = dashboard.dashboard_indicators(initiative=world.initiative)

    before = dashboard.heatmap(period=past, indicators=indicators)
    now = dashboard.heatmap(period=current, indicators=indicators)

    assert {state for row in before.rows for _id, state in row.cells} == {None}
    assert {state for row in now.rows for _id, state in row.cells} == {"missing"}
    assert indicator.pk in [column.pk for column in before.indicators]


def test_the_partner_home_does_not_owe_it(world, periods):
    past, current = periods
    _new_indicator(world)
    past.state = PeriodState.OPEN  # past its due date, still open to everyone
    past.save()

    home = homes.partner_home(initiative=world.initiative, organization=world.partner_org)

    assert [group.period for group in home.owed] == [current]


def test_the_completeness_page_and_the_report_say_nothing_is_late(client, world, periods):
    past, _current = periods
    _new_indicator(world)
    client.force_login(world.backbone)

    page = client.get(
        reverse("measurement:completeness", args=[world.initiative.slug]), {"period": past.pk}
    )
    report_page = client.get(
        reverse("measurement:period_report", args=[world.initiative.slug, past.pk])
    )

    assert page.context["data"]["totals"]["late"] == 0
    assert page.context["data"]["totals"]["expected"] == 0
    assert report_page.status_code == 200
    assert "<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>" in report_page.text


def test_assigned_on_is_the_day_of_the_assignment(world):
    indicator = _new_indicator(world)

    days = set(indicator.assignments.values_list("assigned_on", flat=True))

    assert days == {timezone.localdate()}
    assert date.today() - timedelta(days=1) <= timezone.localdate()
