"""A respondent's answers: drafts, submission (every benchmark answered), re-submission while
open, refusals at the benchmark with nothing saved, and the late joiner's response."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backbone.models import AnswerValue, Response, ResponseState
from backbone.services import answers as services
from backbone.services import rounds as round_services
from initiatives.models import Role
from tests.backbone import round_factories as f
from tests.personas import member


@pytest.fixture
def opened(world):
    made = f.template()
    return made, f.open_round(world, made)


def mine(world, round):
    return Response.objects.get(round=round, respondent=world.partner)


def test_a_draft_keeps_what_was_given(world, opened):
    made, round = opened
    first, second, *_rest = f.benchmark_ids(made)
    saved = services.answers_save(
        response=mine(world, round),
        answers={first: (2, " ok\u202e "), second: (None, "")},
        by=world.partner,
    )
    assert saved.state == ResponseState.DRAFT and saved.saved_at and not saved.submitted_at
    rows = dict(AnswerValue.objects.values_list("benchmark_id", "level"))
    assert rows == {first: 2, second: None}
    assert AnswerValue.objects.get(benchmark_id=first).comment == "ok"
    # The map is the whole of the answers: a benchmark left out is unanswered again.
    services.answers_save(response=saved, answers={second: (4, "")}, by=world.partner)
    assert dict(AnswerValue.objects.values_list("benchmark_id", "level")) == {second: 4}


def test_submitting_needs_every_benchmark(world, opened):
    made, round = opened
    ids = f.benchmark_ids(made)
    with pytest.raises(ValidationError) as caught:
        services.answers_save(
            response=mine(world, round), answers={ids[0]: (1, "")}, submit=True, by=world.partner
        )
    assert set(caught.value.message_dict) == {f"level_{pk}" for pk in ids[1:]}
    assert AnswerValue.objects.count() == 0  # nothing saved
    response = services.answers_save(
        response=mine(world, round), answers=f.all_answered(made), submit=True, by=world.partner
    )
    assert response.state == ResponseState.SUBMITTED and response.submitted_at


def test_a_submitted_response_may_change_while_open_and_stays_submitted(world, opened):
    made, round = opened
    response = services.answers_save(
        response=mine(world, round), answers=f.all_answered(made), submit=True, by=world.partner
    )
    first_time = response.submitted_at
    again = services.answers_save(
        response=response, answers=f.all_answered(made, level=1), by=world.partner
    )
    assert again.state == ResponseState.SUBMITTED and again.submitted_at > first_time
    assert set(AnswerValue.objects.values_list("level", flat=True)) == {1}
    with pytest.raises(ValidationError):  # not back to an incomplete draft
        services.answers_save(response=again, answers={}, by=world.partner)


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ((5, ""), "level"),
        ((0, ""), "level"),
        (("3", ""), "level"),
        ((True, ""), "level"),
        ((2, "x" * 2001), "comment"),
        ((2, "a\x00b"), "comment"),
    ],
)
def test_bad_answers_are_refused_at_the_benchmark_and_nothing_is_saved(
    world, opened, answer, field
):
    made, round = opened
    first, second, *_ = f.benchmark_ids(made)
    with pytest.raises(ValidationError) as caught:
        services.answers_save(
            response=mine(world, round), answers={first: (1, ""), second: answer}, by=world.partner
        )
    assert list(caught.value.message_dict) == [f"{field}_{second}"]
    assert AnswerValue.objects.count() == 0
    assert mine(world, round).state == ResponseState.NOT_STARTED


def test_a_benchmark_of_another_template_is_refused(world, opened):
    made, round = opened
    other = f.benchmark_ids(f.template(key="other"))[0]
    with pytest.raises(ValidationError) as caught:
        services.answers_save(
            response=mine(world, round),
            answers={f.benchmark_ids(made)[0]: (1, ""), other: (1, "")},
            by=world.partner,
        )
    assert str(other) in caught.value.message_dict["answers"][0]
    assert AnswerValue.objects.count() == 0


@pytest.mark.parametrize("persona", ["backbone", "facilitator", "viewer", "outsider"])
def test_no_one_answers_for_someone_else(world, opened, persona):
    _made, round = opened
    with pytest.raises(PermissionDenied):
        services.answers_save(response=mine(world, round), answers={}, by=getattr(world, persona))


def test_no_answers_once_closed(world, opened):
    made, round = opened
    round_services.round_close(round=round, by=world.backbone)
    with pytest.raises(ValidationError, match="not open"):
        services.answers_save(
            response=mine(world, round), answers=f.all_answered(made), by=world.partner
        )


def test_a_late_joiner_gets_a_response_when_they_first_come(world, opened):
    _made, round = opened
    late = member("late@example.org", Role.PARTNER, world.initiative, world.second_org)
    response = services.response_for(late, round)
    assert response.organization_id == world.second_org.pk
    assert response.state == ResponseState.NOT_STARTED
    assert services.response_for(late, round) == response  # once
    assert services.response_for(world.viewer, round) is None
    assert services.response_for(world.facilitator, round) is None
    round = round_services.round_close(round=round, by=world.backbone)
    later = member("later@example.org", Role.PARTNER, world.initiative, world.second_org)
    assert services.response_for(later, round) is None
