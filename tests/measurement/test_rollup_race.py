"""Two rollups that overlap never leave the older figure behind (PostgreSQL, real connections).

A rollup statement reads the data as it was when it began. A long run that began before an
approval, and writes after a short run that saw it, would put the older figure back. Here the
long run is held up by a row lock on another indicator's figure (what a large batch's rollup
does by itself on a busy database), the approval commits, and a short run follows.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from measurement.models import Rollup, Submission, SubmissionState
from measurement.services import rollups
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="statement snapshots and row locks of PostgreSQL; set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]


def in_thread(target) -> threading.Thread:
    def run():
        try:
            target()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def waiting_for_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type IN ('Lock', 'Advisory') AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def wait_until(condition, seconds=10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.parametrize("held", [0, 1], ids=["first-held", "second-held"])
def test_an_older_snapshot_never_overwrites_a_newer_figure(world, held):
    period = PeriodFactory(initiative=world.initiative)
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(2)]
    for indicator in indicators:
        assign(indicator, world.partner_org, world.second_org)
        report(indicator, world.partner_org, period, partner=world.backbone, value=1)
    blocker, target = indicators[held], indicators[1 - held]
    late = report(
        target,
        world.second_org,
        period,
        partner=world.backbone,
        state=SubmissionState.SUBMITTED,
        value=10,
    )
    rollups.rollup_compute()
    release, locked = threading.Event(), threading.Event()

    def hold_a_figure():  # another transaction holds the blocker's figure for a while
        with transaction.atomic():
            Rollup.objects.select_for_update().get(indicator=blocker, period=period)
            locked.set()
            release.wait(20)

    holder = in_thread(hold_a_figure)
    locked.wait(10)
    before = waiting_for_locks()
    long_run = in_thread(
        lambda: rollups.rollup_compute(pairs={(i.pk, period.pk) for i in indicators})
    )
    wait_until(lambda: waiting_for_locks() > before)  # the long run has begun and waits

    Submission.objects.filter(pk=late.pk).update(state=SubmissionState.APPROVED)  # commits
    short_run = in_thread(lambda: rollups.rollup_compute(pairs={(target.pk, period.pk)}))
    short_run.join(1.5)  # done already, or waiting for the long run: both are fine
    release.set()
    for thread in (holder, long_run, short_run):
        thread.join(20)
        assert not thread.is_alive()

    assert Rollup.objects.get(indicator=target, period=period).value == Decimal(11)
    assert Rollup.objects.get(indicator=blocker, period=period).value == Decimal(1)
