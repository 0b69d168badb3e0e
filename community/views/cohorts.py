"""Cohorts: the list (community viewers), one cohort with its members' profiles and, for its
members and the managers, its learning sessions; managers create and change cohorts and add
and remove leaders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error

from ..forms import initial_of
from ..forms.cohorts import CohortForm, MemberAddForm
from ..models import Cohort, LeaderProfile
from ..permissions import can_manage_community
from ..selectors import cohorts as selectors
from ..selectors import profiles as profile_selectors
from ..services import cohorts as services
from .base import get_or_404, managing, viewing


def _detail_url(cohort) -> str:
    return reverse("community:cohort_detail", args=[cohort.pk])


def _cohort_or_404(pk: int) -> Cohort:
    try:
        return selectors.cohort_get(pk)
    except Cohort.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def cohort_list(request: HttpRequest) -> HttpResponse:
    viewing(request)
    context = {
        "cohorts": list(selectors.cohort_list()),
        "mine": selectors.my_cohort_ids(request.user),
        "can_manage": can_manage_community(request.user),
    }
    return render(request, "community/cohort_list.html", context)


def _detail(request, cohort, *, add_form=None) -> HttpResponse:
    user = request.user
    mine = selectors.my_cohort_ids(user)
    can_manage = can_manage_community(user)
    members = profile_selectors.with_leadership(
        [member.profile for member in cohort.members.all()], viewer=user
    )
    upcoming, past = [], []
    shows_sessions = selectors.may_see_sessions(user, cohort.pk, mine)
    if shows_sessions:
        upcoming, past = selectors.cohort_sessions(cohort)
    if can_manage and add_form is None:
        add_form = MemberAddForm(cohort=cohort)
    context = {
        "cohort": cohort,
        "members": members,
        "is_member": cohort.pk in mine,
        "can_manage": can_manage,
        "shows_sessions": shows_sessions,
        "upcoming": upcoming,
        "past": past,
        "add_form": add_form,
    }
    status = 400 if add_form is not None and add_form.errors else 200
    return render(request, "community/cohort_detail.html", context, status=status)


@login_required
@require_GET
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewing(request)
    return _detail(request, _cohort_or_404(pk))


def _form_page(request, form, *, title, back, cohort=None) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "cohort": cohort}
    return render(
        request, "community/cohort_form.html", context, status=400 if form.errors else 200
    )


def _save(request, form, write) -> Cohort | None:
    if not form.is_valid():
        return None
    try:
        return write(by=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request: HttpRequest) -> HttpResponse:
    managing(request)
    back, title = reverse("community:cohort_list"), _("New cohort")
    form = CohortForm(user=request.user, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        made = _save(request, form, services.cohort_create)
        if made is not None:
            messages.success(request, _("The cohort was created. Add its leaders."))
            return redirect(_detail_url(made))
    return _form_page(request, form, title=title, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    managing(request)
    cohort = get_or_404(Cohort.objects.all(), pk)
    back, title = _detail_url(cohort), _("Change the cohort")
    if request.method == "GET":
        initial = initial_of(cohort, services.COHORT_FIELDS, Cohort.translatable)
        form = CohortForm(user=request.user, initial=initial)
        return _form_page(request, form, title=title, back=back, cohort=cohort)
    form = CohortForm(user=request.user, data=request.POST)

    def write(**fields):
        return services.cohort_update(cohort=cohort, **fields)

    if _save(request, form, write) is not None:
        messages.success(request, _("The cohort was saved."))
        return redirect(back)
    return _form_page(request, form, title=title, back=back, cohort=cohort)


@login_required
@require_POST
def cohort_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    managing(request)
    cohort = _cohort_or_404(pk)
    form = MemberAddForm(cohort=cohort, data=request.POST)
    if form.is_valid():
        try:
            services.cohort_member_add(
                cohort=cohort, profile=form.cleaned_data["profile"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The leader was added to the cohort."))
            return redirect(_detail_url(cohort))
    return _detail(request, cohort, add_form=form)


@login_required
@require_POST
def cohort_member_remove(request: HttpRequest, pk: int, profile_pk: int) -> HttpResponse:
    managing(request)
    cohort = get_or_404(Cohort.objects.all(), pk)
    profile = get_or_404(
        LeaderProfile.objects.filter(cohort_memberships__cohort=cohort), profile_pk
    )
    services.cohort_member_remove(cohort=cohort, profile=profile, by=request.user)
    messages.success(request, _("The leader was taken out of the cohort."))
    return redirect(_detail_url(cohort))


urlpatterns = [
    path("community/cohorts/", cohort_list, name="cohort_list"),
    path("community/cohorts/new/", cohort_create, name="cohort_create"),
    path("community/cohorts/<int:pk>/", cohort_detail, name="cohort_detail"),
    path("community/cohorts/<int:pk>/edit/", cohort_edit, name="cohort_edit"),
    path("community/cohorts/<int:pk>/members/add/", cohort_member_add, name="cohort_member_add"),
    path(
        "community/cohorts/<int:pk>/members/<int:profile_pk>/remove/",
        cohort_member_remove,
        name="cohort_member_remove",
    ),
]
