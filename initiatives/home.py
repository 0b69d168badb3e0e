"""Where `/` sends each user: the page that answers their weekly question.

Only URL names of other apps are used here (no imports), so initiatives still depends on nothing.
"""

from django.urls import reverse

from .models import Role

# The page of a backbone staff member or a viewer who is in exactly one initiative.
SINGLE_INITIATIVE_PAGE = "measurement:dashboard"


def home_url_for(user) -> str:
    """Facilitators and superusers: the portfolio. One initiative: as partner, the partner home;
    as backbone staff or viewer, SINGLE_INITIATIVE_PAGE. Otherwise the list of my initiatives."""
    if user.is_superuser:
        return reverse("measurement:portfolio")
    memberships = list(user.memberships.values_list("role", "initiative__slug"))
    if any(role == Role.FACILITATOR for role, _slug in memberships):
        return reverse("measurement:portfolio")
    if len(memberships) == 1:
        role, slug = memberships[0]
        if role == Role.PARTNER:
            return reverse("measurement:partner_home", args=[slug])
        return reverse(SINGLE_INITIATIVE_PAGE, args=[slug])
    return reverse("initiatives:my_initiatives")
