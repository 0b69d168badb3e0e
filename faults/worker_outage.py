"""make fault-worker: take Redis away while a worker holds a task, then kill the worker;
print whether it survived, how long rollups took to catch up, and what /healthz/worker said.

Celery 5.7.0 (what the project runs) exits here ("Unrecoverable error: AttributeError ...
'hostname'") where 5.6 reconnected: the script then starts it again, as the supervisor's
restart policy does (docs/deploy.md), and /healthz/worker reports the dead worker meanwhile.
"""

import json
import signal
import time
from datetime import timedelta

from faults import services

services.use_in_this_process()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from faults.tasks import hold  # noqa: E402
from measurement.models import Indicator, ReportingPeriod, RollupRequest  # noqa: E402
from measurement.services import rollups  # noqa: E402
from measurement.tasks import rollup_process_requests_task  # noqa: E402


def health() -> str:
    response = Client().get("/healthz/worker")
    return f"{response.status_code} {json.dumps(response.json()['checks'])}"


def ask_for_rollups(count: int = 5) -> None:
    period = ReportingPeriod.objects.filter(initiative__slug="5x2-stem-excellence").first()
    indicators = Indicator.objects.filter(initiative=period.initiative)[:count]
    rollups.rollup_request((indicator.pk, period.pk) for indicator in indicators)


def caught_up(timeout: float) -> float | None:
    return services.wait_for(lambda: not RollupRequest.objects.exists(), timeout, 0.2)


def main() -> None:
    RollupRequest.objects.all().delete()
    pidfile, log = services.worker_start()
    print(f"  worker started (pid {pidfile.read_text().strip()}); /healthz/worker: {health()}")

    hold.delay(6)
    services.wait_for(lambda: "faults.hold" in log.read_text(), 20)
    time.sleep(1)
    services.redis_stop()
    print("  Redis stopped while the worker runs a 6 s task (acks late)")
    time.sleep(3)
    services.redis_start()
    reconnected = services.wait_for(lambda: log.read_text().count("Connected to") >= 2, 30, 0.2)
    alive = services.pid_alive(pidfile)
    took = "never" if reconnected is None else f"after {reconnected:.1f} s"
    print(f"  Redis back: worker alive: {alive}; reconnected {took}")
    if "Unrecoverable error" in log.read_text():
        print("  the worker log says: Unrecoverable error")
    if not alive:
        pidfile, log = services.worker_start()  # what restart: always does
        print("  worker restarted by the script (as the supervisor would)")

    ask_for_rollups()
    count = RollupRequest.objects.count()
    took = caught_up(30)
    took = "still waiting after 30 s" if took is None else f"processed in {took:.1f} s"
    print(f"  {count} rollup requests asked for after the outage: {took}")

    services.worker_stop(pidfile, signal.SIGKILL)
    print("  worker killed (-9); beat not running either")
    ask_for_rollups()
    RollupRequest.objects.update(requested_at=timezone.now() - timedelta(minutes=15))
    settings.WORKER_HEARTBEAT_MAX_AGE = 5  # instead of 180 s, to see it within this run
    time.sleep(6)
    print(f"  /healthz/worker: {health()}")

    started = time.monotonic()
    pidfile, _log = services.worker_start()
    rollup_process_requests_task.delay()  # what beat's catch-up queues every minute
    back = services.wait_for(lambda: Client().get("/healthz/worker").status_code == 200, 60, 0.2)
    print(f"  worker restarted: /healthz/worker 200 after {time.monotonic() - started:.1f} s")
    print(f"  (backlog processed and heartbeat fresh: {back is not None}); {health()}")
    services.worker_stop(pidfile)


if __name__ == "__main__":
    services.redis_start()
    services.postgres_start()
    try:
        services.database_prepare()
        main()
    finally:
        services.worker_stop(services.DIR / "worker.pid")
        services.stop_everything()
