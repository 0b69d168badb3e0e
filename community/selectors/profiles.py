"""Leaders' profiles: who they are, what they lead (read from their memberships), and their
contact details only for those the policy lets see them."""

from collections import defaultdict

from django.db.models import QuerySet

from initiatives.models import Membership

from ..models import LeaderProfile
from ..permissions import LEADER_MEMBERSHIPS, contact_profile_ids


def profile_list() -> QuerySet:
    return LeaderProfile.objects.select_related("user", "organization")


def profile_of(user) -> LeaderProfile | None:
    if not user.is_authenticated:
        return None
    return profile_list().filter(user=user).first()


def led_initiatives(profiles) -> dict[int, list]:
    """By user id, the initiatives and spheres each leads, in one query."""
    users = {profile.user_id for profile in profiles}
    found: dict[int, list] = defaultdict(list)
    if not users:
        return found
    rows = (
        Membership.objects.filter(LEADER_MEMBERSHIPS, user_id__in=users)
        .select_related("initiative")
        .order_by("initiative__name")
    )
    for membership in rows:
        found[membership.user_id].append(membership.initiative)
    return found


def with_leadership(profiles, *, viewer) -> list[LeaderProfile]:
    """The profiles, each with `.leads` (initiatives) and `.shows_contacts` for `viewer`."""
    profiles = list(profiles)
    leads = led_initiatives(profiles)
    allowed = contact_profile_ids(viewer)
    for profile in profiles:
        profile.leads = leads.get(profile.user_id, [])
        profile.shows_contacts = allowed is None or profile.pk in allowed
    return profiles
