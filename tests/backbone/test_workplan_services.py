"""The workplan's services: what they write, and each refusal at its field."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backbone.models import BackboneFunction, TaskStatus, Workplan
from backbone.services import workplan as services
from tests.backbone import workplan_factories as f


def fields_of(excinfo) -> set:
    return set(excinfo.value.message_dict)


def test_it_opens_a_year_once(world):
    plan = f.workplan(world, 2026)
    assert plan.year == 2026 and plan.created_by == world.backbone
    with pytest.raises(ValidationError) as excinfo:
        f.workplan(world, 2026)
    assert fields_of(excinfo) == {"year"}
    assert "already" in excinfo.value.message_dict["year"][0]
    # another initiative may have the same year
    services.workplan_create(initiative=world.other_initiative, year=2026, by=world.superuser)
    assert Workplan.objects.filter(year=2026).count() == 2


@pytest.mark.parametrize("year", [1999, 2101, "abc", None])
def test_it_refuses_a_year_out_of_range(world, year):
    with pytest.raises(ValidationError) as excinfo:
        f.workplan(world, year)
    assert fields_of(excinfo) == {"year"}
    assert excinfo.value.message_dict["year"] == ["Give a year from 2000 to 2100."]


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "outsider"])
def test_only_those_who_manage_the_backbone_write(world, persona):
    user = getattr(world, persona)
    plan = f.workplan(world)
    objective = f.objective(world, plan)
    task = f.task(world, objective)
    with pytest.raises(PermissionDenied):
        services.workplan_create(initiative=world.initiative, year=2027, by=user)
    with pytest.raises(PermissionDenied):
        services.objective_create(workplan=plan, function="vision", title="x", by=user)
    with pytest.raises(PermissionDenied):
        services.objective_update(objective=objective, title="x", by=user)
    with pytest.raises(PermissionDenied):
        services.task_create(objective=objective, title="x", by=user)
    with pytest.raises(PermissionDenied):
        services.task_set_status(task=task, status=TaskStatus.DONE, by=user)


def test_objectives_are_ordered_within_their_function(world):
    plan = f.workplan(world)
    first = f.objective(world, plan, BackboneFunction.POLICY, "One")
    second = f.objective(world, plan, BackboneFunction.POLICY, "Two")
    other = f.objective(world, plan, BackboneFunction.FUNDING, "Money")
    assert (first.order, second.order, other.order) == (0, 1, 0)
    changed = services.objective_update(
        objective=first, function=BackboneFunction.FUNDING, title="  New\ntitle ", by=world.backbone
    )
    assert changed.function == BackboneFunction.FUNDING and changed.title == "New title"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"function": "gardening"}, "function"),
        ({"title": "  "}, "title"),
        ({"title": "a\x00"}, "title"),
    ],
)
def test_objective_refusals(world, changes, field):
    plan = f.workplan(world)
    values = {"function": BackboneFunction.VISION, "title": "Vision", **changes}
    with pytest.raises(ValidationError) as excinfo:
        services.objective_create(workplan=plan, by=world.backbone, **values)
    assert field in fields_of(excinfo)
    objective = f.objective(world, plan)
    with pytest.raises(ValidationError) as excinfo:
        services.objective_update(objective=objective, by=world.backbone, **changes)
    assert field in fields_of(excinfo)


def test_a_task_and_its_status(world):
    plan = f.workplan(world)
    objective = f.objective(world, plan)
    task = f.task(world, objective, owner=world.partner, due_on=date(2026, 5, 1))
    assert task.status == TaskStatus.NOT_STARTED and task.owner == world.partner
    task = services.task_set_status(task=task, status=TaskStatus.DONE, by=world.backbone)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.updated_by == world.backbone
    task = services.task_update(task=task, owner=None, note="Later", by=world.backbone)
    assert task.owner is None and task.note == "Later"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"owner": "outsider"}, "owner"),
        ({"owner": "other_partner"}, "owner"),
        ({"status": "finished"}, "status"),
        ({"title": ""}, "title"),
        ({"note": "x" * 501}, "note"),
    ],
)
def test_task_refusals(world, changes, field):
    objective = f.objective(world, f.workplan(world))
    if "owner" in changes:
        changes = {"owner": getattr(world, changes["owner"])}
    with pytest.raises(ValidationError) as excinfo:
        services.task_create(objective=objective, by=world.backbone, **{"title": "T", **changes})
    assert field in fields_of(excinfo)
    task = f.task(world, objective)
    with pytest.raises(ValidationError) as excinfo:
        services.task_update(task=task, by=world.backbone, **changes)
    assert field in fields_of(excinfo)
    task.refresh_from_db()
    assert task.title == "Draft" and task.owner is None


def test_a_bad_status_is_refused_by_set_status(world):
    task = f.task(world, f.objective(world, f.workplan(world)))
    with pytest.raises(ValidationError) as excinfo:
        services.task_set_status(task=task, status="nope", by=world.backbone)
    assert excinfo.value.message_dict == {"status": ["Choose one of the statuses offered."]}
