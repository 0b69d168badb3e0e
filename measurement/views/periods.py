"""The reporting periods page: generate, settings, state by hand, late-submission grants."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import initiative_or_404, require
from sheatufim.forms_text import CleanTextMixin

from .. import permissions, selectors, services
from ..forms import (
    LateGrantForm,
    PeriodsGenerateForm,
    SettingsForm,
)
from ..models import (
    PeriodState,
)
from .base import (
    errors_as_messages,
    managed_initiative,
    page_context,
    period_or_404,
)


class PeriodStateForm(CleanTextMixin, forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=PeriodState.choices,
        error_messages={"invalid_choice": gettext_lazy("Unknown period state.")},
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    can_manage = permissions.can_manage_measurement(request.user, initiative)
    settings = services.settings_for(initiative) if can_manage else None
    generate_form = PeriodsGenerateForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if generate_form.is_valid():
            try:
                periods = services.periods_generate(
                    initiative=initiative, **generate_form.cleaned_data
                )
            except ValidationError as error:
                add_service_error(generate_form, error)
            else:
                services.periods_advance()
                messages.success(
                    request, _("%(count)s periods are ready.") % {"count": len(periods)}
                )
                return redirect("measurement:period_list", slug=slug)
    status = 400 if generate_form is not None and generate_form.errors else 200
    settings_form = SettingsForm(instance=settings) if settings else None
    return _page(request, initiative, can_manage, generate_form, settings_form, status)


def _page(request, initiative, can_manage, generate_form, settings_form, status) -> HttpResponse:
    context = page_context(
        request,
        initiative,
        periods=selectors.period_list(initiative=initiative),
        generate_form=generate_form,
        settings_form=settings_form,
        grant_form=(
            LateGrantForm(organizations=selectors.participants(initiative=initiative))
            if can_manage
            else None
        ),
        states=PeriodState.choices,
    )
    return render(request, "measurement/period_list.html", context, status=status)


@login_required
@require_POST
def settings_save(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    form = SettingsForm(request.POST, instance=services.settings_for(initiative))
    if not form.is_valid():
        # The page again with each message at its field (a threshold of 0 or 120…), nothing saved.
        return _page(request, initiative, True, PeriodsGenerateForm(), form, status=400)
    form.save()
    messages.success(request, _("The reporting settings were saved."))
    return redirect("measurement:period_list", slug=slug)


@login_required
@require_POST
def period_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    period = period_or_404(initiative, pk)
    form = PeriodStateForm(request.POST)
    if not form.is_valid():
        errors_as_messages(request, form)
    else:
        period = services.period_set_state(period=period, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(period)s is now %(state)s.")
            % {"period": period, "state": period.get_state_display().lower()},
        )
    return redirect("measurement:period_list", slug=slug)


@login_required
@require_POST
def late_grant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    period = period_or_404(initiative, pk)
    form = LateGrantForm(request.POST, organizations=selectors.participants(initiative=initiative))
    if form.is_valid():
        services.late_grant_save(period=period, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(organization)s may report for %(period)s until %(until)s.")
            % {
                "organization": form.cleaned_data["organization"],
                "period": period,
                "until": form.cleaned_data["until"],
            },
        )
    else:
        errors_as_messages(request, form)
    return redirect("measurement:period_list", slug=slug)
