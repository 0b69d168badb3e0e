"""Communication rules, on top of the one policy in initiatives/permissions.py.

MANAGE_COMMUNICATION (backbone staff; a sphere's facilitator) covers everything of the
initiative. Below it, what a person may do follows from their place in one object:
- a working group's convener runs the group's meetings (schedules, takes attendance, drafts and
  approves the minutes, records decisions and action items there);
- a meeting's convener runs that meeting;
- an invitee answers their own invitation; an attendee or invitee asks for corrections to
  minutes that circulate;
- the person who owes an action item moves its status.
Who sees a meeting: the staff, its convener, its invitees, its working group's members, and,
when the meeting is `shared`, everyone in the initiative. Lists ask `meeting_visibility`, so a
page and the API filter in the query, with the same rule as the object checks here.
"""

from django.db.models import Q

from initiatives.models import Initiative
from initiatives.permissions import Action, can

from .models import ActionItem, Meeting, Minutes, MinutesState, WorkingGroup


def can_view_communication(user, initiative: Initiative) -> bool:
    return can(user, Action.VIEW_INITIATIVE, initiative)


def can_manage_communication(user, initiative: Initiative) -> bool:
    return can(user, Action.MANAGE_COMMUNICATION, initiative)


def _member_of_group(user, group_id: int | None) -> bool:
    if group_id is None or not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_group_member_cache", {})
    if group_id not in cache:
        cache[group_id] = WorkingGroup.members.through.objects.filter(
            group_id=group_id, user_id=user.pk
        ).exists()
    return cache[group_id]


def convenes_group(user, group: WorkingGroup | None) -> bool:
    return group is not None and user.is_authenticated and group.convener_id == user.pk


def can_manage_group(user, group: WorkingGroup) -> bool:
    """Change the group and its members: the staff only (a convener runs the group's meetings)."""
    return can_manage_communication(user, group.initiative)


def can_schedule_meeting(user, initiative: Initiative, group: WorkingGroup | None = None) -> bool:
    """The staff for any meeting; a working group's convener for the group's meetings."""
    if not can_view_communication(user, initiative):
        return False
    return can_manage_communication(user, initiative) or convenes_group(user, group)


def can_run_meeting(user, meeting: Meeting) -> bool:
    """Change the meeting and its agenda, invite, take attendance, write and approve minutes."""
    initiative = meeting.initiative
    if not can_view_communication(user, initiative):
        return False
    if can_manage_communication(user, initiative):
        return True
    if user.pk is not None and meeting.convener_id == user.pk:
        return True
    return convenes_group(user, meeting.working_group)


def meeting_visibility(user, initiative: Initiative) -> Q:
    """The meetings of `initiative` the user sees, as a filter (nothing for an outsider)."""
    if not can_view_communication(user, initiative):
        return Q(pk__in=[])
    if can_manage_communication(user, initiative):
        return Q()
    return (
        Q(shared=True)
        | Q(convener_id=user.pk)
        | Q(invitations__user_id=user.pk)
        | Q(working_group__memberships__user_id=user.pk)
        | Q(working_group__convener_id=user.pk)
    )


def can_view_meeting(user, meeting: Meeting) -> bool:
    if not can_view_communication(user, meeting.initiative):
        return False
    if meeting.shared or can_run_meeting(user, meeting):
        return True
    if _member_of_group(user, meeting.working_group_id):
        return True
    return meeting.invitations.filter(user_id=user.pk).exists()


def can_answer_invitation(user, invitation) -> bool:
    return user.is_authenticated and invitation.user_id == user.pk


def can_comment_minutes(user, minutes: Minutes) -> bool:
    """Ask for a correction: while the minutes circulate, those invited or present."""
    if minutes.state != MinutesState.CIRCULATED or not user.is_authenticated:
        return False
    meeting = minutes.meeting
    if not can_view_meeting(user, meeting):
        return False
    if can_run_meeting(user, meeting):
        return True
    return (
        meeting.invitations.filter(user_id=user.pk).exists()
        or meeting.attendance.filter(user_id=user.pk).exists()
    )


def can_view_minutes(user, minutes: Minutes) -> bool:
    """Approved minutes are seen with the meeting; drafts by those who run it; circulated
    minutes by those who run it and those asked to correct them."""
    meeting = minutes.meeting
    if not can_view_meeting(user, meeting):
        return False
    if minutes.state == MinutesState.APPROVED or can_run_meeting(user, meeting):
        return True
    return minutes.state == MinutesState.CIRCULATED and can_comment_minutes(user, minutes)


def can_record_decision(user, initiative: Initiative, meeting: Meeting | None = None) -> bool:
    if meeting is not None:
        return can_run_meeting(user, meeting)
    return can_manage_communication(user, initiative)


def can_assign_action_item(user, initiative: Initiative, meeting: Meeting | None = None) -> bool:
    return can_record_decision(user, initiative, meeting)


def can_change_action_item(user, item: ActionItem) -> bool:
    """Everything of the item: the staff, and whoever runs the meeting it came from."""
    if can_manage_communication(user, item.initiative):
        return True
    return item.meeting is not None and can_run_meeting(user, item.meeting)


def can_move_action_item(user, item: ActionItem) -> bool:
    """Its status and note: the person who owes it, and those who may change it."""
    if not can_view_communication(user, item.initiative):
        return False
    return (user.pk is not None and item.owner_id == user.pk) or can_change_action_item(user, item)


def can_post_update(user, initiative: Initiative) -> bool:
    return can_manage_communication(user, initiative)
