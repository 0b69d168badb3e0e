"""Redis away: the API answers (throttling fails open, logged once) and publishing is quick."""

import logging
import time

import pytest
from celery import Celery
from rest_framework.test import APIClient

from initiatives import services
from sheatufim.api import throttling

UNREACHABLE = "redis://127.0.0.1:9/0"  # nothing listens on the discard port


@pytest.fixture
def redis_away(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    forget_outage()
    yield settings
    forget_outage()


def forget_outage():
    """Each test starts with a process that has seen no outage."""
    if outage := getattr(throttling, "_CacheOutage", None):
        outage.down, outage.retry_at = False, 0.0


def token_client(world) -> APIClient:
    _token, raw = services.api_token_create(user=world.partner, name="outage")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_api_answers_while_the_cache_is_unreachable(world, redis_away):
    assert token_client(world).get("/api/v1/initiatives/").status_code == 200
    assert APIClient().get("/api/v1/schema/").status_code == 200  # the anonymous description


def test_the_outage_is_logged_once_then_its_end(world, redis_away, caplog):
    client = token_client(world)
    with caplog.at_level(logging.WARNING, logger="sheatufim.api.throttling"):
        statuses = [client.get("/api/v1/initiatives/").status_code for _ in range(5)]
        redis_away.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        }
        if outage := getattr(throttling, "_CacheOutage", None):
            outage.retry_at = 0.0  # the retry interval has passed
        statuses.append(client.get("/api/v1/initiatives/").status_code)
    assert statuses == [200] * 6
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0].startswith("API throttling is off")
    assert messages[1].startswith("API throttling is on again")


def test_publishing_a_task_gives_up_quickly_when_the_broker_is_down(settings):
    """The settings' publish policy bounds task.delay(): Celery's default slept 600 ms."""
    settings.CELERY_BROKER_URL = UNREACHABLE
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app = Celery("outage", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")

    def publish() -> float:
        started = time.perf_counter()
        with pytest.raises(Exception):  # noqa: B017 - kombu's OperationalError
            app.send_task("measurement.tasks.rollup_process_requests_task")
        return time.perf_counter() - started

    publish()  # the first one also imports the transport
    assert max(publish() for _ in range(3)) < 0.2
