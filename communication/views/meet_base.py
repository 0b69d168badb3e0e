"""What every meeting and working group page needs: the initiative (another initiative's is a
404), the meeting or group through a scoped selector, the form choices read once."""

from django.http import Http404, HttpRequest

from agenda.models import Goal, Strategy
from initiatives.views import initiative_or_404, require
from measurement.models import Indicator

from .. import permissions
from ..models import Meeting, WorkingGroup
from ..selectors import meetings as selectors


def readable_initiative(request: HttpRequest, slug: str):
    initiative = initiative_or_404(request, slug)
    require(permissions.can_view_communication(request.user, initiative))
    return initiative


def meeting_or_404(request: HttpRequest, initiative, pk: int) -> Meeting:
    try:
        return selectors.meeting_get_for_user(user=request.user, initiative=initiative, pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def group_or_404(initiative, pk: int) -> WorkingGroup:
    try:
        return selectors.group_get(initiative=initiative, pk=pk)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None


def agenda_choices(initiative) -> dict:
    """The goals, strategies and indicators of the initiative, as the forms offer them."""
    return {
        "goals": list(
            Goal.objects.filter(initiative=initiative, retired=False).order_by("order", "id")
        ),
        "strategies": list(
            Strategy.objects.filter(goal__initiative=initiative, retired=False, goal__retired=False)
            .select_related("goal")
            .order_by("goal__order", "goal_id", "order", "id")
        ),
    }


def indicator_choices(initiative) -> list:
    return list(Indicator.objects.filter(initiative=initiative).order_by("code"))


def people(initiative) -> list:
    return list(selectors.people_of(initiative=initiative))
