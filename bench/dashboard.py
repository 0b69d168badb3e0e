"""P4 (issue 5): the backbone dashboard of the bench initiative, as its backbone reviewer.

GET /initiatives/<slug>/measurement/dashboard/ through Django's test Client (the whole
page: headline, 100 indicator cards with their trends, the heatmap's first page of
organizations × 100 indicators, recent changes): the number of queries, and the median and
p95 server time of RUNS requests after WARM_UP (goal: median <= 200 ms), and the median CPU
time of the Django process (robust to other load on a shared machine; PostgreSQL's
excluded). The htmx fragment that the filters ask for is measured the same way, for
reference. The queries and their times of one request go to stderr.
"""

import time

from .progress import median, percentile, say, summary

RUNS = 20
WARM_UP = 3
GOAL_MS = 200


def _timed(client, url: str, headers: dict) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code} {response.content[:300]!r}")
    return seconds * 1000, cpu * 1000, len(queries), len(response.content)


def _measure(client, url: str, headers: dict) -> tuple[list[float], list[float], int, int]:
    """Wall-clock ms and ms of this process's CPU (Python; not PostgreSQL's) per request."""
    for _ in range(WARM_UP):
        _timed(client, url, headers)
    times, cpus, counts, size = [], [], set(), 0
    for _ in range(RUNS):
        ms, cpu, count, size = _timed(client, url, headers)
        times.append(ms)
        cpus.append(cpu)
        counts.add(count)
    if len(counts) != 1:
        raise RuntimeError(f"the number of queries changed between requests: {sorted(counts)}")
    return times, cpus, counts.pop(), size


def _log_queries(client, url: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for query in queries.captured_queries:
        say(f"P4 query {float(query['time']) * 1000:6.1f} ms: {query['sql'][:160]}")


def p4(dataset) -> None:
    from django.test import Client
    from django.urls import reverse

    from measurement.models import Indicator, ReportingPeriod

    organizations = len(dataset.organization_ids)
    indicators = Indicator.objects.filter(initiative=dataset.initiative).count()
    periods = ReportingPeriod.objects.filter(initiative=dataset.initiative).count()
    shape = f"{organizations} orgs × {indicators} indicators × {periods} periods"
    name = f"P4 backbone dashboard ({shape})"
    try:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(dataset.reviewer)
        url = reverse("measurement:dashboard", args=[dataset.initiative.slug])
        page, cpu, queries, size = _measure(client, url, {})
        _log_queries(client, url)
        fragment, _cpu, fragment_queries, fragment_size = _measure(
            client, url, {"HX-Request": "true", "HX-Target": "cards"}
        )
    except Exception as error:
        summary(f"{name}: failed ({type(error).__name__}: {error})")
        return
    ms = median(page)
    summary(
        f"{name}: queries={queries} ms={ms:.1f} p95_ms={percentile(page, 0.95):.1f} "
        f"python_cpu_ms={median(cpu):.1f} "
        f"(goal <= {GOAL_MS}{'' if ms <= GOAL_MS else ': MISSED'}; median of {RUNS} after "
        f"{WARM_UP} warm-up, test Client, DEBUG=1; {size / 1000:.0f} kB of HTML) "
        f"htmx_cards: queries={fragment_queries} ms={median(fragment):.1f} "
        f"({fragment_size / 1000:.0f} kB)"
    )
