"""Meetings, groups and events made with the ORM, for the tests of email (the other slices'
services are written in parallel: events enter through event_record, as theirs will)."""

from datetime import timedelta

from django.utils import timezone

from communication.models import (
    ActionItem,
    Decision,
    EventKind,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    Update,
    WorkingGroup,
    WorkingGroupMember,
)
from communication.services.events import event_record


def group(initiative, *, name="Data group", members=(), convener=None) -> WorkingGroup:
    wg = WorkingGroup.objects.create(initiative=initiative, name=name, convener=convener)
    for user in members:
        WorkingGroupMember.objects.create(group=wg, user=user)
    return wg


def meeting(initiative, *, shared=True, working_group=None, invitees=(), starts_at=None):
    starts_at = starts_at or timezone.now() + timedelta(days=3)
    found = Meeting.objects.create(
        initiative=initiative,
        working_group=working_group,
        kind=MeetingKind.STEERING_COMMITTEE,
        title="Steering committee",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        shared=shared,
    )
    for user in invitees:
        MeetingInvitation.objects.create(meeting=found, user=user)
    return found


def event(initiative, kind=EventKind.AGENDA_ADOPTED, *, name="Version 2", **subjects):
    params = {"name": name, "when": timezone.now().isoformat()}
    return event_record(initiative, kind, params=params, **subjects)


def events_of_every_shape(world, *, group_name="Data group") -> list:
    """Every kind of event, of the initiative, of a working group, of a shared and a private
    meeting (of a group too), and personal ones: what the audience rule tells apart."""
    initiative = world.initiative
    wg = group(initiative, name=group_name, members=[world.partner], convener=world.viewer)
    private = meeting(initiative, shared=False, invitees=[world.facilitator])
    group_meeting = meeting(initiative, shared=False, working_group=wg)
    shared = meeting(initiative)
    update = Update.objects.create(initiative=initiative, title="News", body="Text")
    decision = Decision.objects.create(
        initiative=initiative,
        statement="We decided",
        decided_by="Board",
        decided_on=timezone.localdate(),
    )
    item = ActionItem.objects.create(initiative=initiative, title="Send data", owner=world.partner)
    found = [
        event(initiative, EventKind.UPDATE_POSTED, update=update),
        event(initiative, EventKind.AGENDA_ADOPTED),
        event(initiative, EventKind.FIGURES_APPROVED),
        event(initiative, EventKind.DECISION_TAKEN, decision=decision),
        event(initiative, EventKind.DECISION_TAKEN, decision=decision, working_group=wg),
        event(
            initiative, EventKind.ACTION_ITEM_ASSIGNED, action_item=item, recipient=world.partner
        ),
        event(initiative, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.viewer),
        event(world.other_initiative, EventKind.AGENDA_ADOPTED),
    ]
    for kind in (
        EventKind.MEETING_SCHEDULED,
        EventKind.MEETING_CHANGED,
        EventKind.MEETING_CANCELLED,
        EventKind.MINUTES_CIRCULATED,
        EventKind.MINUTES_APPROVED,
    ):
        for subject in (private, group_meeting, shared):
            found.append(event(initiative, kind, meeting=subject))
    found.append(
        event(initiative, EventKind.MEETING_SCHEDULED, meeting=group_meeting, working_group=wg)
    )
    return found
