"""A leader opts in to the learning community (their profile), changes it, and opts out
(the profile and their places in cohorts go; what they added to the library stays)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives.models import Organization, User

from ..models import LeaderProfile
from ..permissions import CommunityAction
from ._common import require, text

PROFILE_FIELDS = (
    "organization",
    "role_title",
    "expertise",
    "languages",
    "contact_email",
    "contact_phone",
    "bio",
)
BIO_MAX = 1000
EXPERTISE_MAX = 1000
ALREADY_OPTED_IN = _("You have already opted in; change your profile instead.")


def _apply(profile: LeaderProfile, fields: dict) -> None:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "organization":
            if value is not None and not isinstance(value, Organization):
                raise ValidationError({"organization": _("Choose an organization.")})
            profile.organization = value
        elif name == "languages":
            profile.languages = list(value or [])
        elif name == "role_title":
            profile.role_title = text(value, name, max_length=200, one_line=True)
        elif name == "contact_phone":
            profile.contact_phone = text(value, name, max_length=30, one_line=True)
        elif name == "contact_email":
            profile.contact_email = text(value, name, max_length=254, one_line=True)
        elif name == "bio":
            profile.bio = text(value, name, max_length=BIO_MAX)
        else:
            profile.expertise = text(value, name, max_length=EXPERTISE_MAX)


@transaction.atomic
def profile_opt_in(*, user: User, **fields) -> LeaderProfile:
    """Create the user's profile (a leader of an initiative or a sphere). The contact email
    is the user's own unless they give another."""
    require(user, CommunityAction.OPT_IN)
    if LeaderProfile.objects.filter(user=user).exists():
        raise ValidationError(ALREADY_OPTED_IN)
    profile = LeaderProfile(user=user)
    _apply(profile, fields)
    if not profile.contact_email:
        profile.contact_email = user.email
    profile.full_clean(exclude=["user"])
    profile.save()
    user.__dict__.pop("_community_cache", None)
    return profile


@transaction.atomic
def profile_update(*, profile: LeaderProfile, by: User, **fields) -> LeaderProfile:
    """Change one's own profile (a manager may not speak for a leader)."""
    if profile.user_id != by.pk:
        raise PermissionDenied
    profile = LeaderProfile.objects.select_for_update().get(pk=profile.pk)
    _apply(profile, fields)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


@transaction.atomic
def profile_opt_out(*, profile: LeaderProfile, by: User) -> None:
    """Remove one's profile and one's places in cohorts."""
    if profile.user_id != by.pk:
        raise PermissionDenied
    profile.delete()
    by.__dict__.pop("_community_cache", None)
