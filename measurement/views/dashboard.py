"""The backbone dashboard: shared figures for every member, raw states for staff.

One view and one template serve the whole page and, for htmx, its fragments
(`dashboard.html#cards` when the filters change, `#heatmap` when the heatmap pages).
"""

import posixpath

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from initiatives.signals import home_panels
from initiatives.views import initiative_or_404, require

from .. import permissions, selectors, signals
from ..forms import DashboardFilterForm
from ..selectors import dashboard
from ..selectors.yearly import yearly_cards
from .base import page_context

TEMPLATE = "measurement/dashboard.html"


def _template(request: HttpRequest) -> str:
    """The fragment htmx asked for; the whole page otherwise (and to restore history)."""
    if not request.htmx or request.htmx.history_restore_request:
        return TEMPLATE
    return TEMPLATE + ("#heatmap" if request.htmx.target == "heatmap" else "#cards")


class DashboardForm(DashboardFilterForm):
    """The filters, and the switch between the period figures and the yearly ones."""

    view = forms.ChoiceField(
        label=_("Figures"),
        choices=[("periods", _("Periods")), ("years", _("Years"))],
        required=False,
    )


def _relative(url: str, base: str) -> str:
    """`url` (a path ending in /) relative to the page at `base` (a path ending in /)."""
    return posixpath.relpath(url, base) + "/"


@login_required
@vary_on_headers("HX-Request", "HX-Target")
def dashboard_page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    sees_states = permissions.can_view_all_values(request.user, initiative)
    periods = list(selectors.period_list(initiative=initiative))
    current = selectors.current_period(periods)
    form = DashboardForm(
        request.GET,
        periods=periods,
        categories=dashboard.dashboard_categories(initiative=initiative),
        current=current,
    )
    template = _template(request)
    # The heatmap shows single organizations' states: its fragment follows the same policy.
    require(sees_states or not template.endswith("#heatmap"))
    if not form.is_valid():
        # A hand-edited address: the page with the message at the field, never a 500.
        status = 422 if template != TEMPLATE else 400
        context = page_context(
            request, initiative, form=form, invalid=True, sees_states=sees_states
        )
        return render(request, template, context, status=status)
    period = form.chosen_period(current)
    category = form.chosen_category()
    indicators = dashboard.dashboard_indicators(initiative=initiative)
    context = page_context(
        request,
        initiative,
        form=form,
        period=period,
        current=current,
        category=category,
        sees_states=sees_states,
        heatmap=(
            dashboard.heatmap(
                period=period, indicators=indicators, page=form.cleaned_data["page"] or 1
            )
            if sees_states and period
            else None
        ),
        cell_states=dashboard.CELL_STATES,
        review_url=reverse("measurement:review_queue", args=[slug]),
        # The heatmap's thousands of links are relative to this page (a third of their size).
        cell_url=_relative(reverse("measurement:review_queue", args=[slug]), request.path),
    )
    if template.endswith("#heatmap"):
        return push_url(render(request, template, context), request.get_full_path())
    cards = dashboard.indicator_cards(
        indicators=indicators, period=period, category_id=category.pk if category else None
    )
    # Who is working on each curve: its counts (activities answers, one query for all cards).
    curve = signals.curve_work(
        user=request.user,
        initiative=initiative,
        indicator_ids=[i.pk for i in indicators],
        detail=False,
    )
    for card in cards:
        card.work = (curve or {}).get(card.indicator.pk)
    years = form.cleaned_data["view"] == "years"
    context.update(
        view="years" if years else "periods",
        yearly=yearly_cards(indicators=indicators, upto=period.end if period else None)
        if years
        else None,
        cards=cards,
        curve_known=curve is not None,
        progress=dashboard.progress_counts([card.trend for card in cards]),
        sectors=dashboard.partners_by_sector(initiative=initiative),
        completeness=(
            dashboard.period_completeness(initiative=initiative, period=period) if period else None
        ),
        waiting=(
            dashboard.reviews_waiting(initiative=initiative) if context["can_review"] else None
        ),
        changes=(
            dashboard.recent_changes(initiative=initiative)
            if sees_states and template == TEMPLATE
            else None
        ),
    )
    if template == TEMPLATE:  # the whole page: what the apps above show on the home
        context["home_panels"] = home_panels(
            user=request.user, initiative=initiative, place="dashboard", request=request
        )
    response = render(request, template, context)
    # The filter is in the address: shareable, and the back button returns to it.
    return push_url(response, request.get_full_path()) if template != TEMPLATE else response
