"""Who sees an event: the one rule of the feed, the digests and the immediate emails.

- An event with a `recipient` is that person's only (an action item given to them) and is
  never a line of the initiative's feed.
- An event of a meeting is seen by those who see the meeting (permissions.meeting_visibility).
- Else an event of a working group is seen by the group's members, its convener and the staff.
- Else everyone in the initiative sees it.
Those who manage the initiative's communication see every event but the personal ones.
"""

from django.db.models import Exists, OuterRef, Q

from initiatives.models import Initiative

from . import permissions
from .models import Meeting, WorkingGroupMember


def event_visibility(user, initiative: Initiative, *, personal: bool = False) -> Q:
    """The events of `initiative` the user sees, as a filter; `personal` adds the events
    addressed to them (the digest reads those too; the feed does not)."""
    if not permissions.can_view_communication(user, initiative):
        return Q(pk__in=[])
    mine = Q(recipient_id=user.pk) if personal else Q(pk__in=[])
    if permissions.can_manage_communication(user, initiative):
        return Q(initiative_id=initiative.pk) & (Q(recipient__isnull=True) | mine)
    visible_meetings = Meeting.objects.filter(
        permissions.meeting_visibility(user, initiative), pk=OuterRef("meeting_id")
    )
    in_group = WorkingGroupMember.objects.filter(group_id=OuterRef("working_group_id"), user=user)
    public = Q(recipient__isnull=True) & (
        (Q(meeting__isnull=False) & Exists(visible_meetings))
        | (
            Q(meeting__isnull=True)
            & (
                Q(working_group__isnull=True)
                | Exists(in_group)
                | Q(working_group__convener_id=user.pk)
            )
        )
    )
    return Q(initiative_id=initiative.pk) & (public | mine)
