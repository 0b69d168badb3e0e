"""What the meeting and working group pages and the API read, scoped to the reader.

Lists filter with permissions.meeting_visibility in the query (a subquery of ids, as the rule
joins invitations and memberships), so their query count does not grow with the data."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from initiatives.models import Initiative, Membership, Role
from initiatives.selectors import initiative_list_for_user

from .. import permissions
from ..models import (
    AgendaItem,
    Answer,
    Attendance,
    Meeting,
    MeetingInvitation,
    WorkingGroup,
    WorkingGroupMember,
)


@dataclass(frozen=True)
class MeetingFilters:
    working_group: int | None = None
    kind: str = ""


def _visible(user, initiative: Initiative) -> QuerySet:
    ids = Meeting.objects.filter(
        permissions.meeting_visibility(user, initiative), initiative=initiative
    ).values("pk")
    return Meeting.objects.filter(pk__in=ids)


def meeting_list_for_user(
    *, user, initiative: Initiative, filters: MeetingFilters | None = None
) -> QuerySet:
    """The meetings the user sees: upcoming first (soonest first), then past (latest first);
    cancelled ones stay, marked by their status."""
    now = timezone.now()
    queryset = _visible(user, initiative)
    if filters and filters.working_group:
        queryset = queryset.filter(working_group_id=filters.working_group)
    if filters and filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return (
        queryset.select_related("working_group")
        .annotate(
            is_past=Case(
                When(ends_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            upcoming_start=Case(When(ends_at__gte=now, then="starts_at")),
            invitation_count=Count("invitations", distinct=True),
        )
        .order_by("is_past", "upcoming_start", "-starts_at", "-id")
    )


def meeting_get_for_user(*, user, initiative: Initiative, pk: int) -> Meeting:
    """Raises Meeting.DoesNotExist for a meeting the user does not see."""
    return (
        _visible(user, initiative)
        .select_related("initiative", "working_group__convener", "convener")
        .get(pk=pk)
    )


@dataclass
class MeetingPage:
    meeting: Meeting
    items: list[AgendaItem]
    invitations: list[MeetingInvitation]
    attendance: list[Attendance]
    mine: MeetingInvitation | None
    counts: dict[str, int]


def meeting_page(*, user, meeting: Meeting) -> MeetingPage:
    """Everything the meeting's page shows, in four queries whatever its size."""
    items = list(
        meeting.items.select_related("presenter", "goal", "strategy", "indicator").order_by(
            "position", "id"
        )
    )
    invitations = list(
        meeting.invitations.select_related("user", "organization").order_by("user__email")
    )
    attendance = list(
        meeting.attendance.select_related("user", "organization").order_by("user__email")
    )
    counts = {answer: 0 for answer in Answer.values}
    for invitation in invitations:
        counts[invitation.answer] += 1
    mine = next((i for i in invitations if i.user_id == user.pk), None)
    return MeetingPage(meeting, items, invitations, attendance, mine, counts)


def people_of(*, initiative: Initiative) -> QuerySet:
    """The initiative's memberships (people to invite or tick), with their organizations."""
    return (
        Membership.objects.filter(initiative=initiative, user__is_active=True)
        .select_related("user", "organization")
        .order_by("user__email")
    )


def partner_representatives(*, initiative: Initiative) -> list[int]:
    return list(
        Membership.objects.filter(
            initiative=initiative, role=Role.PARTNER, user__is_active=True
        ).values_list("user_id", flat=True)
    )


# --- working groups ----------------------------------------------------------------------


def group_list(*, initiative: Initiative, archived: bool = False) -> QuerySet:
    return (
        WorkingGroup.objects.filter(initiative=initiative, archived=archived)
        .select_related("convener", "goal", "strategy")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "id")
    )


def group_get(*, initiative: Initiative, pk: int) -> WorkingGroup:
    """Raises WorkingGroup.DoesNotExist for another initiative's group."""
    return (
        WorkingGroup.objects.filter(initiative=initiative)
        .select_related("initiative", "convener", "goal", "strategy")
        .prefetch_related(
            Prefetch(
                "memberships",
                WorkingGroupMember.objects.select_related("user", "organization").order_by(
                    "user__email"
                ),
            )
        )
        .get(pk=pk)
    )


# --- the API's, over every initiative of the user ----------------------------------------


def _per_initiative(user, rule) -> Q:
    q = Q(pk__in=[])
    for initiative in initiative_list_for_user(user=user):
        q |= Q(initiative=initiative) & rule(user, initiative)
    return q


def meetings_visible_to(*, user) -> QuerySet:
    ids = Meeting.objects.filter(_per_initiative(user, permissions.meeting_visibility))
    return (
        Meeting.objects.filter(pk__in=ids.values("pk"))
        .select_related("initiative", "working_group")
        .prefetch_related(Prefetch("items", AgendaItem.objects.order_by("position", "id")))
    )


def groups_visible_to(*, user) -> QuerySet:
    return (
        WorkingGroup.objects.filter(initiative__in=initiative_list_for_user(user=user))
        .select_related("initiative")
        .prefetch_related(Prefetch("memberships", WorkingGroupMember.objects.order_by("id")))
    )


def invitations_visible_to(*, user) -> QuerySet:
    """The invitations of the meetings the user sees (as the meeting's page shows them)."""
    return MeetingInvitation.objects.filter(
        meeting__in=meetings_visible_to(user=user).prefetch_related(None).values("pk")
    ).select_related("meeting", "user")


def attendance_visible_to(*, user) -> QuerySet:
    return Attendance.objects.filter(
        meeting__in=meetings_visible_to(user=user).prefetch_related(None).values("pk")
    ).select_related("meeting", "user")
