"""What every activity page needs: the initiative under the policy, the activity through the
scoped selector (another initiative's is a 404), the filters, the common context."""

from django.http import Http404, HttpRequest

from initiatives.views import initiative_or_404, require

from .. import permissions, selectors
from ..filters import ActivityFilterForm
from ..models import Activity


def readable_initiative(request: HttpRequest, slug: str):
    initiative = initiative_or_404(request, slug)
    require(permissions.can_view_activities(request.user, initiative))
    return initiative


def activity_or_404(initiative, pk: int) -> Activity:
    try:
        return selectors.activity_get(initiative=initiative, pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None


def filter_form(request: HttpRequest, initiative) -> ActivityFilterForm:
    return ActivityFilterForm(request.GET, initiative=initiative)


def fragment(request: HttpRequest, template: str, name: str) -> str:
    """The partial htmx asked for; the whole page otherwise (and to restore history)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{name}"
    return template


def page_context(request: HttpRequest, initiative, **extra) -> dict:
    return {
        "initiative": initiative,
        "can_add": permissions.can_add_activities(request.user, initiative),
        "can_manage_all": permissions.can_manage_all_activities(request.user, initiative),
        **extra,
    }
