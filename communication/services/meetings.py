"""Meetings: schedule, change, cancel; their agenda, invitations and attendance.

A change the invitees' calendars must see (time, time zone, place, link, title) and the
cancellation raise `sequence` by one, so calendar clients replace the event they hold (same
UID). Each of these is an event of the feed and the mail (services/events.py)."""

import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User
from sheatufim.text import clean_text

from .. import permissions
from ..models import (
    AgendaItem,
    Answer,
    Attendance,
    EventKind,
    Meeting,
    MeetingInvitation,
    MeetingStatus,
    WorkingGroup,
)
from ._people import CHOOSE_PEOPLE, CHOOSE_PERSON, concerns_errors, is_member, organizations_of
from .events import event_record

ENTER_TITLE = _("Please enter a title.")
PLACE_OR_LINK = _("Give a place, an online link, or both.")
ENDS_AFTER_START = _("A meeting must end after it starts.")
CHOOSE_TIME_ZONE = _("Choose a time zone from the list.")
CHOOSE_GROUP = _("Choose an active working group of this initiative.")
IS_CANCELLED = _("This meeting was cancelled.")
HAS_STARTED = _("The meeting has started: answers can no longer change.")
NOT_STARTED = _("Attendance is taken once the meeting has started.")
CHOOSE_ANSWER = _("Answer attending, not attending or maybe.")
MINUTES_RANGE = _("Give between 1 and 1440 minutes.")

FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "online_url",
    "shared",
    "language",
    "translations",
)
# What a calendar client must be told again (a higher SEQUENCE).
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "time_zone", "place", "online_url")
ITEM_FIELDS = (
    "title",
    "presenter",
    "minutes_allotted",
    "goal",
    "strategy",
    "indicator",
    "language",
    "translations",
)
TIME_ZONES = frozenset(zoneinfo.available_timezones())


def meeting_path(meeting: Meeting) -> str:
    return reverse(
        "communication:meeting_detail", kwargs={"slug": meeting.initiative.slug, "pk": meeting.pk}
    )


def meeting_params(meeting: Meeting) -> dict:
    """What an event's sentence names of a meeting: its title, and its start in its own zone
    (the sentence shows the time there, with the zone's name)."""
    return {
        "name": meeting.title,
        "when": meeting.starts_at.isoformat(),
        "time_zone": meeting.time_zone,
    }


def _record(meeting: Meeting, kind: str, user: User, **subjects) -> None:
    event_record(
        meeting.initiative,
        kind,
        actor=user,
        path=meeting_path(meeting),
        params=meeting_params(meeting),
        meeting=meeting,
        working_group=meeting.working_group,
        **subjects,
    )


def _checked(meeting: Meeting) -> None:
    meeting.title = " ".join(clean_text(meeting.title or "").split())
    meeting.description = clean_text(meeting.description or "").strip()
    meeting.place = " ".join(clean_text(meeting.place or "").split())
    meeting.online_url = clean_text(meeting.online_url or "").strip()
    errors: dict[str, list[str]] = {}
    if not meeting.title:
        errors["title"] = [str(ENTER_TITLE)]
    if not meeting.place and not meeting.online_url:
        errors["place"] = [str(PLACE_OR_LINK)]
    if meeting.time_zone not in TIME_ZONES:
        errors["time_zone"] = [str(CHOOSE_TIME_ZONE)]
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = [str(ENDS_AFTER_START)]
    try:
        meeting.full_clean(
            exclude=["initiative", "working_group", "convener", "created_by"],
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _group_checked(initiative: Initiative, group: WorkingGroup | None) -> None:
    if group is not None and (group.initiative_id != initiative.pk or group.archived):
        raise ValidationError({"working_group": [str(CHOOSE_GROUP)]})


@transaction.atomic
def meeting_schedule(
    *, user: User, initiative: Initiative, working_group: WorkingGroup | None = None, **fields
) -> Meeting:
    """A new meeting (FIELDS) of the initiative or of one of its working groups. A group's
    meeting is convened by the group's convener and, unless told, not shared."""
    if not permissions.can_schedule_meeting(user, initiative, working_group):
        raise PermissionDenied
    _group_checked(initiative, working_group)
    fields.setdefault("shared", working_group is None)
    convener = working_group.convener if working_group and working_group.convener else user
    meeting = Meeting(
        initiative=initiative,
        working_group=working_group,
        convener=convener,
        created_by=user,
        **fields,
    )
    _checked(meeting)
    meeting.save()
    _record(meeting, EventKind.MEETING_SCHEDULED, user)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("initiative", "working_group")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_change(*, user: User, meeting: Meeting, **changes) -> Meeting:
    """Changes what it names (FIELDS); a change of CALENDAR_FIELDS raises the sequence."""
    meeting = _locked(meeting)
    if not permissions.can_run_meeting(user, meeting):
        raise PermissionDenied
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"not fields of a meeting: {sorted(unknown)}")
    if meeting.is_cancelled:
        raise ValidationError(str(IS_CANCELLED))
    before = {name: getattr(meeting, name) for name in CALENDAR_FIELDS}
    for name, value in changes.items():
        setattr(meeting, name, value)
    _checked(meeting)
    moved = any(getattr(meeting, name) != value for name, value in before.items())
    if moved:
        meeting.sequence += 1
    meeting.save()
    if moved:
        _record(meeting, EventKind.MEETING_CHANGED, user)
    return meeting


