"""What every measurement page needs: the initiative under the policy, its objects, and
the common context."""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from .. import permissions
from ..models import (
    Indicator,
    ReportingPeriod,
)


def managed_initiative(request, slug):
    """The initiative, if the user manages its measurement (else 404 or 403)."""
    initiative = initiative_or_404(request, slug)
    require(permissions.can_manage_measurement(request.user, initiative))
    return initiative


def errors_as_messages(request, form) -> None:
    """For the small forms that redirect back: each error as a message, with its field."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def indicator_or_404(initiative, pk) -> Indicator:
    return get_object_or_404(Indicator, pk=pk, initiative=initiative)


def period_or_404(initiative, pk) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod, pk=pk, initiative=initiative)


def page_context(request, initiative, **extra) -> dict:
    return {
        "initiative": initiative,
        "can_manage": permissions.can_manage_measurement(request.user, initiative),
        "can_review": permissions.can_review(request.user, initiative),
        "can_open_partner_home": permissions.can_open_partner_home(request.user, initiative),
        "can_submit": permissions.can_submit_values(request.user, initiative),
        "can_view_completeness": permissions.can_view_completeness(request.user, initiative),
        # The tabs' "Backbone" opens condition health for those who may see it.
        "can_see_condition_health": can(request.user, Action.VIEW_ASSESSMENT_RESULTS, initiative),
        **extra,
    }
