"""Reads of the workplan: one year with its objectives grouped by the six functions and their
tasks (three queries whatever the size), and progress counted by the database."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import BackboneFunction, TaskStatus, Workplan, WorkplanObjective, WorkplanTask

OPEN = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


@dataclass
class Progress:
    done: int = 0
    total: int = 0  # tasks not dropped
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def add(self, task: WorkplanTask, today: date) -> None:
        if task.status == TaskStatus.DROPPED:
            return
        self.total += 1
        if task.status == TaskStatus.DONE:
            self.done += 1
        elif task.due_on is not None and task.due_on < today:
            self.overdue += 1


@dataclass
class FunctionPlan:
    function: str
    label: str
    objectives: list = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)


@dataclass
class WorkplanView:
    workplan: Workplan
    functions: list[FunctionPlan]
    progress: Progress


def workplan_years(*, initiative) -> list[int]:
    return list(
        Workplan.objects.filter(initiative=initiative)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def workplan_get(*, initiative, year: int) -> Workplan:
    """Raises Workplan.DoesNotExist."""
    return Workplan.objects.get(initiative=initiative, year=year)


def workplan_view(*, workplan: Workplan, today: date | None = None) -> WorkplanView:
    """The objectives of the workplan under each of the six functions (in their order), each
    with its tasks and owners, and progress per function and overall."""
    today = today or timezone.localdate()
    objectives = (
        WorkplanObjective.objects.filter(workplan=workplan)
        .order_by("function", "order", "pk")
        .prefetch_related(
            Prefetch(
                "tasks",
                queryset=WorkplanTask.objects.select_related("owner").order_by("order", "pk"),
            )
        )
    )
    plans = {value: FunctionPlan(value, label) for value, label in BackboneFunction.choices}
    overall = Progress()
    for objective in objectives:
        plan = plans[objective.function]
        plan.objectives.append(objective)
        objective.progress = Progress()
        for task in objective.tasks.all():
            task.is_overdue = (
                task.status in OPEN and task.due_on is not None and task.due_on < today
            )
            for progress in (objective.progress, plan.progress, overall):
                progress.add(task, today)
    return WorkplanView(workplan=workplan, functions=list(plans.values()), progress=overall)


def workplan_progress(initiative_ids, year: int, *, today: date | None = None) -> dict:
    """{initiative id: (done, total, overdue)} of each initiative's workplan of the year, in one
    aggregate query; an initiative without a workplan that year is absent."""
    today = today or timezone.localdate()
    kept = ~Q(objectives__tasks__status=TaskStatus.DROPPED) & Q(objectives__tasks__isnull=False)
    rows = (
        Workplan.objects.filter(initiative_id__in=list(initiative_ids), year=year)
        .values("initiative_id")
        .annotate(
            done=Count("objectives__tasks", filter=Q(objectives__tasks__status=TaskStatus.DONE)),
            total=Count("objectives__tasks", filter=kept),
            overdue=Count(
                "objectives__tasks",
                filter=Q(objectives__tasks__status__in=OPEN, objectives__tasks__due_on__lt=today),
            ),
        )
        .order_by()
    )
    return {row["initiative_id"]: (row["done"], row["total"], row["overdue"]) for row in rows}
