"""A hand-built field for the field view's tests: the world's initiative (phase II) and a
second collective impact initiative and a sphere (both phase I), all followed by the world's
facilitator, each with a closed round on the five conditions of known scores (the second's
anonymous, with one respondent for shared measurement: withheld)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from backbone.models import AssessmentTemplate, RoundState, TemplateKind
from initiatives.models import Initiative, Phase, Role
from tests.backbone.results_factories import a_round, respond, template
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, SphereFactory


@dataclass
class Field:
    stem: Initiative
    jobs: Initiative
    sphere: Initiative


def closed_at(day: date):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def closed_round(initiative, template_, *, anonymous, title, day, levels):
    round_ = a_round(initiative, template_, anonymous=anonymous, title=title, opens_on=day)
    round_.closed_at = closed_at(day + timedelta(days=30))
    round_.save(update_fields=["closed_at"])
    for response in levels:
        respond(round_, response)
    return round_


def build_field(world) -> Field:
    conditions = template(("agenda", "measurement"), benchmarks=1)
    readiness = AssessmentTemplate.objects.create(
        key="test-readiness", kind=TemplateKind.READINESS, name="Readiness", language="en"
    )
    stem = world.initiative
    stem.phase = Phase.ORGANIZE_FOR_IMPACT
    stem.save(update_fields=["phase"])
    jobs = InitiativeFactory(name="Jobs", slug="jobs", phase=Phase.INITIATE_ACTION)
    sphere = SphereFactory(name="Youth sphere", slug="youth", phase=Phase.INITIATE_ACTION)
    for initiative in (jobs, sphere):
        MembershipFactory(user=world.facilitator, initiative=initiative, role=Role.FACILITATOR)

    # stem: an older round (ignored), then a named one: agenda 3.50, measurement 3.00.
    closed_round(
        stem, conditions, anonymous=False, title="2025", day=date(2025, 3, 1), levels=[[1, 1]]
    )
    closed_round(
        stem,
        conditions,
        anonymous=False,
        title="Spring 2026",
        day=date(2026, 3, 1),
        levels=[[4, 3], [3, 3]],
    )
    # A later round on another instrument is not the five conditions' latest.
    later = a_round(stem, readiness, title="Readiness", opens_on=date(2026, 5, 1))
    later.closed_at = closed_at(date(2026, 6, 1))
    later.save(update_fields=["closed_at"])
    # jobs: anonymous, agenda rated by 3 (3.00), measurement by 1 (withheld).
    closed_round(
        jobs,
        conditions,
        anonymous=True,
        title="Jobs 2026",
        day=date(2026, 2, 1),
        levels=[[4, None], [3, None], [2, 1]],
    )
    # the sphere: anonymous, four respondents: agenda 2.00, measurement 2.00.
    closed_round(
        sphere,
        conditions,
        anonymous=True,
        title="Sphere 2026",
        day=date(2026, 1, 1),
        levels=[[1, 2], [2, 2], [3, 2], [2, 2]],
    )
    # An open round is no result yet.
    a_round(jobs, conditions, state=RoundState.OPEN, title="Open", opens_on=date(2026, 6, 1))
    return Field(stem, jobs, sphere)
