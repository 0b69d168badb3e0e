"""The backbone's demo: a workplan over every function and a phase history, loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from backbone.models import (
    AssessmentRound,
    BackboneFunction,
    PhaseChange,
    PhaseCheck,
    Response,
    ResponseState,
    RoundState,
    Workplan,
    WorkplanTask,
)
from backbone.selectors.scores import round_scores
from initiatives.models import Initiative, Phase

pytestmark = pytest.mark.django_db


def test_seed_demo_writes_a_workplan_and_a_phase_history_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    stem = Initiative.objects.get(slug="5x2-stem-excellence")
    workplan = Workplan.objects.get(initiative=stem)
    functions = set(workplan.objectives.values_list("function", flat=True))
    assert functions == set(BackboneFunction.values)
    assert WorkplanTask.objects.filter(objective__workplan=workplan).count() == 10

    history = list(PhaseChange.objects.filter(initiative=stem).order_by("at"))
    assert [(c.from_phase, c.to_phase) for c in history] == [(0, 1), (1, 2), (2, 3)]
    assert [c.at.year for c in history] == [2023, 2024, 2025]
    assert all(c.by.email == "backbone@example.org" for c in history)
    assert stem.phase == Phase.SUSTAIN
    assert PhaseCheck.objects.filter(initiative=stem, done=True).count() == 24  # phases 0 to II


def test_seed_demo_writes_two_past_rounds_and_an_open_one_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    stem = Initiative.objects.get(slug="5x2-stem-excellence")
    rounds = list(AssessmentRound.objects.filter(initiative=stem).order_by("opens_on"))
    assert [r.state for r in rounds] == [RoundState.CLOSED, RoundState.CLOSED, RoundState.OPEN]
    assert [r.opens_on.year for r in rounds[:2]] == [2025, 2026]
    assert all(r.template.key == "five-conditions" and r.anonymous for r in rounds)
    scores = round_scores([r.pk for r in rounds])
    first, second, _now = (scores[r.pk] for r in rounds)
    assert first.shown and second.shown and second.mean > first.mean  # a learning initiative
    # The demo's partner has the open round still to answer; some others have.
    partner = Response.objects.get(round=rounds[2], respondent__email="partner@example.org")
    assert partner.state == ResponseState.NOT_STARTED
    submitted = rounds[2].responses.filter(state=ResponseState.SUBMITTED).count()
    assert 3 <= submitted < rounds[2].responses.count()
