"""Data entry: a partner's (or staff's) reporting form, one indicator and period at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.forms import add_service_error
from initiatives.models import Organization
from initiatives.views import initiative_or_404, require
from sheatufim.ids import parse_id
from sheatufim.uploads import refuse_oversized

from .. import permissions, selectors, services
from ..forms import (
    ValuesForm,
)
from ..models import (
    Submission,
)
from .base import (
    indicator_or_404,
    page_context,
    period_or_404,
)


def _query_id(request, name: str, message: str, problems: list) -> int | None:
    """An id of the query string; one given but malformed is said (the page answers 400)."""
    raw = request.GET.get(name, "")
    number = parse_id(raw)
    if raw and number is None:
        problems.append(message)
    return number


def _reporting_organization(request, initiative, problems: list) -> Organization | None:
    """The partner's own organization; staff may choose any participant with ?organization=."""
    writable = permissions.writable_organizations(request.user, initiative)
    chosen = _query_id(
        request, "organization", _("The organization in the address is not an id."), problems
    ) or parse_id(request.POST.get("organization_id"))
    if chosen is not None:
        organization = selectors.participants(initiative=initiative).filter(pk=chosen).first()
        if organization and organization.pk in writable:
            return organization
        raise Http404
    if writable.ids:
        return Organization.objects.get(pk=min(writable.ids))
    return None


@login_required
def reporting_form(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    problems = []
    organization = _reporting_organization(request, initiative, problems)
    staff = permissions.can_submit_for_any(request.user, initiative)
    require(organization is not None or staff)
    period_id = _query_id(request, "period", _("The period in the address is not an id."), problems)
    periods, groups = [], []
    if organization is not None:
        periods, groups = selectors.reporting_rows(
            initiative=initiative, organization=organization, period_id=period_id
        )
        if period_id is not None and all(period.pk != period_id for period in periods):
            problems.append(_("That period is not open for reporting: an open one is shown."))
        for group in groups:
            for item in group["items"]:
                item["form"] = ValuesForm(
                    indicator=item["indicator"],
                    submission=item["submission"],
                    period_id=group["period"].pk,
                )
    context = page_context(
        request,
        initiative,
        organization=organization,
        groups=groups,
        open_periods=periods,
        organizations=selectors.participants(initiative=initiative) if staff else None,
    )
    for problem in problems:
        messages.error(request, problem)
    status = 400 if problems else 200
    return render(request, "measurement/reporting.html", context, status=status)


def _keep_entry(form: ValuesForm, *, version: int, period_id: int) -> ValuesForm:
    """The same entry, now based on the newer version: saving it again replaces that one."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    kept = ValuesForm(
        data, form.files, indicator=form.indicator, submission=None, period_id=period_id
    )
    kept.is_valid()
    return kept


@login_required
@require_POST
def reporting_save(
    request: HttpRequest, slug: str, indicator_pk: int, period_pk: int
) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    problems = []
    organization = _reporting_organization(request, initiative, problems)
    if problems:  # a malformed ?organization= names nobody to save for
        raise Http404
    require(organization is not None)
    indicator = indicator_or_404(initiative, indicator_pk)
    period = period_or_404(initiative, period_pk)
    submission = Submission.objects.filter(
        indicator=indicator, organization=organization, period=period
    ).first()
    form = ValuesForm(
        request.POST, request.FILES, indicator=indicator, submission=submission, period_id=period.pk
    )
    refuse_oversized(request, form)  # evidence above the cap: refused, not saved without it
    submit = request.POST.get("action") == "submit"
    saved = False
    if form.is_valid():
        try:
            submission, _changed = services.submission_save(
                user=request.user,
                indicator=indicator,
                organization=organization,
                period=period,
                values=form.values(),
                submit=submit,
                evidence=form.cleaned_data.get("evidence"),
                version=form.cleaned_data.get("version"),
            )
            saved = True
        except ValidationError as error:
            add_service_error(form, error)
        except services.VersionConflict as conflict:
            submission = conflict.submission
            form = _keep_entry(form, version=submission.version, period_id=period.pk)
            form.add_error(None, conflict.message)
    if saved:  # the form again, from what is stored now (its version included)
        submission = Submission.objects.prefetch_related("category_values").get(pk=submission.pk)
        form = ValuesForm(indicator=indicator, submission=submission, period_id=period.pk)
    earlier = selectors.last_approved_values(
        organization=organization, indicators=[indicator], period=period
    )
    item = {
        "indicator": indicator,
        "submission": submission,
        "last_approved": earlier.get(indicator.pk),
        "form": form,
        "saved": saved,
        "submitted": submit,
    }
    context = page_context(request, initiative, organization=organization, period=period, item=item)
    if not request.htmx:
        if saved:
            messages.success(request, _("Saved."))
            url = reverse("measurement:reporting", args=[slug])
            if permissions.can_submit_for_any(request.user, initiative):
                url += f"?organization={organization.pk}"
            return redirect(url)
        return render(request, "measurement/reporting_item_page.html", context, status=400)
    status = 200 if saved or not form.errors else 422
    return render(request, "measurement/reporting.html#item", context, status=status)
