"""P4 (issue 5): the backbone dashboard of the bench initiative, as its backbone reviewer.

GET /initiatives/<slug>/measurement/dashboard/ through Django's test Client (the whole
page: headline, 100 indicator cards with their trends, the heatmap's first page of
organizations × 100 indicators, recent changes): the number of queries, and the median and
p95 server time of RUNS requests after WARM_UP, and the median CPU time of the Django
process (PostgreSQL's excluded). Against the page's own queries replayed bare: the SQL of
one request, captured with CaptureQueriesContext, executed statement by statement on a raw
psycopg connection (every row fetched, no ORM, no template), RUNS times interleaved with
the requests: ratio = median server time / median replay time (goal <= 3), a ratio because
absolute times are not stable on a shared machine. The htmx fragment that the filters ask
for is measured the same way, for reference. The queries and their times of one request go
to stderr.
"""

import os
import time

import psycopg

from .progress import median, percentile, say, summary

RUNS = 20
WARM_UP = 3
GOAL_RATIO = 3


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


def _measure(client, url: str, headers: dict, replay=None) -> tuple:
    """Wall-clock ms and ms of this process's CPU (Python; not PostgreSQL's) per request, and
    the ms of each replay of its queries (`replay`, called after each request) when given."""
    for _ in range(WARM_UP):
        _timed(client, url, headers)
        if replay is not None:
            replay()
    times, cpus, replays, counts, size = [], [], [], set(), 0
    for _ in range(RUNS):
        ms, cpu, count, size = _timed(client, url, headers)
        times.append(ms)
        cpus.append(cpu)
        counts.add(count)
        if replay is not None:
            replays.append(replay())
    if len(counts) != 1:
        raise RuntimeError(f"the number of queries changed between requests: {sorted(counts)}")
    return times, cpus, replays, counts.pop(), size


def _captured(client, url: str) -> list[str]:
    """The SQL of one request, as the database ran it (parameters in place)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for query in queries.captured_queries:
        say(f"P4 query {float(query['time']) * 1000:6.1f} ms: {query['sql'][:160]}")
    return [query["sql"] for query in queries.captured_queries]


def _replayer(statements: list[str]):
    """A function that runs the statements bare on a psycopg connection of its own, fetching
    every row, in one transaction rolled back after; it returns the ms they took."""
    raw = psycopg.connect(os.environ["DATABASE_URL"])  # bench_database() set it

    def replay() -> float:
        start = time.perf_counter()
        with raw.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)  # no parameters: a % is not a placeholder
                if cursor.description:
                    cursor.fetchall()
        seconds = time.perf_counter() - start
        raw.rollback()
        return seconds * 1000

    return raw, replay


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
        client.get(url)  # warm: the first request of a client fills caches
        statements = _captured(client, url)
        raw, replay = _replayer(statements)
        try:
            page, cpu, replays, queries, size = _measure(client, url, {}, replay)
        finally:
            raw.close()
        if queries != len(statements):
            raise RuntimeError(f"{queries} queries per request, {len(statements)} replayed")
        fragment, _cpu, _replays, fragment_queries, fragment_size = _measure(
            client, url, {"HX-Request": "true", "HX-Target": "cards"}
        )
    except Exception as error:
        summary(f"{name}: failed ({type(error).__name__}: {error})")
        return
    ms, sql_ms = median(page), median(replays)
    ratio = ms / sql_ms
    summary(
        f"{name} vs its own queries replayed bare: queries={queries} ms={ms:.1f} "
        f"sql_ms={sql_ms:.1f} ratio={ratio:.2f} p95_ms={percentile(page, 0.95):.1f} "
        f"python_cpu_ms={median(cpu):.1f} "
        f"(goal <= {GOAL_RATIO}{'' if ratio <= GOAL_RATIO else ': MISSED'}; median of {RUNS} "
        f"after {WARM_UP} warm-up, interleaved, test Client, DEBUG=1, replay on psycopg; "
        f"{size / 1000:.0f} kB of HTML) "
        f"htmx_cards: queries={fragment_queries} ms={median(fragment):.1f} "
        f"({fragment_size / 1000:.0f} kB)"
    )