@transaction.atomic
def meeting_cancel(*, user: User, meeting: Meeting) -> Meeting:
    """The meeting stays, marked cancelled, with a higher sequence (STATUS:CANCELLED)."""
    meeting = _locked(meeting)
    if not permissions.can_run_meeting(user, meeting):
        raise PermissionDenied
    if meeting.is_cancelled:
        raise ValidationError(str(IS_CANCELLED))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save()
    _record(meeting, EventKind.MEETING_CANCELLED, user)
    return meeting


# --- agenda ------------------------------------------------------------------------------


def _item_checked(meeting: Meeting, item: AgendaItem) -> None:
    item.title = " ".join(clean_text(item.title or "").split())
    errors = concerns_errors(
        meeting.initiative, goal=item.goal, strategy=item.strategy, indicator=item.indicator
    )
    if not item.title:
        errors["title"] = [str(ENTER_TITLE)]
    if item.minutes_allotted is not None and not 1 <= item.minutes_allotted <= 1440:
        errors["minutes_allotted"] = [str(MINUTES_RANGE)]
    if item.presenter is not None and not is_member(meeting.initiative, item.presenter):
        errors["presenter"] = [str(CHOOSE_PERSON)]
    try:
        item.full_clean(
            exclude=["meeting", "presenter", "goal", "strategy", "indicator", "minutes_allotted"],
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _runnable(user: User, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    if not permissions.can_run_meeting(user, meeting):
        raise PermissionDenied
    if meeting.is_cancelled:
        raise ValidationError(str(IS_CANCELLED))
    return meeting


def _agenda_changed(meeting: Meeting) -> None:
    """The agenda is in the calendar event's DESCRIPTION: its LAST-MODIFIED moves with it (the
    SEQUENCE rises only for what RFC 5545 calls significant: the time, the place, the title)."""
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())


@transaction.atomic
def agenda_item_add(*, user: User, meeting: Meeting, **fields) -> AgendaItem:
    """A new item (ITEM_FIELDS) at the end of the agenda."""
    meeting = _runnable(user, meeting)
    item = AgendaItem(meeting=meeting, position=meeting.items.count(), **fields)
    _item_checked(meeting, item)
    item.save()
    _agenda_changed(meeting)
    return item


@transaction.atomic
def agenda_item_update(*, user: User, item: AgendaItem, **changes) -> AgendaItem:
    meeting = _runnable(user, item.meeting)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an agenda item: {sorted(unknown)}")
    item = AgendaItem.objects.get(pk=item.pk)
    for name, value in changes.items():
        setattr(item, name, value)
    _item_checked(meeting, item)
    item.save()
    _agenda_changed(meeting)
    return item


def _renumber(meeting: Meeting, order: list[int]) -> None:
    items = AgendaItem.objects.in_bulk(order)
    for position, pk in enumerate(order):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])


