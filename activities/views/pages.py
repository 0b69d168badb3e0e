"""The activity pages: the list (filtered like the matrix), one activity, the form to add or
change one, and the confirmation to delete one. Every write is a service; its refusals go to
the form's fields. The matrix is in views/matrix.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from agenda.models import Strategy
from initiatives.forms import add_service_error
from initiatives.permissions import membership_for
from initiatives.selectors import participant_organizations
from initiatives.views import require
from measurement.models import Indicator

from .. import permissions, selectors, services
from ..forms import ActivityForm
from ..services import ActivityDraft
from .base import activity_or_404, filter_form, fragment, page_context, readable_initiative
from .matrix import matrix  # noqa: F401  (urls.py routes every page through this module)

LIST_TEMPLATE = "activities/activity_list.html"
PER_PAGE = 50


@login_required
@require_GET
@vary_on_headers("HX-Request")
def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    form = filter_form(request, initiative)
    template = fragment(request, LIST_TEMPLATE, "results")
    if not form.is_valid():
        context = page_context(request, initiative, form=form, invalid=True)
        return render(request, template, context, status=422 if "#" in template else 400)
    activities = (
        selectors.activity_list(initiative=initiative, filters=form.filters())
        .prefetch_related(None)
        .order_by(
            "strategy__goal__order",
            "strategy__goal_id",
            "strategy__order",
            "strategy_id",
            "organization__name",
            "id",
        )
    )
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    context = page_context(request, initiative, form=form, page=page)
    return render(request, template, context)


@login_required
@require_GET
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    activity = activity_or_404(initiative, pk)
    context = page_context(
        request,
        initiative,
        activity=activity,
        can_change=permissions.can_change_activity(request.user, activity),
    )
    return render(request, "activities/activity_detail.html", context)


def _form(request, initiative, *, activity=None, data=None, initial=None) -> ActivityForm:
    """The form with its choices: staff choose the organization, a partner's is their own."""
    writable = permissions.writable_organizations(request.user, initiative)
    strategies = (
        Strategy.objects.filter(goal__initiative=initiative, retired=False, goal__retired=False)
        .select_related("goal")
        .order_by("goal__order", "goal_id", "order", "id")
    )
    # Inactive indicators are not offered, unless the activity already aims at them.
    chosen = Q(pk__in=[i.pk for i in activity.indicators.all()]) if activity else Q()
    indicators = Indicator.objects.filter(
        Q(is_active=True) | chosen, initiative=initiative
    ).order_by("code")
    return ActivityForm(
        data,
        initial=initial,
        organizations=list(participant_organizations(initiative=initiative))
        if writable.every
        else None,
        strategies=list(strategies),
        indicators=list(indicators),
    )


def _own_organization(request, initiative):
    membership = membership_for(request.user, initiative)
    return membership.organization if membership else None


def _form_page(request, initiative, form, *, activity=None) -> HttpResponse:
    context = page_context(
        request,
        initiative,
        form=form,
        activity=activity,
        fixed_organization=(
            None
            if "organization" in form.fields
            else (activity.organization if activity else _own_organization(request, initiative))
        ),
    )
    status = 400 if form.errors else 200
    return render(request, "activities/activity_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(permissions.can_add_activities(request.user, initiative))
    if request.method == "GET":
        # A strategy given in the address (the matrix's "add an activity" of a gap) is chosen.
        initial = {"strategy": request.GET.get("strategy", "")}
        return _form_page(request, initiative, _form(request, initiative, initial=initial))
    form = _form(request, initiative, data=request.POST)
    if form.is_valid():
        changes = form.changes()
        changes.setdefault("organization", _own_organization(request, initiative))
        draft = ActivityDraft(**changes, indicators=form.chosen_indicators())
        try:
            activity = services.activity_create(
                user=request.user, initiative=initiative, draft=draft
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The activity was added."))
            return redirect("activities:detail", slug=slug, pk=activity.pk)
    return _form_page(request, initiative, form)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    activity = activity_or_404(initiative, pk)
    require(permissions.can_change_activity(request.user, activity))
    if request.method == "GET":
        form = _form(
            request, initiative, activity=activity, initial=ActivityForm.initial_of(activity)
        )
        return _form_page(request, initiative, form, activity=activity)
    form = _form(request, initiative, activity=activity, data=request.POST)
    if form.is_valid():
        try:
            services.activity_update(
                user=request.user,
                activity=activity,
                indicators=form.chosen_indicators(),
                **form.changes(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("activities:detail", slug=slug, pk=activity.pk)
    return _form_page(request, initiative, form, activity=activity)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    activity = activity_or_404(initiative, pk)
    require(permissions.can_change_activity(request.user, activity))
    if request.method == "POST":
        services.activity_delete(user=request.user, activity=activity)
        messages.success(request, _("The activity was deleted."))
        return redirect("activities:list", slug=slug)
    context = page_context(request, initiative, activity=activity)
    return render(request, "activities/activity_delete.html", context)
