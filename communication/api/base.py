"""What communication's endpoints share."""

from django.http import Http404

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative


def initiative_or_404(user, slug: str) -> Initiative:
    """The initiative named in a body, when the user is in it; else 404 (not a 400 that would
    tell an outsider the slug exists)."""
    try:
        return initiative_selectors.initiative_get_for_user(user=user, slug=slug)
    except Initiative.DoesNotExist:
        raise Http404 from None
