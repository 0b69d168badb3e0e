"""What the minutes, decisions and action-item pages and endpoints read, scoped to the user.

Visibility (one rule, in SQL): an item of a meeting is seen by those who see the meeting; of a
working group with no meeting, by its members, its convener and the staff; otherwise by
everyone in the initiative; the person who owes an action item always sees it."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from initiatives.models import Initiative, Membership
from initiatives.selectors import initiative_list_for_user

from .. import permissions
from ..models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    Decision,
    DecisionChange,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesCorrection,
    WorkingGroup,
    WorkingGroupMember,
)

REVIEW_SOON_DAYS = 30  # a decision is "due for review" from this many days before its date


def visibility(user, initiative: Initiative, *, owner: bool = False) -> Q:
    """The decisions (or, with `owner`, action items) of `initiative` the user sees."""
    if not permissions.can_view_communication(user, initiative):
        return Q(pk__in=[])
    if permissions.can_manage_communication(user, initiative):
        return Q(initiative_id=initiative.pk)
    meetings = Meeting.objects.filter(
        permissions.meeting_visibility(user, initiative), pk=OuterRef("meeting_id")
    )
    in_group = WorkingGroupMember.objects.filter(group_id=OuterRef("working_group_id"), user=user)
    seen = (Q(meeting__isnull=False) & Exists(meetings)) | (
        Q(meeting__isnull=True)
        & (Q(working_group__isnull=True) | Exists(in_group) | Q(working_group__convener_id=user.pk))
    )
    if owner:
        seen |= Q(owner_id=user.pk)
    return Q(initiative_id=initiative.pk) & seen


def _memberships_cached(user, initiatives) -> None:
    """Fill the policy's membership cache in one query (the API reads every initiative)."""
    if not user.is_authenticated:
        return
    cache = user.__dict__.setdefault("_membership_cache", {})
    found = {
        m.initiative_id: m
        for m in Membership.objects.filter(user=user).select_related("organization")
    }
    for initiative in initiatives:
        cache.setdefault(initiative.pk, found.get(initiative.pk))


def _across(user, *, owner: bool) -> Q:
    initiatives = list(initiative_list_for_user(user=user))
    _memberships_cached(user, initiatives)
    q = Q(pk__in=[])
    for initiative in initiatives:
        q |= visibility(user, initiative, owner=owner)
    return q


# --- minutes -------------------------------------------------------------------------------


def meeting_get(*, user, initiative: Initiative, pk: int) -> Meeting:
    """A meeting of the initiative the user sees (Meeting.DoesNotExist otherwise)."""
    return (
        Meeting.objects.filter(permissions.meeting_visibility(user, initiative))
        .filter(initiative=initiative, pk=pk)
        .select_related("initiative", "working_group")
        .distinct()
        .get()
    )


def minutes_detail(*, meeting: Meeting) -> Minutes | None:
    """The meeting's minutes with their requests and corrections (three queries), or None."""
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related(
            "meeting__initiative", "meeting__working_group", "drafted_by", "approved_by"
        )
        .prefetch_related(
            Prefetch("comments", MinutesComment.objects.select_related("author")),
            Prefetch("corrections", MinutesCorrection.objects.select_related("made_by")),
        )
        .first()
    )


def minutes_visible_to(*, user) -> QuerySet[Minutes]:
    """The API's minutes: those the user may read, in every initiative of theirs."""
    initiatives = list(initiative_list_for_user(user=user))
    _memberships_cached(user, initiatives)
    q = Q(pk__in=[])
    for initiative in initiatives:
        meetings = Meeting.objects.filter(
            permissions.meeting_visibility(user, initiative), pk=OuterRef("meeting_id")
        )
        if permissions.can_manage_communication(user, initiative):
            q |= Q(meeting__initiative_id=initiative.pk)
            continue
        runs = Q(meeting__convener_id=user.pk) | Q(meeting__working_group__convener_id=user.pk)
        asked = Exists(
            Meeting.objects.filter(
                Q(invitations__user_id=user.pk) | Q(attendance__user_id=user.pk),
                pk=OuterRef("meeting_id"),
            )
        )
        q |= (
            Q(meeting__initiative_id=initiative.pk)
            & Exists(meetings)
            & (Q(state="approved") | runs | (Q(state="circulated") & asked))
        )
    return Minutes.objects.filter(q).select_related("meeting__initiative")


# --- decisions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionFilters:
    status: str = ""
    goal: int | None = None
    strategy: int | None = None
    meeting: int | None = None
    due_for_review: bool = False


def review_horizon(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=REVIEW_SOON_DAYS)


