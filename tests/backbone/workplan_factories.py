"""Workplans, objectives and tasks for the workplan tests, made through the services."""

from backbone.models import BackboneFunction, TaskStatus
from backbone.services import workplan as services


def workplan(world, year=2026):
    return services.workplan_create(initiative=world.initiative, year=year, by=world.backbone)


def objective(world, plan, function=BackboneFunction.VISION, title="Shared vision"):
    return services.objective_create(
        workplan=plan, function=function, title=title, description="Why", by=world.backbone
    )


def task(
    world, objective_obj, title="Draft", status=TaskStatus.NOT_STARTED, due_on=None, owner=None
):
    return services.task_create(
        objective=objective_obj,
        title=title,
        owner=owner,
        due_on=due_on,
        status=status,
        by=world.backbone,
    )
