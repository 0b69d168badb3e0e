"""Where `/` sends each user: the page that answers their weekly question.

Only URL names of other apps are used here (no imports), so initiatives still depends on nothing.
"""

from django.urls import reverse

from .models import InitiativeKind, Role

# The page of a backbone staff member or a viewer who is in exactly one initiative.
SINGLE_INITIATIVE_PAGE = "measurement:dashboard"
# The CEO's home: a member's representative in an impact sphere.
SPHERE_MEMBER_PAGE = "spheres:home"


def home_url_for(user) -> str:
    """Facilitators and superusers: the portfolio. A member's representative in a sphere: the
    CEO's home. One initiative: as partner, the partner home;
    as backbone staff or viewer, SINGLE_INITIATIVE_PAGE. Otherwise the list of my initiatives."""
    if user.is_superuser:
        return reverse("measurement:portfolio")
    memberships = list(user.memberships.values_list("role", "initiative__slug", "initiative__kind"))
    if any(role == Role.FACILITATOR for role, _slug, _kind in memberships):
        return reverse("measurement:portfolio")
    if any(
        role == Role.PARTNER and kind == InitiativeKind.SPHERE for role, _slug, kind in memberships
    ):
        return reverse(SPHERE_MEMBER_PAGE)
    if len(memberships) == 1:
        role, slug, _kind = memberships[0]
        if role == Role.PARTNER:
            return reverse("measurement:partner_home", args=[slug])
        return reverse(SINGLE_INITIATIVE_PAGE, args=[slug])
    return reverse("initiatives:my_initiatives")
