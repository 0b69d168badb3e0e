"""The learning community's policy. The community is not one initiative's, so its rules are
asked here rather than through an initiative's role table; they read the same memberships.

- View the community (cohorts, profiles, the library, learning sessions' list): cohort
  members, facilitators (a facilitator membership anywhere) and superusers.
- Manage it (cohorts, their members, the library): facilitators and superusers.
- Opt in (create one's profile) and out: whoever leads an initiative or a sphere (backbone
  staff, a facilitator, a partner representative in a sphere).
- Contact details: to the person, to members of a cohort the person is in, to managers.
"""

from enum import StrEnum

from django.db.models import Q

from initiatives.models import InitiativeKind, Membership, Role, User

from .models import CohortMember, LeaderProfile


class CommunityAction(StrEnum):
    VIEW = "view_community"
    MANAGE = "manage_community"  # cohorts, their members, the library
    OPT_IN = "opt_in_community"  # create, change and remove one's own profile


# The memberships that make someone a leader of an initiative or a sphere.
LEADER_MEMBERSHIPS = Q(role__in=[Role.BACKBONE_STAFF, Role.FACILITATOR]) | Q(
    role=Role.PARTNER, initiative__kind=InitiativeKind.SPHERE
)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _cached(user, key: str, compute):
    cache = user.__dict__.setdefault("_community_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def is_facilitator(user) -> bool:
    return _active(user) and _cached(
        user,
        "facilitator",
        lambda: Membership.objects.filter(user=user, role=Role.FACILITATOR).exists(),
    )


def is_leader(user) -> bool:
    """Leads an initiative or a sphere (may opt in)."""
    return _active(user) and _cached(
        user,
        "leader",
        lambda: Membership.objects.filter(LEADER_MEMBERSHIPS, user=user).exists(),
    )


def is_cohort_member(user) -> bool:
    return _active(user) and _cached(
        user,
        "member",
        lambda: CohortMember.objects.filter(profile__user=user).exists(),
    )


def has_profile(user) -> bool:
    return _active(user) and _cached(
        user, "profile", lambda: LeaderProfile.objects.filter(user=user).exists()
    )


def can_manage_community(user) -> bool:
    return _active(user) and (user.is_superuser or is_facilitator(user))


def can_view_community(user) -> bool:
    return can_manage_community(user) or is_cohort_member(user)


def can_opt_in(user) -> bool:
    """Create or change one's profile: a leader, or someone who already has one (a profile
    stays theirs to change or remove after they stop leading)."""
    return is_leader(user) or has_profile(user)


def can(user, action: CommunityAction) -> bool:
    if action == CommunityAction.MANAGE:
        return can_manage_community(user)
    if action == CommunityAction.VIEW:
        return can_view_community(user)
    if action == CommunityAction.OPT_IN:
        return can_opt_in(user)
    return False


def may_see_community_link(user) -> bool:
    """The navigation's link: for viewers and for those who may opt in, in one query (a
    superuser in none)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    leader = Q(pk__in=Membership.objects.filter(LEADER_MEMBERSHIPS).values("user_id"))
    return _cached(
        user,
        "link",
        lambda: User.objects.filter(leader | Q(leader_profile__isnull=False), pk=user.pk).exists(),
    )


def contact_profile_ids(user) -> set[int] | None:
    """The profiles whose contact details `user` may see: None means every profile (managers);
    otherwise their own and those of the members of their cohorts."""
    if can_manage_community(user):
        return None
    if not _active(user):
        return set()

    def compute():
        mine = CohortMember.objects.filter(profile__user=user).values("cohort_id")
        shared = CohortMember.objects.filter(cohort__in=mine).values_list("profile_id", flat=True)
        own = LeaderProfile.objects.filter(user=user).values_list("pk", flat=True)
        return set(shared) | set(own)

    return _cached(user, "contacts", compute)


def may_see_contacts(user, profile) -> bool:
    allowed = contact_profile_ids(user)
    return allowed is None or profile.pk in allowed
