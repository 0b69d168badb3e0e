"""Pages: tie one of the backbone's indicators to the function it measures, or untie it.
The indicators are listed on the workplan page (workplan.indicators_context)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.forms import add_service_error
from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..forms.function_indicators import FunctionIndicatorForm
from ..models import BackboneFunction, FunctionIndicator
from ..selectors.function_indicators import function_indicators, untied_backbone_indicators
from ..services import function_indicators as services
from . import BASE


def indicators_context(request, initiative) -> dict:
    """What the workplan page shows of the backbone's indicators, and the form for managers."""
    found = function_indicators(initiative=initiative)
    can_manage = can(request.user, Action.MANAGE_BACKBONE, initiative)
    form = None
    if can_manage and untied_backbone_indicators(initiative=initiative).exists():
        form = FunctionIndicatorForm(initiative=initiative)
    return {
        "function_indicators": [
            (value, label, found.get(value, [])) for value, label in BackboneFunction.choices
        ],
        "function_indicator_count": sum(len(items) for items in found.values()),
        "function_indicator_form": form,
        "can_manage_indicators": can(request.user, Action.MANAGE_MEASUREMENT, initiative),
    }


def _managed(request, slug):
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    require(can(request.user, Action.MANAGE_BACKBONE, initiative))
    return initiative


def _back(initiative) -> str:
    return reverse("backbone:workplan", args=[initiative.slug]) + "#indicators"


@login_required
@require_POST
def function_indicator_add(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed(request, slug)
    form = FunctionIndicatorForm(initiative=initiative, data=request.POST)
    if form.is_valid():
        try:
            services.function_indicator_set(
                indicator=form.cleaned_data["indicator"],
                function=form.cleaned_data["function"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The indicator now measures that function."))
            return redirect(_back(initiative))
    context = {
        "initiative": initiative,
        "form": form,
        "title": _("Measure a function with an indicator"),
        "back": _back(initiative),
    }
    return render(request, "backbone/workplan_form.html", context, status=400)


@login_required
@require_POST
def function_indicator_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    link = (
        FunctionIndicator.objects.select_related("indicator__initiative")
        .filter(pk=pk, indicator__initiative=initiative)
        .first()
    )
    if link is None:
        raise Http404
    services.function_indicator_remove(link=link, by=request.user)
    messages.success(request, _("The indicator no longer measures a function."))
    return redirect(_back(initiative))


urlpatterns = [
    path(BASE + "indicators/add/", function_indicator_add, name="function_indicator_add"),
    path(
        BASE + "indicators/<int:pk>/remove/",
        function_indicator_remove,
        name="function_indicator_remove",
    ),
]
