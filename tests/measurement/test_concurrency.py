"""Two people acting on one value at the same moment: no lost update, no crash.

Each thread has its own database connection; a barrier makes them start together. Only
PostgreSQL has the row locks this is about (SQLite serializes whole-database writes).
"""

import threading
import time
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from measurement import services
from measurement.models import Submission, SubmissionEvent, SubmissionState
from tests.measurement.factories import (
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
    values,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]

Action = SubmissionEvent.Action


def at_once(*actions: Callable[[], object]) -> list[object]:
    """Run the actions in threads released together; return each result or exception."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[object] = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action()
        except Exception as exc:  # the outcome under test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return outcomes


@pytest.fixture
def submitted(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    return report(
        indicator,
        world.partner_org,
        PeriodFactory(initiative=world.initiative),
        partner=world.partner,
        state=SubmissionState.SUBMITTED,
        value=12,
    )


def review_actions(world, submission_id, kinds):
    reviewers = {"approve": world.backbone, "return": world.superuser}  # two who may review
    make = {
        "approve": lambda: services.submission_approve(
            submission_id=submission_id, user=reviewers["approve"]
        ),
        "return": lambda: services.submission_return(
            submission_id=submission_id, user=reviewers["return"], note="Check the source."
        ),
    }
    return [make[kind] for kind in kinds]


@pytest.mark.parametrize(
    "kinds", [("approve", "approve"), ("approve", "return"), ("return", "return")]
)
def test_two_reviewers_at_once_one_wins_and_the_other_is_told(world, submitted, kinds):
    version = submitted.version

    outcomes = at_once(*review_actions(world, submitted.pk, kinds))

    won = [o for o in outcomes if isinstance(o, Submission)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(won), len(refused)) == (1, 1), outcomes
    submission = Submission.objects.get(pk=submitted.pk)
    assert submission.state == won[0].state
    assert submission.version == version + 1
    reviews = list(
        submission.events.filter(action__in=[Action.APPROVED, Action.RETURNED]).values_list(
            "action", "to_state"
        )
    )
    assert reviews == [(won[0].state, won[0].state)]


def test_two_saves_of_a_new_value_at_once_raise_no_integrity_error(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)

    def save(value, submit):
        return lambda: services.submission_save(
            user=world.partner,
            indicator=indicator,
            organization=world.partner_org,
            period=period,
            values=values(value),
            submit=submit,
        )

    outcomes = at_once(save(12, False), save(13, True))

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    submission = Submission.objects.get()  # one row, whoever came first
    events = list(submission.events.order_by("id").values_list("action", "changes"))
    assert len(events) == 2
    # The last writer's values stand, and its history entry says what it changed.
    last_value = events[-1][1]["value"][1]
    assert submission.value == int(last_value)
    assert submission.version == 2  # one version per recorded change


def test_two_identical_saves_at_once_record_one_change(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)

    def save():
        return services.submission_save(
            user=world.partner,
            indicator=indicator,
            organization=world.partner_org,
            period=period,
            values=values(12),
            submit=True,
        )

    outcomes = at_once(save, save)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(changed for _submission, changed in outcomes) == [False, True]
    submission = Submission.objects.get()
    assert submission.events.count() == 1
    assert submission.state == SubmissionState.SUBMITTED


@pytest.mark.parametrize("existing", [0, 20], ids=["all-new", "half-existing"])
@pytest.mark.parametrize("round_", range(2))
def test_two_overlapping_batches_in_opposite_order_do_not_deadlock(world, existing, round_):
    period = PeriodFactory(initiative=world.initiative)
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(40)]
    for indicator in indicators[:existing]:
        assign(indicator, world.partner_org)
        report(indicator, world.partner_org, period, partner=world.partner, state="draft", value=1)
    for indicator in indicators[existing:]:
        assign(indicator, world.partner_org)

    def batch(value, order):
        entries = [
            services.Entry(indicator.pk, world.partner_org.pk, period.pk, values(value))
            for indicator in order
        ]
        return lambda: services.submissions_save(user=world.partner, entries=entries, submit=True)

    outcomes = at_once(batch(5, indicators), batch(7, indicators[::-1]))

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert all(o.ok for o in outcomes), [o.errors[:2] for o in outcomes]
    stored = set(Submission.objects.filter(period=period).values_list("value", flat=True))
    assert len(stored) == 1 and stored <= {5, 7}  # one batch wrote after the other, whole


def test_batches_that_meet_in_the_middle_do_not_deadlock(world):
    """Batch A writes keys in ascending order, batch B in descending order; a third
    transaction holds the key in the middle, so that A and B both stop there, then lets go.
    Written in one order, one batch waits for the other instead of each for the other."""
    period = PeriodFactory(initiative=world.initiative)
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(11)]
    for indicator in indicators:
        assign(indicator, world.partner_org)
    middle = indicators[5]
    held, release = threading.Event(), threading.Event()

    def hold_the_middle():
        class Undo(Exception):
            """Raised to roll the holding transaction back."""

        try:
            with transaction.atomic():
                Submission.objects.create(
                    indicator=middle, organization=world.partner_org, period=period
                )
                held.set()
                release.wait(20)
                raise Undo
        except Undo:
            pass  # rolled back: the key is free again
        finally:
            connections.close_all()

    def batch(value, order):
        entries = [
            services.Entry(indicator.pk, world.partner_org.pk, period.pk, values(value))
            for indicator in order
        ]
        return lambda: services.submissions_save(user=world.partner, entries=entries, submit=True)

    holder = threading.Thread(target=hold_the_middle)
    holder.start()
    assert held.wait(10)
    results = []
    runner = threading.Thread(
        target=lambda: results.extend(at_once(batch(5, indicators), batch(7, indicators[::-1])))
    )
    runner.start()
    deadline = time.monotonic() + 10
    while waiting_for_locks() < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    release.set()
    holder.join(20)
    runner.join(30)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert all(r.ok for r in results)
    stored = set(Submission.objects.filter(period=period).values_list("value", flat=True))
    assert len(stored) == 1 and stored <= {5, 7}


def waiting_for_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]
