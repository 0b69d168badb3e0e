"""What every agenda page needs: the initiative under the policy, its versions, the context."""

from django.http import Http404

from initiatives.views import initiative_or_404, require

from .. import permissions, selectors
from ..models import AgendaVersion, Goal, Strategy


def readable_initiative(request, slug):
    initiative = initiative_or_404(request, slug)
    require(permissions.can_view_agenda(request.user, initiative))
    return initiative


def managed_initiative(request, slug):
    """The initiative, if the user manages its agenda (else 404 or 403)."""
    initiative = initiative_or_404(request, slug)
    require(permissions.can_manage_agenda(request.user, initiative))
    return initiative


def version_or_404(initiative, number) -> AgendaVersion:
    try:
        return selectors.version_get(initiative=initiative, number=number)
    except AgendaVersion.DoesNotExist:
        raise Http404 from None


def goal_or_404(initiative, pk) -> Goal:
    goal = Goal.objects.filter(pk=pk, initiative=initiative).select_related("initiative").first()
    if goal is None:
        raise Http404
    return goal


def strategy_or_404(initiative, pk) -> Strategy:
    strategy = (
        Strategy.objects.filter(pk=pk, goal__initiative=initiative)
        .select_related("goal__initiative")
        .first()
    )
    if strategy is None:
        raise Http404
    return strategy


def page_context(request, initiative, **extra) -> dict:
    return {
        "initiative": initiative,
        "can_manage_agenda": permissions.can_manage_agenda(request.user, initiative),
        **extra,
    }
