"""P9 (issue 9): the activity matrix of a large initiative, as its backbone.

An initiative of its own, with the bench's 200 organizations taking part, an adopted agenda of
GOALS goals × STRATEGIES_PER_GOAL strategies (60), INDICATORS indicators, and 3,000 activities
(random organization, strategy, role, status, population and geography from short lists, so
that the matrix has gaps and overlaps; each aims at one or two indicators), the activities
written in one batch through activities.services.activities_create (its time goes to stderr).

GET /initiatives/<slug>/activities/matrix/ (activities:matrix: the strategies' rows, the
first page of organizations, the gaps and overlaps) through Django's test Client, measured as
P4 is (bench/dashboard.py, whose helpers this reuses): the number of queries, the median and
p95 server time of RUNS requests after WARM_UP, against the page's own queries replayed bare
on psycopg, interleaved: ratio = median server time / median replay time (goal <= 3).
Everything P9 loaded is deleted at the end.
"""

import random
import time
from datetime import date, timedelta

from .dashboard import GOAL_RATIO, RUNS, WARM_UP, _measure, _replayer
from .progress import median, percentile, say, summary

GOALS = 6
STRATEGIES_PER_GOAL = 10
INDICATORS = 20
ACTIVITIES = 3000
POPULATIONS = ["Grade 10 students", "Grade 11 students", "Teachers", "Parents", "Young adults"]
GEOGRAPHIES = ["Negev", "Galilee", "Triangle", "Center", "Haifa", "Jerusalem", "National"]
ROLES = ["lead"] + ["partner"] * 4 + ["supporter"] * 3 + ["funder"] * 2
STATUSES = ["active"] * 6 + ["planned"] * 2 + ["completed", "stopped"]
SHAPE = f"{GOALS * STRATEGIES_PER_GOAL} strategies × {ACTIVITIES:,} activities"


def _initiative(organization_ids: list[int], seed: int):
    """The initiative, its participants, its backbone user and its adopted agenda."""
    from agenda import services as agenda
    from measurement.models import Indicator

    from .data import bench_initiative

    initiative, backbone = bench_initiative(
        name="Bench activities",
        slug=f"bench-activities-{seed}",
        organization_ids=organization_ids,
        email=f"bench-matrix-{seed}@example.org",
    )
    version = agenda.version_draft_start(user=backbone, initiative=initiative)
    agenda.version_sections_save(user=backbone, version=version, vision="Benchmarks")
    for g in range(GOALS):
        goal = agenda.goal_save(user=backbone, initiative=initiative, title=f"Bench goal {g}")
        for s in range(STRATEGIES_PER_GOAL):
            agenda.strategy_save(user=backbone, goal=goal, title=f"Bench strategy {g}.{s}")
    agenda.version_adopt(user=backbone, version=version)
    Indicator.objects.bulk_create(
        Indicator(
            initiative=initiative,
            code=f"m{n:02d}",
            name=f"Matrix indicator {n:02d}",
            value_type="count",
            aggregation="sum",
            time_aggregation="sum",  # bulk_create skips the save() that fills it in
            frequency="quarterly",
        )
        for n in range(INDICATORS)
    )
    return initiative, backbone


def _activities(initiative, backbone, rng: random.Random) -> float:
    """The 3,000 activities in one batch through the service; returns its seconds."""
    from activities import services
    from agenda.models import Strategy
    from initiatives.models import Organization
    from measurement.models import Indicator

    organizations = list(Organization.objects.filter(participations__initiative=initiative))
    # Ten strategies get no activity and ten no lead: the matrix's gaps.
    strategies = list(Strategy.objects.filter(goal__initiative=initiative).order_by("id"))[10:]
    no_lead = {strategy.pk for strategy in strategies[:10]}
    indicators = list(Indicator.objects.filter(initiative=initiative))
    drafts = []
    for n in range(ACTIVITIES):
        strategy = rng.choice(strategies)
        role = rng.choice(ROLES)
        drafts.append(
            services.ActivityDraft(
                organization=rng.choice(organizations),
                strategy=strategy,
                title=f"Bench activity {n:04d}",
                role="partner" if role == "lead" and strategy.pk in no_lead else role,
                status=rng.choice(STATUSES),
                population=rng.choice(POPULATIONS),
                geography=rng.choice(GEOGRAPHIES),
                starts_on=date(2024, 1, 1) + timedelta(days=rng.randrange(730)),
                indicators=rng.sample(indicators, rng.randint(1, 2)),
            )
        )
    start = time.perf_counter()
    services.activities_create(user=backbone, initiative=initiative, drafts=drafts)
    return time.perf_counter() - start


def _delete(initiative, backbone) -> None:
    """What P9 loaded, in dependency order (activities and strategies protect their parents)."""
    from django.db import transaction

    from activities.models import Activity
    from agenda.models import Goal, Strategy

    with transaction.atomic():
        Activity.objects.filter(initiative=initiative).delete()
        Strategy.objects.filter(goal__initiative=initiative).delete()
        Goal.objects.filter(initiative=initiative).delete()
        initiative.delete()
        backbone.delete()


def _captured(client, url: str) -> list[str]:
    """The SQL of one request, as the database ran it (bench/dashboard.py's, labelled P9)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for query in queries.captured_queries:
        say(f"P9 query {float(query['time']) * 1000:6.1f} ms: {query['sql'][:160]}")
    return [query["sql"] for query in queries.captured_queries]


def p9(dataset) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    name = f"P9 activity matrix ({len(dataset.organization_ids)} orgs × {SHAPE})"
    say(f"{name}: loading")
    rng = random.Random(9)
    initiative, backbone = _initiative(dataset.organization_ids, seed=9)
    try:
        seconds = _activities(initiative, backbone, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE activities_activity, activities_activity_indicators")
        say(f"P9: {ACTIVITIES:,} activities written by activities_create in {seconds:.1f}s")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(backbone)
        url = reverse("activities:matrix", args=[initiative.slug])
        if client.get(url).status_code == 404:  # warm, as P4; and the page may not exist yet
            summary(f"{name}: skipped (GET {url} is 404: the matrix page is not there yet)")
            return
        statements = _captured(client, url)
        raw, replay = _replayer(statements)
        try:
            page, cpu, replays, queries, size = _measure(client, url, {}, replay)
        finally:
            raw.close()
        if queries != len(statements):
            raise RuntimeError(f"{queries} queries per request, {len(statements)} replayed")
    except Exception as error:
        summary(f"{name}: failed ({type(error).__name__}: {error})")
        return
    finally:
        _delete(initiative, backbone)
    ms, sql_ms = median(page), median(replays)
    ratio = ms / sql_ms
    summary(
        f"{name} vs its own queries replayed bare: queries={queries} ms={ms:.1f} "
        f"sql_ms={sql_ms:.1f} ratio={ratio:.2f} p95_ms={percentile(page, 0.95):.1f} "
        f"python_cpu_ms={median(cpu):.1f} "
        f"(goal <= {GOAL_RATIO}{'' if ratio <= GOAL_RATIO else ': MISSED'}; median of {RUNS} "
        f"after {WARM_UP} warm-up, interleaved, test Client, DEBUG=1, replay on psycopg; "
        f"{size / 1000:.0f} kB of HTML; activities_create {seconds:.1f}s)"
    )
