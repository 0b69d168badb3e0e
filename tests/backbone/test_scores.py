"""The scoring of rounds and the anonymity threshold, on a hand-built round."""

from datetime import date
from decimal import Decimal

import pytest

from backbone.anonymity import MIN_RESPONDENTS, figure_shown
from backbone.models import (
    AnswerValue,
    AssessmentRound,
    AssessmentTemplate,
    Benchmark,
    Response,
    ResponseState,
    TemplateKind,
    TemplateSection,
)
from backbone.selectors.scores import round_scores
from tests.initiatives.factories import UserFactory

pytestmark = pytest.mark.django_db


def template_with(sections: dict[str, int]) -> AssessmentTemplate:
    template = AssessmentTemplate.objects.create(
        key="test-conditions", kind=TemplateKind.CONDITIONS, name="Conditions", language="en"
    )
    for order, (key, benchmarks) in enumerate(sections.items()):
        section = TemplateSection.objects.create(template=template, key=key, name=key, order=order)
        for number in range(benchmarks):
            Benchmark.objects.create(section=section, key=f"{key}-{number}", text=f"{key} {number}")
    return template


def a_round(initiative, template, *, anonymous) -> AssessmentRound:
    return AssessmentRound.objects.create(
        initiative=initiative,
        template=template,
        title="Spring",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
        anonymous=anonymous,
    )


def answer(round_, levels: dict[str, list], *, state=ResponseState.SUBMITTED) -> Response:
    """A response rating each benchmark of each section key in order (None: cannot say)."""
    response = Response.objects.create(round=round_, respondent=UserFactory(), state=state)
    for key, section_levels in levels.items():
        benchmarks = Benchmark.objects.filter(section__template=round_.template, section__key=key)
        for benchmark, level in zip(
            benchmarks.order_by("order", "pk"), section_levels, strict=True
        ):
            AnswerValue.objects.create(response=response, benchmark=benchmark, level=level)
    return response


def test_means_count_submitted_answers_with_a_level_only(world):
    template = template_with({"agenda": 2, "measurement": 1})
    round_ = a_round(world.initiative, template, anonymous=False)
    answer(round_, {"agenda": [4, 3], "measurement": [2]})
    answer(round_, {"agenda": [2, None], "measurement": [None]})
    answer(round_, {"agenda": [1, 1], "measurement": [1]}, state=ResponseState.DRAFT)

    score = round_scores([round_.pk])[round_.pk]

    assert score.submitted == 2
    # agenda: (4 + 3 + 2) / 3 answers with a level, from 2 respondents
    assert score.sections["agenda"].mean == Decimal("3.00")
    assert score.sections["agenda"].respondents == 2
    # measurement: 2 alone; the second respondent could not say
    assert score.sections["measurement"].mean == Decimal("2.00")
    assert score.sections["measurement"].respondents == 1
    # overall: (4 + 3 + 2 + 2) / 4
    assert score.mean == Decimal("2.75")


def test_an_anonymous_round_withholds_what_fewer_than_three_gave(world):
    template = template_with({"agenda": 1, "backbone": 1})
    round_ = a_round(world.initiative, template, anonymous=True)
    answer(round_, {"agenda": [4], "backbone": [3]})
    answer(round_, {"agenda": [3], "backbone": [None]})

    score = round_scores([round_.pk])[round_.pk]
    assert score.submitted == 2
    assert not score.shown and score.mean is None
    assert score.sections["agenda"].mean is None and score.sections["agenda"].respondents == 2

    answer(round_, {"agenda": [2], "backbone": [None]})
    score = round_scores([round_.pk])[round_.pk]
    assert score.shown and score.mean == Decimal("3.00")  # (4 + 3 + 3 + 2) / 4
    assert score.sections["agenda"].mean == Decimal("3.00")
    # Only one respondent rated the backbone: still withheld in an anonymous round.
    assert score.sections["backbone"].mean is None and score.sections["backbone"].respondents == 1


def test_a_named_round_shows_small_figures(world):
    template = template_with({"agenda": 1})
    round_ = a_round(world.initiative, template, anonymous=False)
    answer(round_, {"agenda": [3]})
    score = round_scores([round_.pk])[round_.pk]
    assert score.shown and score.sections["agenda"].mean == Decimal("3.00")


def test_the_threshold_rule():
    assert MIN_RESPONDENTS == 3
    assert not figure_shown(anonymous=True, respondents=2)
    assert figure_shown(anonymous=True, respondents=3)
    assert figure_shown(anonymous=False, respondents=1)


def test_scores_of_many_rounds_in_three_queries(world, django_assert_num_queries):
    template = template_with({"agenda": 2})
    rounds = []
    for _number in range(4):
        round_ = a_round(world.initiative, template, anonymous=False)
        answer(round_, {"agenda": [1, 2]})
        rounds.append(round_.pk)
    with django_assert_num_queries(4):
        scores = round_scores(rounds)
    assert [scores[pk].mean for pk in rounds] == [Decimal("1.50")] * 4
    assert round_scores([]) == {}
