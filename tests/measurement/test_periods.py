"""Reporting periods: generated from the frequency, advanced by the calendar, changed by hand."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from measurement import services
from measurement.models import MeasurementSettings, PeriodChange, PeriodState, ReportingPeriod
from tests.measurement.factories import PeriodFactory


def spans(periods) -> list[tuple]:
    return [(p.start, p.end, p.due_date, p.label) for p in periods]


@pytest.mark.parametrize(
    "frequency, count, expected",
    [
        (
            "monthly",
            3,
            [
                (date(2026, 1, 1), date(2026, 1, 31), date(2026, 3, 2), "2026-01"),
                (date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 30), "2026-02"),
                (date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 30), "2026-03"),
            ],
        ),
        (
            "quarterly",
            4,
            [
                (date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 30), "2026 Q1"),
                (date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 30), "2026 Q2"),
                (date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 30), "2026 Q3"),
                (date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 30), "2026 Q4"),
            ],
        ),
        (
            "half_yearly",
            2,
            [
                (date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 30), "2026 H1"),
                (date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 30), "2026 H2"),
            ],
        ),
        (
            "yearly",
            2,
            [
                (date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 30), "2026"),
                (date(2027, 1, 1), date(2027, 12, 31), date(2028, 1, 30), "2027"),
            ],
        ),
    ],
)
def test_periods_follow_the_frequency_and_are_due_thirty_days_after_they_end(
    world, frequency, count, expected
):
    periods = services.periods_generate(
        initiative=world.initiative, frequency=frequency, first_start=date(2026, 1, 1), count=count
    )

    assert spans(periods) == expected
    assert {p.frequency for p in periods} == {frequency}
    assert {p.state for p in periods} == {PeriodState.SCHEDULED}


def test_generating_starts_on_the_first_of_the_month(world):
    (period,) = services.periods_generate(
        initiative=world.initiative, frequency="monthly", first_start=date(2028, 2, 17), count=1
    )
    assert (period.start, period.end) == (date(2028, 2, 1), date(2028, 2, 29))


def test_the_due_date_follows_the_initiative_settings(world):
    MeasurementSettings.objects.create(initiative=world.initiative, due_days_after_end=15)

    (period,) = services.periods_generate(
        initiative=world.initiative, frequency="quarterly", first_start=date(2026, 1, 1), count=1
    )

    assert period.due_date == date(2026, 4, 15)


def test_generating_again_keeps_the_existing_periods(world):
    first = services.periods_generate(
        initiative=world.initiative, frequency="quarterly", first_start=date(2026, 1, 1), count=4
    )
    ReportingPeriod.objects.filter(pk=first[0].pk).update(state=PeriodState.LOCKED)

    again = services.periods_generate(
        initiative=world.initiative, frequency="quarterly", first_start=date(2026, 4, 1), count=4
    )

    assert [p.pk for p in again[:3]] == [p.pk for p in first[1:]]
    assert ReportingPeriod.objects.filter(initiative=world.initiative).count() == 5
    assert ReportingPeriod.objects.get(pk=first[0].pk).state == PeriodState.LOCKED


def test_frequencies_have_their_own_periods(world):
    services.periods_generate(
        initiative=world.initiative, frequency="quarterly", first_start=date(2026, 1, 1), count=1
    )
    services.periods_generate(
        initiative=world.initiative, frequency="yearly", first_start=date(2026, 1, 1), count=1
    )
    assert ReportingPeriod.objects.filter(initiative=world.initiative).count() == 2


@pytest.mark.parametrize("count", [0, 121])
def test_a_sensible_number_of_periods_is_generated_at_a_time(world, count):
    with pytest.raises(ValidationError) as error:
        services.periods_generate(
            initiative=world.initiative,
            frequency="monthly",
            first_start=date(2026, 1, 1),
            count=count,
        )
    assert set(error.value.error_dict) == {"count"}
    assert not ReportingPeriod.objects.exists()


# --- advancing by the calendar -------------------------------------------------------------
# 2026 Q1 ends on 31 March and is due on 30 April. With the default settings it opens 7 days
# before the end (24 March), closes 7 days after the due date (after 7 May) and locks 60 days
# after it (after 29 June).


@pytest.mark.parametrize(
    "today, state",
    [
        (date(2026, 3, 23), PeriodState.SCHEDULED),
        (date(2026, 3, 24), PeriodState.OPEN),
        (date(2026, 5, 7), PeriodState.OPEN),
        (date(2026, 5, 8), PeriodState.CLOSED),
        (date(2026, 6, 29), PeriodState.CLOSED),
        (date(2026, 6, 30), PeriodState.LOCKED),
    ],
)
def test_periods_advance_by_their_dates(world, today, state):
    period = PeriodFactory(initiative=world.initiative, state=PeriodState.SCHEDULED)

    changed = services.periods_advance(today=today)

    period.refresh_from_db()
    assert period.state == state
    assert changed == (0 if state == PeriodState.SCHEDULED else 1)


def test_periods_advance_by_the_initiative_settings(world):
    MeasurementSettings.objects.create(
        initiative=world.initiative,
        open_days_before_end=0,
        close_days_after_due=1,
        lock_days_after_due=2,
    )
    period = PeriodFactory(initiative=world.initiative, state=PeriodState.SCHEDULED)
    other = PeriodFactory(initiative=world.other_initiative, state=PeriodState.SCHEDULED)

    services.periods_advance(today=date(2026, 5, 2))

    period.refresh_from_db()
    other.refresh_from_db()
    assert period.state == PeriodState.CLOSED
    assert other.state == PeriodState.OPEN  # default settings


def test_advancing_twice_changes_nothing_more(world):
    PeriodFactory(initiative=world.initiative, state=PeriodState.SCHEDULED)
    assert services.periods_advance(today=date(2026, 5, 8)) == 1
    assert services.periods_advance(today=date(2026, 5, 8)) == 0


@pytest.mark.parametrize(
    "by_hand, today",
    [
        (PeriodState.CLOSED, date(2026, 3, 25)),  # closed early: not reopened by the calendar
        (PeriodState.LOCKED, date(2026, 5, 1)),  # locked early: not unlocked
        (PeriodState.OPEN, date(2026, 3, 1)),  # opened early: not put back to scheduled
    ],
)
def test_advancing_never_moves_a_period_backwards(world, by_hand, today):
    period = PeriodFactory(initiative=world.initiative, state=by_hand)

    assert services.periods_advance(today=today) == 0

    period.refresh_from_db()
    assert period.state == by_hand


def test_a_period_reopened_by_hand_stays_open_until_its_lock_date(world):
    today = timezone.localdate()
    # Closed three days ago; locks in fifty days.
    end = today - timedelta(days=40)
    period = PeriodFactory(
        initiative=world.initiative,
        start=end.replace(day=1),
        end=end,
        due_date=end + timedelta(days=30),
        state=PeriodState.CLOSED,
    )
    services.period_set_state(period=period, state=PeriodState.OPEN, user=world.backbone)

    services.periods_advance(today=today)

    period.refresh_from_db()
    assert period.state == PeriodState.OPEN
    services.periods_advance(today=today + timedelta(days=51))
    period.refresh_from_db()
    assert period.state == PeriodState.LOCKED


def test_advancing_writes_no_period_change(world):
    PeriodFactory(initiative=world.initiative, state=PeriodState.SCHEDULED)
    services.periods_advance(today=date(2026, 6, 30))
    assert not PeriodChange.objects.exists()


# --- by hand -------------------------------------------------------------------------------


def test_setting_a_state_by_hand_is_recorded(world):
    period = PeriodFactory(initiative=world.initiative, state=PeriodState.LOCKED)

    period = services.period_set_state(
        period=period, state=PeriodState.OPEN, user=world.backbone, note="A correction"
    )

    assert ReportingPeriod.objects.get(pk=period.pk).state == PeriodState.OPEN
    change = PeriodChange.objects.get(period=period)
    assert (change.from_state, change.to_state, change.actor, change.note) == (
        PeriodState.LOCKED,
        PeriodState.OPEN,
        world.backbone,
        "A correction",
    )


def test_setting_the_same_state_records_nothing(world):
    period = PeriodFactory(initiative=world.initiative, state=PeriodState.OPEN)
    services.period_set_state(period=period, state=PeriodState.OPEN, user=world.backbone)
    assert not PeriodChange.objects.exists()


def test_an_unknown_state_is_refused(world):
    period = PeriodFactory(initiative=world.initiative, state=PeriodState.OPEN)
    with pytest.raises(ValidationError) as error:
        services.period_set_state(period=period, state="archived", user=world.backbone)
    assert set(error.value.error_dict) == {"state"}
    assert ReportingPeriod.objects.get(pk=period.pk).state == PeriodState.OPEN
    assert not PeriodChange.objects.exists()
