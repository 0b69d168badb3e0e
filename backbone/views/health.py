"""Pages: condition health, the backbone's first page: the five conditions on one screen, each
with its status, its figures, its trend and where to act; then the ways into the workplan, the
assessments and the phases. For those who may see assessment results (the backbone staff and
the facilitator); other members are refused, others do not find the initiative."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..selectors.health import condition_health
from . import BASE


@login_required
@require_GET
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_ASSESSMENT_RESULTS, initiative))
    today = timezone.localdate()
    health = condition_health([initiative.pk], today=today)[initiative.pk]
    context = {
        "initiative": initiative,
        "health": health,
        "backbone": health["backbone"].figures,
        "can_manage": can(request.user, Action.MANAGE_BACKBONE, initiative),
    }
    return render(request, "backbone/health_overview.html", context)


urlpatterns = [
    path(BASE, overview, name="overview"),
]
