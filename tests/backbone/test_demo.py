"""The backbone's demo: a workplan over every function and a phase history, loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from backbone.models import BackboneFunction, PhaseChange, PhaseCheck, Workplan, WorkplanTask
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