def decision_list(
    *, user, initiative: Initiative, filters: DecisionFilters = DecisionFilters()
) -> QuerySet[Decision]:
    q = visibility(user, initiative)
    if filters.status:
        q &= Q(status=filters.status)
    if filters.goal:
        q &= Q(goal_id=filters.goal) | Q(strategy__goal_id=filters.goal)
    if filters.strategy:
        q &= Q(strategy_id=filters.strategy)
    if filters.meeting:
        q &= Q(meeting_id=filters.meeting)
    if filters.due_for_review:
        q &= Q(status="in_force", review_on__lte=review_horizon())
    return Decision.objects.filter(q).select_related("meeting", "goal", "strategy")


def decision_get(*, user, initiative: Initiative, pk: int) -> Decision:
    return (
        Decision.objects.filter(visibility(user, initiative), pk=pk)
        .select_related("initiative", "meeting", "goal", "strategy", "working_group", "created_by")
        .prefetch_related(Prefetch("changes", DecisionChange.objects.select_related("changed_by")))
        .get()
    )


def decisions_visible_to(*, user) -> QuerySet[Decision]:
    return Decision.objects.filter(_across(user, owner=False)).select_related("initiative")


# --- action items --------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItemFilters:
    status: str = ""
    owner: int | None = None
    meeting: int | None = None
    overdue: bool = False


def overdue_q(today: date | None = None) -> Q:
    return Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=today or timezone.localdate())


def _item_q(filters: ActionItemFilters) -> Q:
    q = Q()
    if filters.status:
        q &= Q(status=filters.status)
    if filters.owner:
        q &= Q(owner_id=filters.owner)
    if filters.meeting:
        q &= Q(meeting_id=filters.meeting)
    if filters.overdue:
        q &= overdue_q()
    return q


def _items(q: Q) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(q).select_related(
        "initiative", "owner", "organization", "meeting"
    )


def action_item_list(
    *, user, initiative: Initiative, filters: ActionItemFilters = ActionItemFilters()
) -> QuerySet[ActionItem]:
    return _items(visibility(user, initiative, owner=True) & _item_q(filters))


def action_item_get(*, user, initiative: Initiative, pk: int) -> ActionItem:
    return _items(visibility(user, initiative, owner=True) & Q(pk=pk)).get()


def my_action_items(*, user, filters: ActionItemFilters = ActionItemFilters()):
    """The items the user owes, in every initiative they are still in."""
    if not user.is_authenticated:
        return ActionItem.objects.none()
    mine = Q(owner_id=user.pk, initiative__memberships__user_id=user.pk)
    return _items(mine & _item_q(filters)).order_by("due_on", "id")


def my_open_action_items(*, user, initiative: Initiative | None = None):
    items = my_action_items(user=user).filter(status__in=OPEN_ACTION_STATUSES)
    return items.filter(initiative=initiative) if initiative is not None else items


def overdue_action_items(*, user, initiative: Initiative) -> QuerySet[ActionItem]:
    """The initiative's overdue items the user sees, the most overdue first."""
    return (
        action_item_list(user=user, initiative=initiative)
        .filter(overdue_q())
        .order_by("due_on", "id")
    )


def action_items_visible_to(*, user) -> QuerySet[ActionItem]:
    return _items(_across(user, owner=True))


@dataclass
class MeetingRecord:
    """What a meeting left behind, as its page shows it: the minutes, decisions, action items."""

    minutes: Minutes | None
    decisions: list[Decision]
    action_items: list[ActionItem]


def meeting_record(*, user, meeting: Meeting) -> MeetingRecord:
    initiative = meeting.initiative
    minutes = minutes_detail(meeting=meeting)
    if minutes is not None and not permissions.can_view_minutes(user, minutes):
        minutes = None
    decisions = decision_list(
        user=user, initiative=initiative, filters=DecisionFilters(meeting=meeting.pk)
    )
    items = action_item_list(
        user=user, initiative=initiative, filters=ActionItemFilters(meeting=meeting.pk)
    )
    return MeetingRecord(minutes, list(decisions), list(items))


def group_record(*, user, group: WorkingGroup) -> MeetingRecord:
    """A working group's decisions and open action items (its meetings' and its own)."""
    initiative = group.initiative
    group_q = Q(working_group=group) | Q(meeting__working_group=group)
    decisions = decision_list(user=user, initiative=initiative).filter(group_q)[:20]
    items = _items(visibility(user, initiative, owner=True) & group_q).filter(
        status__in=OPEN_ACTION_STATUSES
    )[:20]
    return MeetingRecord(None, list(decisions), list(items))
