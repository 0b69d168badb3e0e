"""Pages of indicators: list, reference sheet, edit, breakdowns, targets."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import initiative_or_404

from .. import permissions, selectors, services, signals
from ..forms import (
    DimensionForm,
    IndicatorForm,
)
from ..models import Indicator
from ..provisional import rollup_is_provisional
from ..selectors.contributions import contribution_breakdown, contribution_target
from ..selectors.trends import trends
from ..selectors.yearly import yearly_figures
from .base import (
    errors_as_messages,
    indicator_or_404,
    managed_initiative,
    page_context,
)


@login_required
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    indicators = list(selectors.indicator_list(initiative=initiative))
    latest = selectors.latest_rollups(indicators=indicators)
    for indicator in indicators:
        indicator.latest = latest.get(indicator.pk)
    context = page_context(
        request,
        initiative,
        indicators=indicators,
        periods=selectors.period_list(initiative=initiative),
        can_export_submissions=permissions.can_export_submissions(request.user, initiative),
    )
    return render(request, "measurement/indicator_list.html", context)


@login_required
def indicators_by_year(request: HttpRequest, slug: str) -> HttpResponse:
    """Every indicator's figure of each calendar year, by its time rule: one table for a
    board's yearly view (the selector's one query, whatever the number of indicators)."""
    initiative = initiative_or_404(request, slug)
    indicators = list(
        Indicator.objects.filter(initiative=initiative, is_active=True).order_by("code")
    )
    found = yearly_figures(indicators=indicators)
    years = sorted({row.year for rows in found.values() for row in rows})
    rows = []
    for indicator in indicators:
        by_year = {row.year: row for row in found.get(indicator.pk, [])}
        rows.append({"indicator": indicator, "cells": [by_year.get(year) for year in years]})
    context = page_context(request, initiative, years=years, rows=rows)
    return render(request, "measurement/indicators_by_year.html", context)


@login_required
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    return _indicator_page(request, initiative, indicator_or_404(initiative, pk))


def _indicator_page(
    request, initiative, indicator, *, typed=None, errors=None, years_typed=None, status=200
):
    """The reference sheet; after a refused save of targets, with what was typed and each
    error at its period's (or year's) field (nothing of that save was kept)."""
    values = None
    if permissions.can_view_all_values(request.user, initiative):
        values = Paginator(selectors.approved_values(indicator=indicator), 100).get_page(
            request.GET.get("page")
        )
    table = selectors.indicator_rollups(indicator=indicator)
    year_errors = None
    if years_typed is not None:  # the refused save was of the yearly targets
        typed, errors, year_errors = None, None, errors
    threshold = selectors.initiative_threshold(initiative=initiative)
    for row in table["rows"]:
        row["typed"] = (typed or {}).get(row["period"].pk)
        row["error"] = (errors or {}).get(row["period"].pk)
        row["provisional"] = row["rollup"] is not None and rollup_is_provisional(
            row["rollup"], threshold=threshold, locked=row["period"].is_locked
        )
    # Who is working on this curve: what the apps above measurement answer (activities).
    curve = signals.curve_work(
        user=request.user, initiative=initiative, indicator_ids=[indicator.pk], detail=True
    )
    context = page_context(
        request,
        initiative,
        indicator=indicator,
        curve_known=curve is not None,
        work=(curve or {}).get(indicator.pk),
        table=table,
        # The window of the dashboard and the homes, so that the verdict is the same everywhere.
        trend=trends(indicators=[indicator], upto=timezone.localdate())[indicator.pk],
        values=values,
        assigned=indicator.organizations.order_by("name"),
        targets_refused=bool(errors),
        years=_years(indicator, years_typed, year_errors),
        **_contributions_context(request, indicator, table),
    )
    return render(request, "measurement/indicator_detail.html", context, status=status)


def _contributions_context(request, indicator, table) -> dict:
    """Initiatives inside initiatives: what the child initiatives add to this indicator, and
    what this indicator adds to (see selectors/contributions.py)."""
    periods = [row["period"] for row in table["rows"]]
    return {
        "contributions": contribution_breakdown(
            indicator=indicator, periods=periods, user=request.user
        ),
        "adds_to": contribution_target(indicator=indicator, user=request.user),
    }


@login_required
def indicator_years(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The indicator's figures by calendar year on a page of their own (the By year section of
    the indicator page; an htmx request gets the section alone)."""
    initiative = initiative_or_404(request, slug)
    indicator = indicator_or_404(initiative, pk)
    context = page_context(
        request,
        initiative,
        indicator=indicator,
        years=_years(indicator, None, None),
        standalone=not request.htmx,
    )
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "measurement/_yearly_table.html", context)
    return render(request, "measurement/indicator_years.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    indicator = indicator_or_404(initiative, pk) if pk else Indicator(initiative=initiative)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        initiative=initiative,
        organizations=selectors.participants(initiative=initiative),
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_save(
                indicator=form.instance,
                organizations=form.cleaned_data["organizations"],
                dimensions=form.cleaned_data["dimensions"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The indicator %(code)s was saved.") % {"code": indicator.code}
            )
            return redirect("measurement:indicator_detail", slug=slug, pk=indicator.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "measurement/indicator_form.html",
        page_context(
            request, initiative, form=form, indicator=indicator, dimension_form=DimensionForm()
        ),
        status=status,
    )


@login_required
@require_POST
def dimension_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    form = DimensionForm(request.POST)
    if form.is_valid():
        try:
            dimension = services.dimension_create(initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The breakdown %(name)s was added.") % {"name": dimension.name}
            )
            return redirect("measurement:indicator_create", slug=slug)
    errors_as_messages(request, form)
    return redirect("measurement:indicator_create", slug=slug)


@login_required
@require_POST
def targets_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    indicator = indicator_or_404(initiative, pk)
    targets, typed, errors = {}, {}, {}
    for key, raw in request.POST.items():
        if not key.startswith("target_"):
            continue
        try:
            period_id = int(key.removeprefix("target_"))
        except ValueError:
            continue  # not a field of the page
        typed[period_id] = raw
        try:
            value = Decimal(raw) if raw.strip() else None
            if value is not None and (not value.is_finite() or abs(value) >= Decimal("1e14")):
                raise InvalidOperation
        except InvalidOperation:
            errors[period_id] = _("Enter a number.")
            continue
        targets[period_id] = value
    if not errors:
        try:
            services.targets_save(indicator=indicator, targets=targets)
        except ValidationError as error:
            errors = {
                int(key.removeprefix("target_")): " ".join(messages_of)
                for key, messages_of in error.message_dict.items()
            }
        else:
            messages.success(request, _("The targets were saved."))
            return redirect("measurement:indicator_detail", slug=slug, pk=pk)
    return _indicator_page(request, initiative, indicator, typed=typed, errors=errors, status=400)


def _years(indicator, typed, errors) -> dict | None:
    """The "By year" table of an indicator reported more often than yearly: each year's
    figure by the time rule, with what was typed and the errors after a refused save."""
    if indicator.frequency == "yearly":
        return None
    rows = yearly_figures(indicators=[indicator]).get(indicator.pk, [])
    for row in rows:
        row.typed = (typed or {}).get(row.year)
        row.error = (errors or {}).get(row.year)
    return {"rows": rows, "refused": bool(errors)}


def _typed_numbers(post, prefix: str) -> tuple[dict, dict, dict]:
    """The numbers typed in fields named <prefix><key>: values, as typed, and errors."""
    numbers, typed, errors = {}, {}, {}
    for key, raw in post.items():
        if not key.startswith(prefix):
            continue
        try:
            name = int(key.removeprefix(prefix))
        except ValueError:
            continue  # not a field of the page
        typed[name] = raw
        try:
            value = Decimal(raw) if raw.strip() else None
            if value is not None and (not value.is_finite() or abs(value) >= Decimal("1e14")):
                raise InvalidOperation
        except InvalidOperation:
            errors[name] = _("Enter a number.")
            continue
        numbers[name] = value
    return numbers, typed, errors


@login_required
@require_POST
def year_targets_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    indicator = indicator_or_404(initiative, pk)
    targets, typed, errors = _typed_numbers(request.POST, "year_target_")
    if not errors:
        try:
            services.year_targets_save(indicator=indicator, targets=targets)
        except ValidationError as error:
            errors = {
                int(key.removeprefix("year_target_")): " ".join(messages_of)
                for key, messages_of in error.message_dict.items()
            }
        else:
            messages.success(request, _("The yearly targets were saved."))
            return redirect("measurement:indicator_detail", slug=slug, pk=pk)
    return _indicator_page(
        request, initiative, indicator, years_typed=typed, errors=errors, status=400
    )
