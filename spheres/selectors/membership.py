"""What the membership pages and the API read: the open spheres, requests to join, members
(current and former), each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from initiatives.models import (
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Membership,
    Organization,
    Participation,
    Role,
)
from initiatives.permissions import Action, roles_with
from initiatives.selectors import initiative_list_for_user

from ..models import JoinRequest, JoinRequestStatus


def open_sphere_list() -> QuerySet[Initiative]:
    """Every active sphere, with `member_count` (its current member organizations)."""
    return Initiative.objects.filter(
        kind=InitiativeKind.SPHERE, status=InitiativeStatus.ACTIVE
    ).annotate(member_count=Count("participations", filter=Q(participations__left_on__isnull=True)))


def sphere_get_open(*, slug: str) -> Initiative:
    """A sphere anyone signed in may ask to join (raises Initiative.DoesNotExist otherwise:
    a collective impact initiative is a 404 here)."""
    return Initiative.objects.get(slug=slug, kind=InitiativeKind.SPHERE)


def organization_directory() -> QuerySet[Organization]:
    """The organizations one may ask for: the whole directory (another sector is refused by
    the service with its reason, at the field, rather than hidden)."""
    return Organization.objects.order_by("name")


def _requests() -> QuerySet[JoinRequest]:
    return JoinRequest.objects.select_related(
        "sphere", "organization", "requested_by", "decided_by"
    )


def my_requests(*, user) -> QuerySet[JoinRequest]:
    return _requests().filter(requested_by_id=user.pk).order_by("-created_at", "-id")


def pending_requests(*, sphere: Initiative) -> QuerySet[JoinRequest]:
    return (
        _requests()
        .filter(sphere=sphere, status=JoinRequestStatus.PENDING)
        .order_by("created_at", "id")
    )


def decided_requests(*, sphere: Initiative) -> QuerySet[JoinRequest]:
    return (
        _requests()
        .filter(sphere=sphere)
        .exclude(status=JoinRequestStatus.PENDING)
        .order_by("-decided_at", "-id")
    )


def request_get_for_decider(*, user, sphere: Initiative, pk: int) -> JoinRequest:
    return _requests().get(sphere=sphere, pk=pk)


def requests_visible_to(*, user) -> QuerySet[JoinRequest]:
    """The API's: one's own requests, and those of the spheres one may decide in."""
    if not user.is_authenticated or not user.is_active:
        return JoinRequest.objects.none()
    if user.is_superuser:
        return _requests()
    deciding = Membership.objects.filter(
        user_id=user.pk,
        initiative__kind=InitiativeKind.SPHERE,
        role__in=roles_with(Action.DECIDE_JOIN_REQUESTS, InitiativeKind.SPHERE),
    ).values("initiative_id")
    return _requests().filter(Q(requested_by_id=user.pk) | Q(sphere_id__in=deciding))


@dataclass
class Members:
    current: list[Participation]
    former: list[Participation]


def _participations() -> QuerySet[Participation]:
    return Participation.objects.select_related(
        "organization", "initiative", "sphere_member__ceo"
    ).order_by("organization__name", "-joined_on", "id")


def member_list(*, sphere: Initiative) -> Members:
    """The sphere's member organizations with their CEO; former members apart, with their
    dates and reason (what they contributed stays, marked as from a former member)."""
    rows = list(_participations().filter(initiative=sphere))
    current_ids = {row.organization_id for row in rows if row.left_on is None}
    return Members(
        current=[row for row in rows if row.left_on is None],
        # An organization that left and came back is listed once, as a current member.
        former=[row for row in rows if row.left_on and row.organization_id not in current_ids],
    )


def member_get(*, sphere: Initiative, pk: int) -> Participation:
    return _participations().get(initiative=sphere, pk=pk)


def members_visible_to(*, user) -> QuerySet[Participation]:
    """The API's: the participations (current and former) of the spheres the user is in."""
    spheres = initiative_list_for_user(user=user).filter(kind=InitiativeKind.SPHERE)
    return _participations().filter(initiative__in=spheres)


def representatives_of(*, sphere: Initiative) -> QuerySet[Membership]:
    """Who speaks for each member organization (for the seat's choice of a representative)."""
    return (
        Membership.objects.filter(initiative=sphere, role=Role.PARTNER)
        .select_related("user", "organization")
        .order_by("organization__name", "user__email")
    )
