"""Pages: the phases (the checklist of each phase with the initiative's checks, the share
done, the history of phase changes) and the two writes (check an item, change the phase).
Any member of the initiative reads; those who manage the backbone write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..forms.phases import PhaseChangeForm, PhaseCheckForm
from ..models import PhaseItem
from ..selectors import phases as selectors
from ..services import phases as services
from . import BASE


def _readable(request: HttpRequest, slug: str):
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    return initiative


def _service_error(form, error: ValidationError) -> None:
    """The service's ValidationError at the form's field of the same meaning."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.message_dict.items():
        name = form.service_fields.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def _page(request, initiative, *, bound_check=None, change_form=None, status=200):
    can_manage = can(request.user, Action.MANAGE_BACKBONE, initiative)
    blocks = selectors.phase_checklist(initiative=initiative)
    if can_manage:
        for block in blocks:
            for row in block.rows:
                for entry in row.entries:
                    if bound_check is not None and bound_check.prefix == f"item-{entry.item.pk}":
                        entry.form = bound_check
                    else:
                        entry.form = PhaseCheckForm.for_item(entry.item, entry.check)
    context = {
        "initiative": initiative,
        "blocks": blocks,
        "history": selectors.phase_history(initiative=initiative),
        "can_manage": can_manage,
        "change_form": change_form or PhaseChangeForm(),
    }
    return render(request, "backbone/phases.html", context, status=status)


@login_required
@require_GET
def phases(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _readable(request, slug))


@login_required
@require_POST
def phase_check(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    initiative = _readable(request, slug)
    require(can(request.user, Action.MANAGE_BACKBONE, initiative))
    try:
        phase_item = PhaseItem.objects.get(pk=item)
    except PhaseItem.DoesNotExist:
        raise Http404 from None
    form = PhaseCheckForm.for_item(phase_item, data=request.POST)
    if form.is_valid():
        try:
            services.phase_check(
                initiative=initiative,
                item=phase_item,
                done=form.cleaned_data["done"],
                evidence=form.cleaned_data["evidence"],
                evidence_url=form.cleaned_data["link"],
                by=request.user,
            )
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("The checklist was saved."))
            return redirect("backbone:phases", slug=slug)
    return _page(request, initiative, bound_check=form, status=400)


@login_required
@require_POST
def phase_change(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _readable(request, slug)
    require(can(request.user, Action.MANAGE_BACKBONE, initiative))
    form = PhaseChangeForm(data=request.POST)
    if form.is_valid():
        try:
            services.phase_change(
                initiative=initiative,
                to_phase=form.cleaned_data["phase"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            _service_error(form, error)
        else:
            messages.success(request, _("The initiative's phase was changed."))
            return redirect("backbone:phases", slug=slug)
    return _page(request, initiative, change_form=form, status=400)


urlpatterns = [
    path(BASE + "phases/", phases, name="phases"),
    path(BASE + "phases/items/<int:item>/check/", phase_check, name="phase_check"),
    path(BASE + "phases/change/", phase_change, name="phase_change"),
]
