"""Data of every condition at a chosen size, for the query-count tests: `size` organizations,
strategies, activities, meetings with attendance, action items, tasks, values and rounds."""

from datetime import timedelta

from django.utils import timezone

from activities.models import Activity, ActivityRole, ActivityStatus
from agenda.models import AgendaVersion, Decision, Endorsement, Goal, Strategy, VersionState
from backbone.models import (
    AnswerValue,
    AssessmentRound,
    Benchmark,
    Response,
    ResponseState,
    RoundState,
    TaskStatus,
    Workplan,
    WorkplanObjective,
    WorkplanTask,
)
from communication.models import ActionItem, Attendance, Meeting, MeetingKind
from measurement.models import IndicatorAssignment, ReportingPeriod, Submission, SubmissionState
from tests.backbone.health_factories import one_benchmark_template
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory, UserFactory
from tests.measurement.factories import IndicatorFactory, PeriodFactory

_templates = {}


def populate(initiative, size: int, *, user) -> None:
    """Fill `initiative` with `size` of everything (ORM, fast)."""
    today = timezone.localdate()
    now = timezone.now()
    orgs = [OrganizationFactory() for _ in range(size)]
    for organization in orgs:
        ParticipationFactory(initiative=initiative, organization=organization)
    version, _ = AgendaVersion.objects.get_or_create(
        initiative=initiative,
        state=VersionState.ADOPTED,
        defaults={"number": 1, "adopted_at": now},
    )
    Endorsement.objects.bulk_create(
        Endorsement(version=version, organization=o, decision=Decision.ENDORSED) for o in orgs
    )
    goal = Goal.objects.create(initiative=initiative, title="Goal")
    strategies = [Strategy.objects.create(goal=goal, title=f"S{n}", order=n) for n in range(size)]
    Activity.objects.bulk_create(
        Activity(
            initiative=initiative,
            organization=orgs[n % size],
            strategy=strategies[n % size],
            title=f"A{n}",
            role=ActivityRole.LEAD,
            status=ActivityStatus.ACTIVE,
        )
        for n in range(size * 2)
    )
    period = ReportingPeriod.objects.filter(initiative=initiative).first() or PeriodFactory(
        initiative=initiative,
        start=today - timedelta(days=120),
        end=today - timedelta(days=30),
        due_date=today - timedelta(days=10),
    )
    for n in range(size):
        indicator = IndicatorFactory(initiative=initiative)
        IndicatorAssignment.objects.bulk_create(
            IndicatorAssignment(indicator=indicator, organization=o) for o in orgs
        )
        Submission.objects.bulk_create(
            Submission(
                indicator=indicator,
                organization=o,
                period=period,
                state=SubmissionState.SUBMITTED,
                value=1,
                submitted_at=now,
            )
            for o in orgs[: n + 1]
        )
    people = [UserFactory() for _ in range(size)]
    for n in range(size):
        start = now - timedelta(days=n * 20 + 1)
        meeting = Meeting.objects.create(
            initiative=initiative,
            kind=MeetingKind.STEERING_COMMITTEE,
            title=f"M{n}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, user=p, organization=o)
            for p, o in zip(people, orgs, strict=True)
        )
        ActionItem.objects.create(
            initiative=initiative, title=f"I{n}", due_on=today - timedelta(days=n - 2)
        )
    plan, _ = Workplan.objects.get_or_create(initiative=initiative, year=today.year)
    objective = WorkplanObjective.objects.create(workplan=plan, function="vision", title="O")
    WorkplanTask.objects.bulk_create(
        WorkplanTask(
            objective=objective,
            title=f"T{n}",
            status=TaskStatus.DONE if n % 2 else TaskStatus.NOT_STARTED,
            due_on=today - timedelta(days=n - 3),
        )
        for n in range(size)
    )
    template = _templates.get("t")
    if template is None or not type(template).objects.filter(pk=template.pk).exists():
        template = _templates["t"] = one_benchmark_template(key="health-data")
    benchmark = Benchmark.objects.get(section__template=template)
    for r in range(2 if not AssessmentRound.objects.filter(initiative=initiative).exists() else 0):
        round_ = AssessmentRound.objects.create(
            initiative=initiative,
            template=template,
            title=f"R{r}",
            opens_on=today - timedelta(days=400 - r * 200),
            closes_on=today - timedelta(days=390 - r * 200),
            state=RoundState.CLOSED,
            closed_at=now - timedelta(days=390 - r * 200),
        )
        for p in people:
            response = Response.objects.create(
                round=round_, respondent=p, state=ResponseState.SUBMITTED
            )
            AnswerValue.objects.create(response=response, benchmark=benchmark, level=2 + r)
