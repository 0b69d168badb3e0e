"""From approval to rollup through Celery: a real worker on real Redis, and a broker outage."""

import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

from measurement import services, tasks
from measurement.models import Rollup, RollupRequest, SubmissionState
from sheatufim.celery import app as celery_app
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

ROOT = Path(__file__).resolve().parents[2]
# A Redis database of its own, so the worker takes only this test's tasks.
PRIVATE_REDIS_DB = 9


def use_broker(url: str):
    """Point the app at another broker, not eagerly; returns a function that restores it."""
    conf, amqp = celery_app.conf, celery_app.amqp
    saved = conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool
    conf.task_always_eager = False
    conf.broker_url = url
    celery_app._pool = amqp._producer_pool = None

    def restore():
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        conf.task_always_eager, conf.broker_url, celery_app._pool, amqp._producer_pool = saved

    return restore


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(redis_url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_the_test_database(),
        "REDIS_URL": redis_url,
        "CONN_MAX_AGE": "0",
    }
    with log.open("wb") as output:
        return subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "sheatufim",
                "worker",
                "--pool=solo",
                "--loglevel=info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    return None


@pytest.fixture
def submitted(world):
    """Masar's submitted count of 42 for STEM excellence, 2026 Q1."""
    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    submission = report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        state=SubmissionState.SUBMITTED,
        value=42,
    )
    return submission


@pytest.mark.skipif(
    not settings.REDIS_URL or connection.vendor != "postgresql",
    reason="needs a real broker and a database the worker process can share: "
    "set REDIS_URL and a PostgreSQL DATABASE_URL",
)
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_carries_an_approval_to_its_rollup(world, submitted, tmp_path):
    redis_url = urlsplit(settings.REDIS_URL)._replace(path=f"/{PRIVATE_REDIS_DB}").geturl()
    restore = use_broker(redis_url)
    celery_app.control.purge()  # stray tasks of an earlier run
    worker = start_worker(redis_url, tmp_path / "worker.log")
    try:
        services.submission_approve(submission_id=submitted.pk, user=world.backbone)

        rollup = wait_for(
            lambda: Rollup.objects.filter(
                indicator_id=submitted.indicator_id, period_id=submitted.period_id
            ).first()
        )

        log = (tmp_path / "worker.log").read_text(errors="replace")
        assert rollup is not None, f"no rollup after 20 s; the worker said:\n{log}"
        assert (rollup.value, rollup.contributing, rollup.expected) == (Decimal(42), 1, 2)
        assert wait_for(lambda: not RollupRequest.objects.exists(), seconds=5)
        assert "rollup_process_requests_task" in log
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        restore()


def test_with_the_broker_down_an_approval_succeeds_and_the_periodic_task_rolls_it_up(
    world, submitted, django_capture_on_commit_callbacks, caplog
):
    restore = use_broker("redis://127.0.0.1:9/0")  # nothing listens there
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.submission_approve(submission_id=submitted.pk, user=world.backbone)
    finally:
        restore()

    assert len(callbacks) == 1
    assert "Could not queue measurement.tasks.rollup_process_requests_task" in caplog.text
    submitted.refresh_from_db()
    assert submitted.state == SubmissionState.APPROVED
    assert RollupRequest.objects.count() == 1
    assert not Rollup.objects.exists()

    assert tasks.rollup_process_requests_task() == 1

    rollup = Rollup.objects.get(indicator_id=submitted.indicator_id)
    assert (rollup.value, rollup.contributing, rollup.expected) == (Decimal(42), 1, 2)
    assert not RollupRequest.objects.exists()
