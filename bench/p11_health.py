"""P11 (issue 12): condition health for a portfolio of 50 initiatives, each with 100
organizations, an adopted agenda (20 strategies), 500 activities, 2 years of meetings (two a
month, 20 present at each), 4 closed assessment rounds (30 respondents × 20 benchmarks), a
workplan of 30 tasks, 10 indicators with a current period half reported, and 40 action items.

The fixture is written set-based (bulk_create). backbone.selectors.health.condition_health is
counted in queries for 10 and for 50 initiatives (the goal: the same), then timed for the 50
(median of 5) against the same SQL queries replayed bare on a raw cursor, as captured
(CaptureQueriesContext): ratio = condition health / bare replay (goal <= 3). Everything P11
loaded is deleted at the end.
"""

import time
from datetime import timedelta

from .progress import median, say, summary

INITIATIVES = 50
SMALL = 10
ORGANIZATIONS = 100
STRATEGIES = 20
ACTIVITIES = 500
MEETINGS = 48  # two a month for two years
PRESENT = 20
ROUNDS = 4
RESPONDENTS = 30
SECTIONS, BENCHMARKS = 5, 4  # per section
TASKS = 30
INDICATORS = 10
ACTION_ITEMS = 40
RUNS = 5
GOAL_RATIO = 3


def _load():
    from django.utils import timezone

    from activities.models import Activity
    from agenda.models import AgendaVersion, Endorsement, Goal, Strategy
    from backbone.models import (
        AnswerValue,
        AssessmentRound,
        AssessmentTemplate,
        Benchmark,
        Response,
        TemplateSection,
        Workplan,
        WorkplanObjective,
        WorkplanTask,
    )
    from communication.models import ActionItem, Attendance, Meeting
    from initiatives.models import Initiative, Organization, Participation, User
    from measurement.models import Indicator, IndicatorAssignment, ReportingPeriod, Submission

    now = timezone.now()
    today = timezone.localdate()
    backbone = Organization.objects.create(name="P11 backbone", sector="nonprofit")
    organizations = Organization.objects.bulk_create(
        Organization(name=f"P11 organization {n:03d}", sector="nonprofit")
        for n in range(ORGANIZATIONS)
    )
    people = User.objects.bulk_create(
        User(email=f"p11-{n:03d}@example.org", full_name=f"P11 {n}", password="!")
        for n in range(max(PRESENT, RESPONDENTS))
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"P11 initiative {n:02d}",
            slug=f"p11-{n:02d}",
            kind="collective_impact",
            social_issue="Benchmarks",
            backbone=backbone,
        )
        for n in range(INITIATIVES)
    )
    Participation.objects.bulk_create(
        (
            Participation(initiative=i, organization=o, role="partner")
            for i in initiatives
            for o in organizations
        ),
        batch_size=5000,
    )
    versions = AgendaVersion.objects.bulk_create(
        AgendaVersion(initiative=i, number=1, state="adopted", adopted_at=now - timedelta(days=200))
        for i in initiatives
    )
    Endorsement.objects.bulk_create(
        (
            Endorsement(version=v, organization=o, decision="endorsed")
            for v in versions
            for o in organizations[:70]
        ),
        batch_size=5000,
    )
    goals = Goal.objects.bulk_create(Goal(initiative=i, title="Goal") for i in initiatives)
    strategies = Strategy.objects.bulk_create(
        Strategy(goal=g, title=f"Strategy {s}", order=s) for g in goals for s in range(STRATEGIES)
    )
    by_initiative = {}
    for strategy in strategies:
        by_initiative.setdefault(strategy.goal.initiative_id, []).append(strategy)
    Activity.objects.bulk_create(
        (
            Activity(
                initiative=i,
                organization=organizations[n % ORGANIZATIONS],
                strategy=by_initiative[i.pk][n % (STRATEGIES - 2)],  # two strategies: gaps
                title=f"Activity {n}",
                role="lead" if n % 5 == 0 else "partner",
                status=("active", "planned", "completed")[n % 3],
                population=f"p{n % 7}",
                population_key=f"p{n % 7}",
                geography=f"g{n % 3}",
                geography_key=f"g{n % 3}",
                starts_on=today - timedelta(days=n),
            )
            for i in initiatives
            for n in range(ACTIVITIES)
        ),
        batch_size=5000,
    )
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                initiative=i,
                kind="steering_committee",
                title=f"Meeting {m}",
                starts_at=now - timedelta(days=15 * m + 1),
                ends_at=now - timedelta(days=15 * m + 1) + timedelta(hours=1),
            )
            for i in initiatives
            for m in range(MEETINGS)
        ),
        batch_size=5000,
    )
    Attendance.objects.bulk_create(
        (
            Attendance(meeting=m, user=people[p], organization=organizations[(m.pk + p) % 100])
            for m in meetings
            for p in range(PRESENT)
        ),
        batch_size=5000,
    )
    ActionItem.objects.bulk_create(
        (
            ActionItem(initiative=i, title=f"Item {n}", due_on=today + timedelta(days=n - 10))
            for i in initiatives
            for n in range(ACTION_ITEMS)
        ),
        batch_size=5000,
    )
    plans = Workplan.objects.bulk_create(
        Workplan(initiative=i, year=today.year) for i in initiatives
    )
    objectives = WorkplanObjective.objects.bulk_create(
        WorkplanObjective(workplan=p, function="vision", title="Objective") for p in plans
    )
    WorkplanTask.objects.bulk_create(
        (
            WorkplanTask(
                objective=o,
                title=f"Task {n}",
                status="done" if n % 3 == 0 else "in_progress",
                due_on=today + timedelta(days=n - 5),
            )
            for o in objectives
            for n in range(TASKS)
        ),
        batch_size=5000,
    )
    template = AssessmentTemplate.objects.create(
        key="p11-conditions", kind="conditions", name="P11", language="en"
    )
    benchmarks = []
    for s in range(SECTIONS):
        section = TemplateSection.objects.create(template=template, key=f"s{s}", name=f"S{s}")
        benchmarks += Benchmark.objects.bulk_create(
            Benchmark(section=section, key=f"s{s}-{b}", text=f"B{b}") for b in range(BENCHMARKS)
        )
    rounds = AssessmentRound.objects.bulk_create(
        AssessmentRound(
            initiative=i,
            template=template,
            title=f"Round {r}",
            opens_on=today - timedelta(days=180 * (ROUNDS - r) + 20),
            closes_on=today - timedelta(days=180 * (ROUNDS - r)),
            state="closed",
            closed_at=now - timedelta(days=180 * (ROUNDS - r)),
        )
        for i in initiatives
        for r in range(ROUNDS)
    )
    responses = Response.objects.bulk_create(
        (
            Response(round=r, respondent=people[p], state="submitted", submitted_at=now)
            for r in rounds
            for p in range(RESPONDENTS)
        ),
        batch_size=5000,
    )
    AnswerValue.objects.bulk_create(
        (
            AnswerValue(response=resp, benchmark=b, level=1 + (resp.pk + b.pk) % 4)
            for resp in responses
            for b in benchmarks
        ),
        batch_size=10000,
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            initiative=i,
            code=f"p11-{n}",
            name=f"P11 indicator {n}",
            value_type="count",
            aggregation="sum",
            time_aggregation="sum",
            frequency="quarterly",
        )
        for i in initiatives
        for n in range(INDICATORS)
    )
    periods = {
        p.initiative_id: p
        for p in ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                initiative=i,
                frequency="quarterly",
                start=today - timedelta(days=120),
                end=today - timedelta(days=30),
                due_date=today - timedelta(days=10),
                state="open",
            )
            for i in initiatives
        )
    }
    IndicatorAssignment.objects.bulk_create(
        (
            IndicatorAssignment(indicator=ind, organization=o)
            for ind in indicators
            for o in organizations
        ),
        batch_size=10000,
    )
    Submission.objects.bulk_create(
        (
            Submission(
                indicator=ind,
                organization=o,
                period=periods[ind.initiative_id],
                state="submitted",
                value=1,
                submitted_at=now,
            )
            for ind in indicators
            for o in organizations[:50]
        ),
        batch_size=10000,
    )
    return backbone, organizations, people, initiatives, template


