"""Reads, always scoped to the user. Anything outside the user's initiatives does not exist."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from .models import (
    Initiative,
    InitiativeKind,
    Invitation,
    Membership,
    Organization,
    Participation,
    Sector,
)
from .permissions import Action, can_create_organization, roles_with


def initiative_list_for_user(*, user) -> QuerySet[Initiative]:
    """The initiatives the user is a member of (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Initiative.objects.none()
    queryset = Initiative.objects.all()
    if not user.is_superuser:
        queryset = queryset.filter(memberships__user=user)
    return queryset.select_related("backbone", "parent")


def initiative_list_with_roles_for_user(*, user) -> QuerySet[Initiative]:
    """My initiatives, with my membership and the number of active participants, in 2 queries."""
    return (
        initiative_list_for_user(user=user)
        .annotate(participant_count=participant_count())
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(user_id=user.pk).select_related("organization"),
                to_attr="my_memberships",
            )
        )
        .order_by("kind", "name")
    )


def initiative_get_for_user(*, user, slug: str) -> Initiative:
    """Raises Initiative.DoesNotExist when the user is not in it."""
    return initiative_list_for_user(user=user).get(slug=slug)


def participant_count() -> Count:
    """An initiative's active participants, counted as an annotation of initiatives."""
    return Count("participations", filter=Q(participations__left_on__isnull=True), distinct=True)


def participant_organizations(*, initiative: Initiative) -> QuerySet[Organization]:
    """The organizations taking part in the initiative now (an active participation), by name:
    the choices of every form and filter that names a participant."""
    active = Participation.objects.active().filter(initiative=initiative)
    return Organization.objects.filter(pk__in=active.values("organization_id")).order_by("name")


def participant_list(*, initiative: Initiative) -> QuerySet[Participation]:
    return (
        Participation.objects.active()
        .filter(initiative=initiative)
        .select_related("organization")
        .order_by("organization__sector", "organization__name")
    )


def participants_by_sector(*, initiative: Initiative) -> list[tuple[str, list[Participation]]]:
    """Active participants grouped by sector label, in the order of Sector."""
    groups: dict[str, list[Participation]] = {value: [] for value in Sector.values}
    for participation in participant_list(initiative=initiative):
        groups[participation.organization.sector].append(participation)
    return [(Sector(value).label, rows) for value, rows in groups.items() if rows]


def member_list(*, initiative: Initiative) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(initiative=initiative)
        .select_related("user", "organization")
        .order_by("role", "user__full_name", "user__email")
    )


def invitation_list_pending(*, initiative: Initiative) -> QuerySet[Invitation]:
    return (
        Invitation.objects.pending()
        .filter(initiative=initiative)
        .select_related("organization", "invited_by")
    )


def organization_list_for_user(
    *, user, search: str = "", sector: str = ""
) -> QuerySet[Organization]:
    """The directory as the user may see it.

    Those who register and add organizations (superusers, backbone staff, facilitators) see the
    whole directory; everyone else sees the organizations taking part in their initiatives.
    """
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    queryset = Organization.objects.all()
    if not can_create_organization(user):
        visible = Participation.objects.filter(
            organization=OuterRef("pk"), initiative__memberships__user=user
        )
        queryset = queryset.filter(Exists(visible))
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if sector:
        queryset = queryset.filter(sector=sector)
    return queryset.annotate(
        initiative_count=Count(
            "participations__initiative",
            filter=Q(
                participations__left_on__isnull=True,
                participations__initiative__in=initiative_list_for_user(user=user),
            ),
            distinct=True,
        )
    ).order_by("name")


def organization_get_for_user(*, user, pk: int) -> Organization:
    """Raises Organization.DoesNotExist when the user may not see the organization."""
    return organization_list_for_user(user=user).get(pk=pk)


def organization_participations_for_user(
    *, user, organization: Organization
) -> QuerySet[Participation]:
    """The organization's places in the initiatives the user can see."""
    return (
        Participation.objects.filter(
            organization=organization, initiative__in=initiative_list_for_user(user=user)
        )
        .select_related("initiative")
        .order_by("-joined_on")
    )


def organization_choices_for_participation(*, initiative: Initiative) -> QuerySet[Organization]:
    """Organizations a manager can add: not already active in the initiative."""
    active = Participation.objects.active().filter(initiative=initiative).values("organization_id")
    queryset = Organization.objects.exclude(pk__in=active)
    if initiative.is_sphere:
        queryset = queryset.filter(sector=Sector.NONPROFIT)
    return queryset.order_by("name")


def _descendant_ids(initiative: Initiative) -> set[int]:
    """The initiative's children, their children and so on, in one query (initiatives with a
    parent are few; a loop left by a concurrent change stops at the first repeat)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Initiative.objects.filter(parent__isnull=False).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    waiting = [initiative.pk]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return found


def parent_choices_for_user(*, user, initiative: Initiative) -> QuerySet[Initiative]:
    """The collective impact initiatives the user may place `initiative` inside: those whose
    management agrees, i.e. where the user holds the same right (any, for a superuser); never
    the initiative itself nor one of its descendants."""
    if not user.is_authenticated or not user.is_active:
        return Initiative.objects.none()
    queryset = Initiative.objects.filter(kind=InitiativeKind.COLLECTIVE_IMPACT).exclude(
        pk__in={initiative.pk, *_descendant_ids(initiative)}
    )
    if not user.is_superuser:
        roles = roles_with(Action.MANAGE_HIERARCHY, InitiativeKind.COLLECTIVE_IMPACT)
        queryset = queryset.filter(
            Exists(
                Membership.objects.filter(
                    initiative=OuterRef("pk"), user_id=user.pk, role__in=roles
                )
            )
        )
    return queryset.order_by("name")


def initiative_children_for_user(*, user, initiative: Initiative) -> list[Initiative]:
    """The initiatives running inside this one, by kind and name, each with `visible`: may the
    user open it (a member, or a superuser). The names are shown to every reader of the
    parent, whose figures they add to; the pages behind them only to their members."""
    member = Membership.objects.filter(initiative=OuterRef("pk"), user_id=user.pk)
    children = (
        Initiative.objects.filter(parent=initiative)
        .annotate(member=Exists(member))
        .order_by("kind", "name")
    )
    result = list(children)
    for child in result:
        child.visible = bool(user.is_superuser or child.member)
    return result


def initiative_is_visible_to(*, user, initiative_id: int | None) -> bool:
    """May the user open this initiative's pages (a member, or a superuser)?"""
    if initiative_id is None or not user.is_authenticated or not user.is_active:
        return False
    return initiative_list_for_user(user=user).filter(pk=initiative_id).exists()
