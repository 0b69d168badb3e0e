"""The decisions log: a decision is recorded by whoever runs the meeting it was taken in, or by
the staff (then `decided_by` says who decided); its status changes are kept as DecisionChange
rows (who, when, from what, why)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from agenda.models import Goal, Strategy
from initiatives.models import Initiative, User
from sheatufim.text import clean_text

from .. import permissions
from ..models import Decision, DecisionChange, DecisionStatus, EventKind, Meeting, WorkingGroup
from ._people import CHOOSE_STATUS
from .events import event_record


def _text(value: str, field: str, *, one_line: bool = False) -> str:
    try:
        value = clean_text(value or "").strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return " ".join(value.split()) if one_line else value


def _check_scope(initiative, *, meeting, working_group, goal, strategy) -> dict:
    errors = {}
    if meeting is not None and meeting.initiative_id != initiative.pk:
        errors["meeting"] = [_("Choose a meeting of this initiative.")]
    if working_group is not None and working_group.initiative_id != initiative.pk:
        errors["working_group"] = [_("Choose a working group of this initiative.")]
    if goal is not None and goal.initiative_id != initiative.pk:
        errors["goal"] = [_("Choose a goal of this initiative's agenda.")]
    if strategy is not None and strategy.goal.initiative_id != initiative.pk:
        errors["strategy"] = [_("Choose a strategy of this initiative's agenda.")]
    return errors


@transaction.atomic
def decision_record(
    *,
    user: User,
    initiative: Initiative,
    statement: str,
    decided_on: date,
    meeting: Meeting | None = None,
    decided_by: str = "",
    working_group: WorkingGroup | None = None,
    goal: Goal | None = None,
    strategy: Strategy | None = None,
    review_on: date | None = None,
    language: str = "",
    translations: dict | None = None,
) -> Decision:
    """A new decision of the log, told to those who see its meeting (or group, or initiative)."""
    if meeting is not None and meeting.initiative_id == initiative.pk:
        allowed = permissions.can_record_decision(user, initiative, meeting)
    else:
        allowed = permissions.can_manage_communication(user, initiative)
    if not allowed:
        raise PermissionDenied
    if meeting is not None and meeting.initiative_id == initiative.pk:
        working_group = meeting.working_group
    errors = _check_scope(
        initiative, meeting=meeting, working_group=working_group, goal=goal, strategy=strategy
    )
    decision = Decision(
        initiative=initiative,
        statement=_text(statement, "statement"),
        decided_on=decided_on,
        meeting=meeting,
        decided_by=_text(decided_by, "decided_by", one_line=True),
        working_group=working_group,
        goal=goal,
        strategy=strategy,
        review_on=review_on,
        language=language or "",
        translations=translations or {},
        created_by=user,
    )
    if not decision.statement:
        errors["statement"] = [_("Say what was decided.")]
    if meeting is None and not decision.decided_by:
        errors["decided_by"] = [_("Say in which meeting or by whom it was decided.")]
    if review_on is not None and decided_on is not None and review_on < decided_on:
        errors["review_on"] = [_("The review cannot come before the decision.")]
    if errors:
        raise ValidationError(errors)
    decision.full_clean(
        exclude=["initiative", "meeting", "working_group", "goal", "strategy", "created_by"],
        validate_constraints=False,
    )
    decision.save()
    event_record(
        initiative,
        EventKind.DECISION_TAKEN,
        actor=user,
        path=reverse("communication:decision_detail", args=[initiative.slug, decision.pk]),
        params={"name": decision.statement},
        decision=decision,
        meeting=meeting,
        working_group=working_group,
    )
    return decision


def can_change_decision(user: User, decision: Decision) -> bool:
    return permissions.can_record_decision(user, decision.initiative, decision.meeting)


@transaction.atomic
def decision_status_set(
    *, user: User, decision: Decision, status: str, note: str = ""
) -> DecisionChange:
    """Revisit, revoke or put back in force a decision; the change is kept in its history."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("initiative", "meeting")
        .get(pk=decision.pk)
    )
    if not can_change_decision(user, decision):
        raise PermissionDenied
    note = _text(note, "note", one_line=True)
    errors = {}
    if status not in DecisionStatus.values:
        errors["status"] = [str(CHOOSE_STATUS)]
    elif status == decision.status:
        errors["status"] = [_("The decision already has this status.")]
    if len(note) > 500:
        errors["note"] = [_("Keep the note under 500 characters.")]
    if errors:
        raise ValidationError(errors)
    change = DecisionChange.objects.create(
        decision=decision,
        status_before=decision.status,
        status_after=status,
        note=note,
        changed_by=user,
    )
    decision.status = status
    decision.status_note = note
    decision.save(update_fields=["status", "status_note", "updated_at"])
    return change
