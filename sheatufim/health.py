"""Health for load balancers and monitors.

/healthz: can this web process serve, i.e. are the database and the broker reachable? The
web container's healthcheck, which worker and beat wait for, so it cannot depend on them.

/healthz/worker: is background work being done? A worker heartbeat (queued by beat every
minute, see sheatufim.celery) must be recent, and no rollup request may wait longer than
ROLLUP_BACKLOG_MAX_MINUTES: otherwise a worker or beat is dead or not keeping up. For a monitor
that pages someone; a 503 here does not mean the web should be restarted.
"""

import time
from datetime import timedelta

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from measurement.models import RollupRequest

from .celery import HEARTBEAT_KEY

EAGER = "not used (tasks run eagerly)"


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return EAGER
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _heartbeat_state() -> str:
    if not settings.REDIS_URL:
        return EAGER
    try:
        last = cache.get(HEARTBEAT_KEY)
    except redis.RedisError as error:
        return f"error: {type(error).__name__}"
    if last is None:
        return "error: no worker heartbeat recorded"
    age = time.time() - last
    if age > settings.WORKER_HEARTBEAT_MAX_AGE:
        return f"error: last heartbeat {age:.0f} s ago"
    return f"ok ({age:.0f} s ago)"


def _rollup_backlog_state() -> str:
    limit = settings.ROLLUP_BACKLOG_MAX_MINUTES
    try:
        overdue = RollupRequest.objects.filter(
            requested_at__lt=timezone.now() - timedelta(minutes=limit)
        ).aggregate(count=Count("id"), oldest=Min("requested_at"))
    except Exception as error:
        return f"error: {type(error).__name__}"
    if overdue["count"]:
        minutes = (timezone.now() - overdue["oldest"]).total_seconds() / 60
        return (
            f"error: {overdue['count']} rollup requests waiting over {limit} min "
            f"(oldest {minutes:.0f} min)"
        )
    return "ok"


def _answer(checks: dict[str, str]) -> JsonResponse:
    healthy = all(state.startswith(("ok", "not used")) for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return _answer({"database": _database_state(), "broker": _broker_state()})


@never_cache
def healthz_worker(request: HttpRequest) -> JsonResponse:
    return _answer({"heartbeat": _heartbeat_state(), "rollup_backlog": _rollup_backlog_state()})