@transaction.atomic
def agenda_item_remove(*, user: User, item: AgendaItem) -> None:
    meeting = _runnable(user, item.meeting)
    AgendaItem.objects.filter(pk=item.pk).delete()
    _renumber(meeting, list(meeting.items.values_list("pk", flat=True)))
    _agenda_changed(meeting)


@transaction.atomic
def agenda_item_move(*, user: User, item: AgendaItem, up: bool) -> None:
    """One place up (earlier) or down; positions stay 0, 1, 2… without gaps."""
    meeting = _runnable(user, item.meeting)
    order = list(meeting.items.values_list("pk", flat=True))
    index = order.index(item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    _renumber(meeting, order)
    _agenda_changed(meeting)


# --- invitations and attendance ----------------------------------------------------------


@transaction.atomic
def invitations_add(*, user: User, meeting: Meeting, people: list[User]) -> list:
    """Invite people of the initiative (each for their organization); those already invited
    are left as they are. Returns the new invitations."""
    meeting = _runnable(user, meeting)
    organizations = organizations_of(meeting.initiative, people)
    if organizations is None:
        raise ValidationError({"people": [str(CHOOSE_PEOPLE)]})
    invited = set(meeting.invitations.values_list("user_id", flat=True))
    added = MeetingInvitation.objects.bulk_create(
        MeetingInvitation(meeting=meeting, user_id=pk, organization=organization)
        for pk, organization in organizations.items()
        if pk not in invited
    )
    for invitation in added:  # each invitee hears of it, whether or not they see the meeting yet
        _record(meeting, EventKind.MEETING_INVITED, user, recipient_id=invitation.user_id)
    return added


@transaction.atomic
def invitation_remove(*, user: User, invitation: MeetingInvitation) -> None:
    _runnable(user, invitation.meeting)
    MeetingInvitation.objects.filter(pk=invitation.pk).delete()


@transaction.atomic
def invitation_answer(
    *, user: User, invitation: MeetingInvitation, answer: str, note: str = ""
) -> MeetingInvitation:
    """The invitee's answer, which they may change until the meeting starts."""
    invitation = (
        MeetingInvitation.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=invitation.pk)
    )
    if not permissions.can_answer_invitation(user, invitation):
        raise PermissionDenied
    meeting = invitation.meeting
    if meeting.is_cancelled:
        raise ValidationError(str(IS_CANCELLED))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(str(HAS_STARTED))
    if answer not in Answer.values or answer == Answer.PENDING:
        raise ValidationError({"answer": [str(CHOOSE_ANSWER)]})
    invitation.answer = answer
    invitation.note = " ".join(clean_text(note or "").split())
    invitation.answered_at = timezone.now()
    try:
        invitation.full_clean(exclude=["meeting", "user", "organization"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    invitation.save()
    return invitation


@transaction.atomic
def attendance_record(*, user: User, meeting: Meeting, people: list[User]) -> list[Attendance]:
    """Who came: the list replaces the one before. Invitees and anyone of the initiative,
    each for the organization of their invitation (else of their membership)."""
    meeting = _runnable(user, meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError(str(NOT_STARTED))
    organizations = organizations_of(meeting.initiative, people)
    if organizations is None:
        raise ValidationError({"people": [str(CHOOSE_PEOPLE)]})
    invited = dict(meeting.invitations.values_list("user_id", "organization_id"))
    meeting.attendance.exclude(user_id__in=organizations).delete()
    present = set(meeting.attendance.values_list("user_id", flat=True))
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            user_id=pk,
            organization_id=invited.get(pk) or (organization.pk if organization else None),
            recorded_by=user,
        )
        for pk, organization in organizations.items()
        if pk not in present
    )
    meeting.attendance.update(recorded_by=user)
    return list(meeting.attendance.all())


def has_started(meeting: Meeting) -> bool:
    return meeting.starts_at <= timezone.now()
