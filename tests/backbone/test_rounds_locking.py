"""Two requests at once: the round's row is locked on a state change, so of two openings (or
two closings) of the same round one wins and the other is refused; the responses are made
once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backbone.models import AssessmentRound, Response, RoundState
from backbone.services import rounds as services
from tests.backbone import round_factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _twice(call):
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        barrier.wait()
        try:
            call()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_openings_at_once(world):
    made = f.round(world)
    stale = AssessmentRound.objects.get(pk=made.pk)
    assert _twice(lambda: services.round_open(round=stale, by=world.backbone)) == [
        "done",
        "refused",
    ]
    assert Response.objects.filter(round=made).count() == 2


def test_two_closings_at_once(world):
    made = f.open_round(world)
    assert _twice(lambda: services.round_close(round=made, by=world.backbone)) == [
        "done",
        "refused",
    ]
    assert AssessmentRound.objects.get(pk=made.pk).state == RoundState.CLOSED


def test_the_scheduler_and_a_manager_at_once(world):
    from datetime import timedelta

    from django.utils import timezone

    made = f.open_round(world, days=0)
    later = timezone.localdate() + timedelta(days=1)
    results = []

    def scheduler():
        results.append(services.rounds_close_due(later))
        connection.close()

    barrier = threading.Barrier(2)

    def manager():
        barrier.wait()
        try:
            services.round_close(round=made, by=world.backbone)
            results.append("manager")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    def sched():
        barrier.wait()
        scheduler()

    threads = [threading.Thread(target=manager), threading.Thread(target=sched)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, results)) in (["0", "manager"], ["1", "refused"])
