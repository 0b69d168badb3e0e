"""Meetings made with the ORM (the meet slice owns their services), and minutes, decisions and
action items made through this slice's services."""

from datetime import timedelta

from django.utils import timezone

from communication.models import Attendance, Meeting, MeetingInvitation, MeetingKind, WorkingGroup
from communication.services import action_items, decisions, minutes
from initiatives.models import Membership, Role
from tests.initiatives.factories import UserFactory


def meeting(world, *, title="Steering committee", started=True, shared=True, group=None, **kw):
    """A meeting of the world's initiative, convened by the backbone, that started an hour ago
    (or starts tomorrow)."""
    start = timezone.now() + (timedelta(hours=-1) if started else timedelta(days=1))
    return Meeting.objects.create(
        initiative=kw.pop("initiative", world.initiative),
        working_group=group,
        kind=MeetingKind.STEERING_COMMITTEE,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        convener=kw.pop("convener", world.backbone),
        shared=shared,
        **kw,
    )


def invite(meeting, user, organization=None) -> MeetingInvitation:
    return MeetingInvitation.objects.create(meeting=meeting, user=user, organization=organization)


def attended(meeting, user, organization=None) -> Attendance:
    return Attendance.objects.create(meeting=meeting, user=user, organization=organization)


def convener(world, email="convener@example.org"):
    """A partner representative of the partner's organization, who convenes meetings."""
    user = UserFactory(email=email)
    Membership.objects.create(
        user=user, initiative=world.initiative, role=Role.PARTNER, organization=world.partner_org
    )
    return user


def group(world, *, members=(), convener=None, name="Data group") -> WorkingGroup:
    wg = WorkingGroup.objects.create(initiative=world.initiative, name=name, convener=convener)
    for user in members:
        wg.memberships.create(user=user)
    return wg


def drafted(world, meeting_, body="We met and agreed.", user=None):
    return minutes.minutes_save(user=user or world.backbone, meeting=meeting_, body=body)


def circulated(world, meeting_, **kw):
    return minutes.minutes_circulate(user=world.backbone, minutes=drafted(world, meeting_, **kw))


def approved(world, meeting_, **kw):
    return minutes.minutes_approve(user=world.backbone, minutes=circulated(world, meeting_, **kw))


def decision(world, *, meeting=None, statement="Adopt the reading goal", **kw):
    kw.setdefault("decided_on", timezone.localdate())
    if meeting is None:
        kw.setdefault("decided_by", "The steering committee by email")
    return decisions.decision_record(
        user=kw.pop("user", world.backbone),
        initiative=world.initiative,
        statement=statement,
        meeting=meeting,
        **kw,
    )


def action_item(world, *, owner=None, title="Send the figures", **kw):
    return action_items.action_item_assign(
        user=kw.pop("user", world.backbone),
        initiative=world.initiative,
        title=title,
        owner=owner or world.partner,
        **kw,
    )
