"""Goals and strategies, edited while a version is being drafted. Removing one retires it:
the rows stay, for the indicators and activities that point at them and for older versions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative, User
from sheatufim.text import clean_text

from ..models import Goal, Strategy
from .versions import _require_manager, working_version

CHOOSE_GOAL = gettext_lazy("Choose a goal of this agenda.")  # also the goal forms' choice error


def _require_draft(initiative: Initiative) -> None:
    if working_version(initiative, lock=True) is None:
        raise ValidationError(
            _("Start a new draft of the agenda first: the adopted version cannot change.")
        )


def _texts(title: str, description: str) -> tuple[str, str]:
    title = " ".join(clean_text(title or "").split())
    if not title:
        raise ValidationError({"title": _("Please enter a title.")})
    return title, clean_text(description or "").strip()


@transaction.atomic
def goal_save(
    *,
    user: User,
    initiative: Initiative,
    title: str,
    description: str = "",
    parent: Goal | None = None,
    goal: Goal | None = None,
) -> Goal:
    """A new goal (last in its level), or the texts and parent of an existing one."""
    _require_manager(user, initiative)
    _require_draft(initiative)
    title, description = _texts(title, description)
    if parent is not None:
        if parent.initiative_id != initiative.pk or parent.retired:
            raise ValidationError({"parent": CHOOSE_GOAL})
        ancestor = parent
        while ancestor is not None and goal is not None:
            if ancestor.pk == goal.pk:
                raise ValidationError({"parent": _("A goal cannot be part of itself.")})
            ancestor = ancestor.parent
    if goal is None:
        last = Goal.objects.filter(initiative=initiative).aggregate(n=Max("order"))["n"]
        goal = Goal(initiative=initiative, order=(last or 0) + 1)
    elif goal.initiative_id != initiative.pk:
        raise ValidationError(CHOOSE_GOAL)
    goal.title, goal.description, goal.parent = title, description, parent
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def strategy_save(
    *,
    user: User,
    goal: Goal,
    title: str,
    description: str = "",
    strategy: Strategy | None = None,
) -> Strategy:
    """A new strategy under `goal`, or the texts (and goal) of an existing one."""
    _require_manager(user, goal.initiative)
    _require_draft(goal.initiative)
    title, description = _texts(title, description)
    if goal.retired:
        raise ValidationError({"goal": _("This goal was removed from the agenda.")})
    if strategy is None:
        last = Strategy.objects.filter(goal=goal).aggregate(n=Max("order"))["n"]
        strategy = Strategy(order=(last or 0) + 1)
    elif strategy.goal.initiative_id != goal.initiative_id:
        raise ValidationError({"goal": CHOOSE_GOAL})
    strategy.goal, strategy.title, strategy.description = goal, title, description
    strategy.full_clean()
    strategy.save()
    return strategy


@transaction.atomic
def goal_retire(*, user: User, goal: Goal, retired: bool = True) -> Goal:
    """Takes a goal out of the draft (or puts it back); nothing that points at it is lost."""
    _require_manager(user, goal.initiative)
    _require_draft(goal.initiative)
    goal.retired = retired
    goal.save(update_fields=["retired"])
    return goal


@transaction.atomic
def strategy_retire(*, user: User, strategy: Strategy, retired: bool = True) -> Strategy:
    _require_manager(user, strategy.goal.initiative)
    _require_draft(strategy.goal.initiative)
    strategy.retired = retired
    strategy.save(update_fields=["retired"])
    return strategy


def _swap(rows: list, index: int, step: int) -> None:
    other = index + step
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    for order, row in enumerate(rows, start=1):
        row.order = order
    type(rows[0]).objects.bulk_update(rows, ["order"])


@transaction.atomic
def goal_move(*, user: User, goal: Goal, step: int) -> None:
    """One place up (-1) or down (+1) among the goals of the same level."""
    _require_manager(user, goal.initiative)
    _require_draft(goal.initiative)
    siblings = list(
        Goal.objects.filter(initiative=goal.initiative_id, parent=goal.parent_id, retired=False)
    )
    _swap(siblings, [g.pk for g in siblings].index(goal.pk), step)


@transaction.atomic
def strategy_move(*, user: User, strategy: Strategy, step: int) -> None:
    _require_manager(user, strategy.goal.initiative)
    _require_draft(strategy.goal.initiative)
    siblings = list(Strategy.objects.filter(goal=strategy.goal_id, retired=False))
    _swap(siblings, [s.pk for s in siblings].index(strategy.pk), step)
