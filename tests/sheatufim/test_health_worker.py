"""/healthz/worker: a dead worker (or beat) and a growing rollup backlog are reported."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from measurement.models import RollupRequest
from sheatufim.celery import HEARTBEAT_KEY, worker_heartbeat
from tests.measurement.factories import IndicatorFactory, PeriodFactory


@pytest.fixture
def with_broker(settings, db):
    settings.REDIS_URL = (
        "redis://broker.example:6379/0"  # only the heartbeat is read, from the cache
    )
    cache.delete(HEARTBEAT_KEY)
    yield settings
    cache.delete(HEARTBEAT_KEY)


@pytest.fixture
def asked(world):
    """asked(age): a rollup request for a new indicator of one period, written `age` ago."""
    period = PeriodFactory(initiative=world.initiative)

    def make(age: timedelta) -> RollupRequest:
        request = RollupRequest.objects.create(
            indicator=IndicatorFactory(initiative=world.initiative), period=period
        )
        RollupRequest.objects.filter(pk=request.pk).update(requested_at=timezone.now() - age)
        return request

    return make


def test_it_is_ok_after_a_heartbeat_and_without_a_backlog(client, with_broker, asked):
    worker_heartbeat()
    asked(timedelta(minutes=1))  # just asked for: the worker is on it
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["rollup_backlog"] == "ok"


def test_it_reports_a_worker_never_seen(client, with_broker):
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 503
    assert response.json()["checks"]["heartbeat"].startswith("error")


def test_it_reports_a_dead_worker(client, with_broker):
    cache.set(HEARTBEAT_KEY, time.time() - with_broker.WORKER_HEARTBEAT_MAX_AGE - 5, None)
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 503
    assert "last heartbeat" in response.json()["checks"]["heartbeat"]


def test_it_reports_rollup_requests_piling_up(client, with_broker, asked):
    worker_heartbeat()
    asked(timedelta(minutes=with_broker.ROLLUP_BACKLOG_MAX_MINUTES + 20))
    asked(timedelta(minutes=with_broker.ROLLUP_BACKLOG_MAX_MINUTES + 1))
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 503
    backlog = response.json()["checks"]["rollup_backlog"]
    assert backlog.startswith("error: 2 rollup requests") and "oldest 30 min" in backlog


def test_in_eager_mode_the_heartbeat_is_not_used(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "heartbeat": "not used (tasks run eagerly)",
        "rollup_backlog": "ok",
    }


def test_the_web_healthcheck_does_not_depend_on_the_worker(client, with_broker, monkeypatch):
    """Worker and beat wait for the web's /healthz: it must not wait for them in turn."""
    monkeypatch.setattr("sheatufim.health._broker_state", lambda: "ok")
    assert client.get(reverse("healthz")).status_code == 200


def test_the_heartbeat_is_scheduled_more_often_than_it_may_age(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["task"] == worker_heartbeat.name
    assert entry["schedule"] * 2 < settings.WORKER_HEARTBEAT_MAX_AGE
