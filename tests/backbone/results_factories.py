"""Rounds, responses and answers for the results tests, built with the ORM (the rounds and
answers services are another slice's)."""

from datetime import date

from backbone.models import (
    AnswerValue,
    AssessmentRound,
    AssessmentTemplate,
    Benchmark,
    Response,
    ResponseState,
    RoundState,
    TemplateKind,
    TemplateSection,
)
from initiatives.models import Role, Sector
from tests.initiatives.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)

KEY = "test-conditions"


def template(sections=("agenda", "measurement"), *, benchmarks=2, key=KEY, version=1):
    """A template of the platform with `benchmarks` benchmarks in each section key."""
    made = AssessmentTemplate.objects.create(
        key=key,
        version=version,
        kind=TemplateKind.CONDITIONS,
        name=f"Conditions v{version}",
        language="en",
    )
    for order, section_key in enumerate(sections):
        section = TemplateSection.objects.create(
            template=made,
            key=section_key,
            name=f"Section {section_key}",
            order=order,
            language="en",
        )
        for number in range(benchmarks):
            Benchmark.objects.create(
                section=section,
                key=f"{section_key}-{number}",
                text=f"Benchmark {section_key} {number}",
                order=number,
                language="en",
            )
    return made


def a_round(
    initiative,
    template_,
    *,
    anonymous=True,
    state=RoundState.CLOSED,
    title="Spring 2026",
    opens_on=date(2026, 3, 1),
):
    return AssessmentRound.objects.create(
        initiative=initiative,
        template=template_,
        title=title,
        opens_on=opens_on,
        closes_on=date(opens_on.year, opens_on.month, 28),
        anonymous=anonymous,
        state=state,
        language="en",
    )


def benchmarks_of(round_) -> list[Benchmark]:
    return list(
        Benchmark.objects.filter(section__template=round_.template).order_by(
            "section__order", "order", "pk"
        )
    )


def organization(initiative, sector=Sector.NONPROFIT, name=None):
    made = OrganizationFactory(sector=sector, **({"name": name} if name else {}))
    ParticipationFactory(initiative=initiative, organization=made)
    return made


def respond(
    round_,
    levels,
    *,
    organization_=None,
    respondent=None,
    state=ResponseState.SUBMITTED,
    comments=None,
) -> Response:
    """A response rating the round's benchmarks in template order (None: "I cannot say";
    a shorter list leaves the last ones unanswered). `comments`: {index: text}."""
    if respondent is None:
        respondent = UserFactory()
        if organization_ is not None:
            MembershipFactory(
                user=respondent,
                initiative=round_.initiative,
                role=Role.PARTNER,
                organization=organization_,
            )
    response = Response.objects.create(
        round=round_, respondent=respondent, organization=organization_, state=state
    )
    comments = comments or {}
    AnswerValue.objects.bulk_create(
        AnswerValue(
            response=response, benchmark=benchmark, level=level, comment=comments.get(i, "")
        )
        for i, (benchmark, level) in enumerate(zip(benchmarks_of(round_), levels, strict=False))
    )
    return response
