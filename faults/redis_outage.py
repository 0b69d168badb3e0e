"""make fault-redis: take the private Redis away and back; print what the API, the pages
and approvals did meanwhile.

Figures: status codes of the API (with a token and the anonymous schema) and of a page
during the outage; approval time before, during (with the project's publish policy and with
Celery's default, i.e. before the fix) and after; log lines written; time to recover.
"""

import collections
import subprocess

from faults import services

services.use_in_this_process()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from faults.common import Counting, approve, clients, submitted, summary  # noqa: E402

ROUNDS = 10


def probe(page, api, anonymous) -> dict[str, collections.Counter]:
    codes = collections.defaultdict(collections.Counter)
    for _ in range(ROUNDS):
        codes["api /api/v1/initiatives/"][api.get("/api/v1/initiatives/").status_code] += 1
        codes["api /api/v1/schema/ (anon)"][anonymous.get("/api/v1/schema/").status_code] += 1
        codes["page /initiatives/"][page.get("/initiatives/").status_code] += 1
        codes["/healthz"][anonymous.get("/healthz").status_code] += 1
    return codes


def approvals(page) -> tuple[str, collections.Counter]:
    times, codes = [], collections.Counter()
    for submission in submitted(ROUNDS):
        milliseconds, state = approve(page, submission)
        times.append(milliseconds)
        codes[state] += 1
    return summary(times[1:]), codes  # the first also opens connections


PUBLISH = """
import sys, time, django
import sheatufim.settings
if sys.argv[1] == "default":  # the settings as they were before the fix
    del sheatufim.settings.CELERY_TASK_PUBLISH_RETRY_POLICY
django.setup()
from measurement.tasks import rollup_process_requests_task as task
times = []
for _ in range(6):
    started = time.perf_counter()
    try:
        task.delay()
    except Exception:  # Redis is away: what is measured is how long the attempt held us
        pass
    times.append((time.perf_counter() - started) * 1000)
print(" ".join(f"{t:.0f}" for t in times[1:]))
"""


def publish_times(*, default_policy: bool) -> str:
    """Milliseconds of five task.delay() in a fresh process (the first, importing, left out)."""
    result = subprocess.run(
        [services.PYTHON, "-c", PUBLISH, "default" if default_policy else "project"],
        env=services.app_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    times = [float(t) for t in result.stdout.split()]
    return summary(times) if times else result.stderr[-300:]


def show(title: str, codes) -> None:
    print(f"  {title}")
    for name, counter in codes.items():
        print(f"    {name:32} {dict(counter)}")


def main() -> None:
    throttle_log = Counting("sheatufim.api.throttling")
    enqueue_log = Counting("initiatives.services")
    page, api, anonymous = clients()
    print(f"Private Redis {settings.REDIS_URL}, PostgreSQL {settings.DATABASES['default']['PORT']}")

    show("Redis up:", probe(page, api, anonymous))
    print(f"    approvals                        {approvals(page)}")

    services.redis_stop()
    show("Redis away:", probe(page, api, anonymous))
    print(f"    approvals (project policy)       {approvals(page)}")
    # What each approval waits for on commit: task.delay() in a new process, with the
    # project's publish policy and with Celery's default one (before the fix).
    print(f"    task.delay(), project policy     {publish_times(default_policy=False)}")
    print(f"    task.delay(), Celery's default   {publish_times(default_policy=True)}")
    lines = throttle_log.messages
    print(f"    throttling log lines             {len(lines)}: {lines}")
    print(f"    'Could not queue' log lines      {len(enqueue_log.messages)}")

    services.redis_start()
    recovered = services.wait_for(
        lambda: anonymous.get("/healthz").status_code == 200, timeout=30, step=0.2
    )
    print(f"  Redis back: /healthz 200 after {recovered:.1f} s" if recovered is not None
          else "  Redis back: /healthz still failing after 30 s")  # fmt: skip
    from sheatufim.api import throttling

    throttling._CacheOutage.retry_at = 0.0  # do not wait out the retry interval here
    show("Redis back:", probe(page, api, anonymous))
    print(f"    approvals                        {approvals(page)}")
    lines = throttle_log.messages
    print(f"    throttling log lines (total)     {len(lines)}: {lines[-1:]}")


if __name__ == "__main__":
    services.redis_start()
    services.postgres_start()
    try:
        services.database_prepare()
        main()
    finally:
        services.stop_everything()