def _analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _delete(backbone, organizations, people, initiatives, template):
    from activities.models import Activity
    from agenda.models import Endorsement, Goal, Strategy
    from backbone.models import AnswerValue, Response
    from communication.models import Attendance
    from initiatives.models import Participation
    from measurement.models import IndicatorAssignment, Submission

    ids = [i.pk for i in initiatives]
    for queryset in (
        AnswerValue.objects.filter(response__round__initiative_id__in=ids),
        Response.objects.filter(round__initiative_id__in=ids),
        Attendance.objects.filter(meeting__initiative_id__in=ids),
        Activity.objects.filter(initiative_id__in=ids),
        Submission.objects.filter(indicator__initiative_id__in=ids),
        IndicatorAssignment.objects.filter(indicator__initiative_id__in=ids),
        Endorsement.objects.filter(version__initiative_id__in=ids),
        Participation.objects.filter(initiative_id__in=ids),
        Strategy.objects.filter(goal__initiative_id__in=ids),
        Goal.objects.filter(initiative_id__in=ids),
    ):
        queryset._raw_delete(queryset.db)
    for initiative in initiatives:
        initiative.delete()
    template.delete()
    for person in people:
        person.delete()
    for organization in organizations:
        organization.delete()
    backbone.delete()


def _bare(queries) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(query["sql"])
            cursor.fetchall()
    return time.perf_counter() - started


def p11(_dataset=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backbone.selectors.health import condition_health

    name = "P11 condition health of 50 initiatives × 100 organizations, 500 activities, 4 rounds"
    say("P11: loading 50 initiatives")
    started = time.perf_counter()
    loaded = _load()
    _analyze()
    say(f"P11: loaded in {time.perf_counter() - started:.0f}s")
    initiatives = loaded[3]
    ids = [i.pk for i in initiatives]
    try:
        with CaptureQueriesContext(connection) as small:
            condition_health(ids[:SMALL])
        with CaptureQueriesContext(connection) as large:
            found = condition_health(ids)
        assert len(found) == INITIATIVES
        captured = list(large.captured_queries)
        times, bares = [], []
        for _ in range(RUNS):
            begun = time.perf_counter()
            condition_health(ids)
            times.append(time.perf_counter() - begun)
            bares.append(_bare(captured))
    finally:
        say("P11: deleting")
        _delete(*loaded)
    ours, bare = median(times), median(bares)
    ratio = ours / bare
    flat = len(small) == len(large)
    summary(
        f"{name}: queries_{SMALL}={len(small)} queries_{INITIATIVES}={len(large)} "
        f"health_ms={ours * 1000:.0f} bare_ms={bare * 1000:.0f} ratio={ratio:.2f} "
        f"(goal: queries the same{'' if flat else ': MISSED'}, ratio <= {GOAL_RATIO}"
        f"{'' if ratio <= GOAL_RATIO else ': MISSED'}; median of {RUNS}, DEBUG=1)"
    )
