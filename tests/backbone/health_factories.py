"""The data of each condition for the health tests, made through the apps' services (or the
ORM where the app's tests do the same: meetings, attendance, rounds and answers)."""

from datetime import date, timedelta

from django.utils import timezone

from agenda.models import Decision, Endorsement
from backbone.models import (
    AssessmentRound,
    AssessmentTemplate,
    Benchmark,
    RoundState,
    TemplateKind,
    TemplateSection,
)
from tests.backbone.test_scores import a_round, answer

TODAY = date(2026, 12, 2)


def endorse(version, organization, *, decision=Decision.ENDORSED, days_ago=0):
    endorsement = Endorsement.objects.create(
        version=version,
        organization=organization,
        decision=decision,
        reason="Not now" if decision == Decision.DECLINED else "",
    )
    if days_ago:
        at = timezone.now() - timedelta(days=days_ago)
        Endorsement.objects.filter(pk=endorsement.pk).update(at=at)
    return endorsement


def closed_round(initiative, template, *, levels, anonymous=True, closed_days_ago=0, title="Round"):
    """A closed round of `template` whose submitted responses rate every benchmark of the
    section "agenda" with one level each (one response per entry of `levels`)."""
    round_ = a_round(initiative, template, anonymous=anonymous)
    for level in levels:
        answer(round_, {"agenda": [level]})
    AssessmentRound.objects.filter(pk=round_.pk).update(
        state=RoundState.CLOSED,
        title=title,
        closed_at=timezone.now() - timedelta(days=closed_days_ago),
    )
    return round_


def one_benchmark_template(key="test-conditions"):
    """A template of one section "agenda" with one benchmark."""
    template = AssessmentTemplate.objects.create(
        key=key, kind=TemplateKind.CONDITIONS, name=key, language="en"
    )
    section = TemplateSection.objects.create(template=template, key="agenda", name="Agenda")
    Benchmark.objects.create(section=section, key="agenda-0", text="We share an agenda")
    return template
