"""Action items: given in a meeting (by whoever runs it) or by the staff to a person of the
initiative and their organization; the person who owes one moves its status and adds a note;
the staff and the meeting's runner change everything."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Membership, Organization, Participation, User
from sheatufim.text import clean_text

from .. import permissions
from ..models import ActionItem, ActionItemStatus, Decision, EventKind, Meeting, WorkingGroup
from ._people import CHOOSE_PERSON, CHOOSE_STATUS, NOT_OF_INITIATIVE
from .events import event_record

MOVE_FIELDS = ("status", "note")
CHANGE_FIELDS = ("title", "owner", "organization", "due_on", "status", "note")


def _text(value: str, field: str, *, one_line: bool = False) -> str:
    try:
        value = clean_text(value or "").strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return " ".join(value.split()) if one_line else value


def _check(item: ActionItem) -> dict:
    """The item's references belong to its initiative; the owner is one of its people."""
    initiative_id = item.initiative_id
    errors: dict = {}
    if not item.title:
        errors["title"] = [_("Say what is to be done.")]
    membership = (
        Membership.objects.filter(user_id=item.owner_id, initiative_id=initiative_id).first()
        if item.owner_id
        else None
    )
    if membership is None:
        errors["owner"] = [str(CHOOSE_PERSON)]
    elif item.organization_id is None:
        item.organization_id = membership.organization_id
    if item.organization_id is not None and not (
        Participation.objects.active()
        .filter(initiative_id=initiative_id, organization_id=item.organization_id)
        .exists()
    ):
        errors["organization"] = [_("Choose an organization that takes part in this initiative.")]
    for name in ("meeting", "decision", "working_group"):
        linked = getattr(item, name)
        if linked is not None and linked.initiative_id != initiative_id:
            errors[name] = [str(NOT_OF_INITIATIVE)]
    if item.status not in ActionItemStatus.values:
        errors["status"] = [str(CHOOSE_STATUS)]
    return errors


def _complete(item: ActionItem) -> None:
    if item.status == ActionItemStatus.DONE:
        item.completed_at = item.completed_at or timezone.now()
    else:
        item.completed_at = None


def _tell_owner(user: User, item: ActionItem) -> None:
    event_record(
        item.initiative,
        EventKind.ACTION_ITEM_ASSIGNED,
        actor=user,
        path=reverse("communication:action_item_detail", args=[item.initiative.slug, item.pk]),
        params={"name": item.title, "when": item.due_on.isoformat() if item.due_on else ""},
        recipient=item.owner,
        action_item=item,
        meeting=item.meeting,
        working_group=item.working_group,
    )


@transaction.atomic
def action_item_assign(
    *,
    user: User,
    initiative: Initiative,
    title: str,
    owner: User | None,
    organization: Organization | None = None,
    due_on: date | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    working_group: WorkingGroup | None = None,
    note: str = "",
    language: str = "",
    translations: dict | None = None,
) -> ActionItem:
    """Give a person something to do; they hear of it (an event addressed to them)."""
    if meeting is not None and meeting.initiative_id == initiative.pk:
        allowed = permissions.can_assign_action_item(user, initiative, meeting)
        working_group = meeting.working_group
    else:
        allowed = permissions.can_manage_communication(user, initiative)
    if not allowed:
        raise PermissionDenied
    item = ActionItem(
        initiative=initiative,
        title=_text(title, "title", one_line=True),
        owner=owner,
        organization=organization,
        due_on=due_on,
        meeting=meeting,
        decision=decision,
        working_group=working_group,
        note=_text(note, "note"),
        language=language or "",
        translations=translations or {},
        created_by=user,
    )
    errors = _check(item)
    if errors:
        raise ValidationError(errors)
    item.full_clean(
        exclude=[
            "initiative",
            "owner",
            "organization",
            "meeting",
            "decision",
            "working_group",
            "created_by",
        ],
        validate_constraints=False,
    )
    item.save()
    _tell_owner(user, item)
    return item


@transaction.atomic
def action_item_update(*, user: User, item: ActionItem, **changes) -> ActionItem:
    """Change what the user may: the owner its status and note (MOVE_FIELDS); the staff and
    the meeting's runner every field of CHANGE_FIELDS. A new owner hears of it."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("initiative", "meeting", "owner")
        .get(pk=item.pk)
    )
    unknown = set(changes) - set(CHANGE_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an action item: {sorted(unknown)}")
    if not permissions.can_move_action_item(user, item):
        raise PermissionDenied
    if set(changes) - set(MOVE_FIELDS) and not permissions.can_change_action_item(user, item):
        raise PermissionDenied
    owner_before = item.owner_id
    for name, value in changes.items():
        if name in ("title", "note"):
            value = _text(value, name, one_line=name == "title")
        setattr(item, name, value)
    if "owner" in changes and "organization" not in changes:
        item.organization = None  # the new owner's own, found by _check
    errors = _check(item)
    if errors:
        raise ValidationError(errors)
    item.full_clean(
        exclude=[
            "initiative",
            "owner",
            "organization",
            "meeting",
            "decision",
            "working_group",
            "created_by",
        ],
        validate_constraints=False,
    )
    _complete(item)
    item.save()
    if item.owner_id != owner_before:
        _tell_owner(user, item)
    return item


def action_item_move(*, user: User, item: ActionItem, status: str, note: str | None = None):
    """The owner's step: a new status (done sets completed_at), and a note when given."""
    changes = {"status": status}
    if note is not None:
        changes["note"] = note
    return action_item_update(user=user, item=item, **changes)
