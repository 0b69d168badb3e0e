"""Working groups and meetings for the tests of the meet slice, made through the services."""

from datetime import timedelta

from django.utils import timezone

from communication.models import Meeting, MeetingKind, WorkingGroup
from communication.services import groups as group_services
from communication.services import meetings as meeting_services
from initiatives.models import Role
from tests.personas import member


def convener_partner(world):
    """A second partner representative of `partner_org`, who convenes a working group."""
    return member("convener@example.org", Role.PARTNER, world.initiative, world.partner_org)


def group(world, *, convener=None, members=(), name="Curriculum") -> WorkingGroup:
    return group_services.group_create(
        user=world.backbone,
        initiative=world.initiative,
        name=name,
        convener=convener,
        members=list(members),
    )


def meeting(world, *, user=None, working_group=None, days=7, **fields) -> Meeting:
    """A meeting `days` from now (negative: in the past), an hour long."""
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    values = {
        "kind": MeetingKind.STEERING_COMMITTEE,
        "title": "Steering committee",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        "time_zone": "Asia/Jerusalem",
        "place": "Tel Aviv",
        **fields,
    }
    return meeting_services.meeting_schedule(
        user=user or world.backbone,
        initiative=world.initiative,
        working_group=working_group,
        **values,
    )


def started(meeting_obj: Meeting, hours: int = 2) -> Meeting:
    """Move a meeting into the past without the services (as time passing would)."""
    now = timezone.now()
    Meeting.objects.filter(pk=meeting_obj.pk).update(
        starts_at=now - timedelta(hours=hours), ends_at=now - timedelta(hours=hours - 1)
    )
    meeting_obj.refresh_from_db()
    return meeting_obj
