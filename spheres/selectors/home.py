"""The CEO's home: for each sphere where the reader represents a member organization, the
commitments waiting for the organization's answer, the next session, the charter, and what
changed since the reader's previous visit. A fixed number of queries per sphere (a CEO sits in
a few spheres), whatever the number of commitments, members, meetings and events."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from agenda.selectors.versions import agenda_for
from communication.models import Meeting, MeetingKind, MeetingStatus
from communication.selectors.feed import event_list_for_user
from communication.selectors.meetings import meeting_list_for_user
from initiatives.models import Initiative, InitiativeKind, Membership, Role

from ..models import (
    Commitment,
    CommitmentAnswer,
    CommitmentStatus,
    JoinRequest,
    JoinRequestStatus,
    SphereVisit,
)

RECENT = 10  # lines of "what changed" per sphere


@dataclass
class Changes:
    since: datetime | None
    events: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    members: list = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.events or self.commitments or self.members)


@dataclass
class SphereHome:
    sphere: Initiative
    membership: Membership
    waiting: list[Commitment]
    next_session: Meeting | None
    charter: object  # the adopted agenda version, or None
    changes: Changes


def partner_memberships(*, user) -> list[Membership]:
    """The reader's places as a member's representative in a sphere."""
    return list(
        Membership.objects.filter(
            user_id=user.pk, role=Role.PARTNER, initiative__kind=InitiativeKind.SPHERE
        )
        .select_related("initiative", "organization")
        .order_by("initiative__name")
    )


def waiting_commitments(*, sphere: Initiative, organization_id: int) -> list[Commitment]:
    """Open commitments that the organization has not answered yet."""
    answered = CommitmentAnswer.objects.filter(
        commitment=OuterRef("pk"), organization_id=organization_id
    )
    return list(
        Commitment.objects.filter(sphere=sphere, status=CommitmentStatus.OPEN)
        .exclude(Exists(answered))
        .select_related("goal")
        .order_by("review_on", "id")
    )


def next_session(*, user, sphere: Initiative) -> Meeting | None:
    """The soonest upcoming sphere session the reader sees (communication's own rule)."""
    return (
        meeting_list_for_user(user=user, initiative=sphere)
        .filter(
            kind=MeetingKind.SPHERE_SESSION,
            ends_at__gte=timezone.now(),
            status=MeetingStatus.SCHEDULED,
        )
        .first()
    )


def changes_since(*, user, sphere: Initiative, since: datetime | None) -> Changes:
    if since is None:
        return Changes(since=None)  # a first visit: everything is new, nothing to compare
    events = list(
        event_list_for_user(user=user, initiative=sphere).filter(occurred_at__gt=since)[:RECENT]
    )
    commitments = list(
        Commitment.objects.filter(sphere=sphere, created_at__gt=since).order_by("-created_at")[
            :RECENT
        ]
    )
    members = list(
        JoinRequest.objects.filter(
            sphere=sphere, status=JoinRequestStatus.ACCEPTED, decided_at__gt=since
        )
        .select_related("organization")
        .order_by("-decided_at")[:RECENT]
    )
    return Changes(since=since, events=events, commitments=commitments, members=members)


def ceo_home(*, user) -> list[SphereHome]:
    """The reader's spheres as their home shows them, with what changed since the visit last
    recorded (spheres.services.membership.home_visit_record)."""
    memberships = partner_memberships(user=user)
    visits = dict(
        SphereVisit.objects.filter(
            user_id=user.pk, sphere_id__in=[m.initiative_id for m in memberships]
        ).values_list("sphere_id", "seen_at")
    )
    homes = []
    for membership in memberships:
        sphere = membership.initiative
        homes.append(
            SphereHome(
                sphere=sphere,
                membership=membership,
                waiting=waiting_commitments(
                    sphere=sphere, organization_id=membership.organization_id
                ),
                next_session=next_session(user=user, sphere=sphere),
                charter=agenda_for(initiative=sphere).adopted,
                changes=changes_since(user=user, sphere=sphere, since=visits.get(sphere.pk)),
            )
        )
    return homes


# --- the integrated model ----------------------------------------------------------------


@dataclass
class ParentFigure:
    indicator: object
    latest: object  # the latest rollup point (approved values only), or None


def parent_figures(*, sphere: Initiative) -> list[ParentFigure]:
    """The parent's shared figures: each active indicator with its latest rollup (approved
    values only, through measurement's trends, as the dashboard reads them). Never a raw
    value of one organization."""
    from measurement.selectors.dashboard import dashboard_indicators, indicator_cards

    if sphere.parent_id is None:
        return []
    indicators = dashboard_indicators(initiative=sphere.parent)
    cards = indicator_cards(indicators=indicators, period=None, category_id=None)
    return [ParentFigure(card.indicator, card.latest) for card in cards]


@dataclass
class ChildSphere:
    sphere: Initiative
    member_count: int
    seat: object  # ParentSeat or None
    readable: bool


def spheres_in(*, user, parent: Initiative) -> list[ChildSphere]:
    """The spheres inside `parent`, with their member count and seated representative; a
    sphere is linked only for those who may view it. Three queries."""
    from django.db.models import Count, Q

    from initiatives.permissions import Action, role_actions

    spheres = list(
        Initiative.objects.filter(parent=parent, kind=InitiativeKind.SPHERE)
        .annotate(
            member_count=Count("participations", filter=Q(participations__left_on__isnull=True))
        )
        .select_related("parent_seat__organization", "parent_seat__representative")
        .order_by("name")
    )
    if not spheres:
        return []
    roles = dict(
        Membership.objects.filter(
            user_id=user.pk, initiative_id__in=[s.pk for s in spheres]
        ).values_list("initiative_id", "role")
    )
    rows = []
    for sphere in spheres:
        readable = user.is_superuser or Action.VIEW_INITIATIVE in role_actions(
            roles.get(sphere.pk), sphere.kind
        )
        seat = getattr(sphere, "parent_seat", None)
        rows.append(ChildSphere(sphere, sphere.member_count, seat, readable))
    return rows
