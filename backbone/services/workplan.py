"""The backbone's yearly workplan: a year per initiative, objectives under the six functions,
tasks under objectives with an owner of the initiative, a due date and a status. One writer
per change; each checks MANAGE_BACKBONE through the policy and refuses at the field."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Membership, User
from initiatives.permissions import Action, can
from sheatufim.text import clean_text

from ..models import BackboneFunction, TaskStatus, Workplan, WorkplanObjective, WorkplanTask

YEAR_MIN, YEAR_MAX = 2000, 2100
YEAR_RANGE = _("Give a year from 2000 to 2100.")
YEAR_TAKEN = _("This initiative already has a workplan for that year.")
CHOOSE_FUNCTION = _("Choose one of the backbone's functions.")
CHOOSE_STATUS = _("Choose one of the statuses offered.")
CHOOSE_OWNER = _("Choose a person of this initiative.")
TITLE_NEEDED = _("Give a title.")

OBJECTIVE_FIELDS = ("function", "title", "description")
TASK_FIELDS = ("title", "owner", "due_on", "status", "note")


def _require(by: User, initiative: Initiative) -> None:
    if not can(by, Action.MANAGE_BACKBONE, initiative):
        raise PermissionDenied


def _text(value, field: str, *, one_line: bool = False) -> str:
    try:
        value = clean_text(value or "").strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return " ".join(value.split()) if one_line else value


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError({field: [str(message)] for field, message in errors.items()})


@transaction.atomic
def workplan_create(*, initiative: Initiative, year, by: User) -> Workplan:
    """Open the workplan of a year (one per initiative and year)."""
    _require(by, initiative)
    try:
        year = int(year)
    except (TypeError, ValueError):
        _raise({"year": YEAR_RANGE})
    if not YEAR_MIN <= year <= YEAR_MAX:
        _raise({"year": YEAR_RANGE})
    # Lock the initiative so two requests for the same year cannot both pass the check.
    Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
    if Workplan.objects.filter(initiative=initiative, year=year).exists():
        _raise({"year": YEAR_TAKEN})
    return Workplan.objects.create(initiative=initiative, year=year, created_by=by)


def _objective_checked(objective: WorkplanObjective) -> None:
    errors = {}
    if objective.function not in BackboneFunction.values:
        errors["function"] = CHOOSE_FUNCTION
    if not objective.title:
        errors["title"] = TITLE_NEEDED
    _raise(errors)
    objective.full_clean(
        exclude=["workplan", "translations", "language"], validate_constraints=False
    )


@transaction.atomic
def objective_create(
    *, workplan: Workplan, function: str, title: str, description: str = "", by: User
) -> WorkplanObjective:
    _require(by, workplan.initiative)
    objective = WorkplanObjective(
        workplan=workplan,
        function=function,
        title=_text(title, "title", one_line=True),
        description=_text(description, "description"),
    )
    _objective_checked(objective)
    last = workplan.objectives.filter(function=function).order_by("-order").first()
    objective.order = last.order + 1 if last else 0
    objective.save()
    return objective


@transaction.atomic
def objective_update(*, objective: WorkplanObjective, by: User, **changes) -> WorkplanObjective:
    """Change the function, title or description of an objective."""
    unknown = set(changes) - set(OBJECTIVE_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an objective: {sorted(unknown)}")
    objective = (
        WorkplanObjective.objects.select_for_update(of=("self",))
        .select_related("workplan__initiative")
        .get(pk=objective.pk)
    )
    _require(by, objective.workplan.initiative)
    for name, value in changes.items():
        if name in ("title", "description"):
            value = _text(value, name, one_line=name == "title")
        setattr(objective, name, value)
    _objective_checked(objective)
    objective.save()
    return objective


def _task_checked(task: WorkplanTask, initiative: Initiative) -> None:
    errors = {}
    if not task.title:
        errors["title"] = TITLE_NEEDED
    if task.owner_id is not None and not (
        Membership.objects.filter(user_id=task.owner_id, initiative=initiative).exists()
    ):
        errors["owner"] = CHOOSE_OWNER
    if task.status not in TaskStatus.values:
        errors["status"] = CHOOSE_STATUS
    if task.due_on is not None and not isinstance(task.due_on, date):
        errors["due_on"] = _("Give a date.")
    _raise(errors)
    task.full_clean(
        exclude=["objective", "owner", "updated_by", "translations", "language"],
        validate_constraints=False,
    )


@transaction.atomic
def task_create(
    *,
    objective: WorkplanObjective,
    title: str,
    owner: User | None = None,
    due_on: date | None = None,
    status: str = TaskStatus.NOT_STARTED,
    note: str = "",
    by: User,
) -> WorkplanTask:
    initiative = objective.workplan.initiative
    _require(by, initiative)
    task = WorkplanTask(
        objective=objective,
        title=_text(title, "title", one_line=True),
        owner=owner,
        due_on=due_on,
        status=status,
        note=_text(note, "note"),
        updated_by=by,
    )
    _task_checked(task, initiative)
    last = objective.tasks.order_by("-order").first()
    task.order = last.order + 1 if last else 0
    task.save()
    return task


@transaction.atomic
def task_update(*, task: WorkplanTask, by: User, **changes) -> WorkplanTask:
    """Change any of the title, owner, due date, status and note of a task."""
    unknown = set(changes) - set(TASK_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a task: {sorted(unknown)}")
    task = (
        WorkplanTask.objects.select_for_update(of=("self",))
        .select_related("objective__workplan__initiative")
        .get(pk=task.pk)
    )
    initiative = task.objective.workplan.initiative
    _require(by, initiative)
    for name, value in changes.items():
        if name in ("title", "note"):
            value = _text(value, name, one_line=name == "title")
        setattr(task, name, value)
    task.updated_by = by
    _task_checked(task, initiative)
    task.save()
    return task


def task_set_status(*, task: WorkplanTask, status: str, by: User) -> WorkplanTask:
    """Move a task to another status (done, dropped, …)."""
    return task_update(task=task, status=status, by=by)
