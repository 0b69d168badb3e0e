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


def audience_pairs(events, user_ids=None, *, mail: bool = False) -> set[tuple[int, int]]:
    """The same rule as `event_visibility(..., personal=True)`, for many events and many
    people at once: the (user id, event id) pairs of who sees what. `user_ids` limits the
    people (None: anyone). A fixed number of queries, whatever the number of events or people.
    `mail`: the people mailed, who are the members of the initiative: a platform administrator
    sees every initiative on the site, but is not mailed about those they do not belong to."""
    events = list(events)
    if not events:
        return set()
    facts = _Facts(events, user_ids, superusers=not mail)
    pairs = set()
    for event in events:
        for user_id in facts.readers(event.initiative_id):
            if facts.sees(user_id, event):
                pairs.add((user_id, event.pk))
    return pairs


class _Facts:
    """What the rule reads, loaded once for a set of events and people."""

    def __init__(self, events, user_ids, *, superusers: bool = True):
        from initiatives.models import Membership, User
        from initiatives.permissions import Action, role_actions

        from .models import MeetingInvitation, WorkingGroup

        def scoped(queryset, field="user_id"):
            return queryset if user_ids is None else queryset.filter(**{f"{field}__in": user_ids})

        initiative_ids = {event.initiative_id for event in events}
        self.view: dict[int, set[int]] = {pk: set() for pk in initiative_ids}
        self.manage: dict[int, set[int]] = {pk: set() for pk in initiative_ids}
        rows = scoped(
            Membership.objects.filter(initiative_id__in=initiative_ids, user__is_active=True)
        ).values_list("user_id", "initiative_id", "role", "initiative__kind")
        for user_id, initiative_id, role, kind in rows:
            actions = role_actions(role, kind)
            if Action.VIEW_INITIATIVE in actions:
                self.view[initiative_id].add(user_id)
            if Action.MANAGE_COMMUNICATION in actions:
                self.manage[initiative_id].add(user_id)
        admins = set()
        if superusers:
            found = scoped(User.objects.filter(is_superuser=True, is_active=True), "pk")
            admins = set(found.values_list("pk", flat=True))
        for initiative_id in initiative_ids:
            self.view[initiative_id] |= admins
            self.manage[initiative_id] |= admins

        meeting_ids = {event.meeting_id for event in events if event.meeting_id}
        self.meetings = {
            row["pk"]: row
            for row in Meeting.objects.filter(pk__in=meeting_ids).values(
                "pk", "shared", "convener_id", "working_group_id"
            )
        }
        self.invited: dict[int, set[int]] = {}
        for meeting_id, user_id in scoped(
            MeetingInvitation.objects.filter(meeting_id__in=meeting_ids)
        ).values_list("meeting_id", "user_id"):
            self.invited.setdefault(meeting_id, set()).add(user_id)
        group_ids = {event.working_group_id for event in events if event.working_group_id}
        group_ids |= {row["working_group_id"] for row in self.meetings.values()} - {None}
        self.group_people: dict[int, set[int]] = {pk: set() for pk in group_ids}
        for group_id, user_id in scoped(
            WorkingGroupMember.objects.filter(group_id__in=group_ids)
        ).values_list("group_id", "user_id"):
            self.group_people[group_id].add(user_id)
        for group_id, convener_id in WorkingGroup.objects.filter(pk__in=group_ids).values_list(
            "pk", "convener_id"
        ):
            if convener_id is not None:
                self.group_people[group_id].add(convener_id)

    def readers(self, initiative_id: int) -> set[int]:
        return self.view[initiative_id]

    def sees(self, user_id: int, event) -> bool:
        if event.recipient_id is not None:
            return event.recipient_id == user_id
        if user_id in self.manage[event.initiative_id]:
            return True
        if event.meeting_id is not None:
            meeting = self.meetings[event.meeting_id]
            return (
                meeting["shared"]
                or meeting["convener_id"] == user_id
                or user_id in self.invited.get(event.meeting_id, ())
                or user_id in self.group_people.get(meeting["working_group_id"], ())
            )
        if event.working_group_id is not None:
            return user_id in self.group_people[event.working_group_id]
        return True
