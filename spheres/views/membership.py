"""Membership pages: the open spheres (anyone signed in) and the form to ask to join; my
requests with a withdraw button; the facilitator's requests page (accept, decline with a
reason); the members of a sphere, current and former, with leaving (one's own organization) and
ending a membership (the facilitator)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.models import Initiative, Participation
from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..forms.membership import DeclineForm, JoinForm, LeaveForm
from ..models import JoinRequest
from ..selectors import membership as selectors
from ..services import membership as services
from . import BASE, TOP


def _sphere_of_user(request, slug, action: Action) -> Initiative:
    initiative = initiative_or_404(request, slug)
    if not initiative.is_sphere:
        raise Http404
    require(can(request.user, action, initiative))
    return initiative


@login_required
@require_GET
def sphere_list(request: HttpRequest) -> HttpResponse:
    spheres = list(selectors.open_sphere_list())
    mine = set(
        request.user.memberships.filter(initiative__in=[s.pk for s in spheres]).values_list(
            "initiative_id", flat=True
        )
    )
    for sphere in spheres:
        sphere.is_mine = sphere.pk in mine
    return render(request, "spheres/sphere_list.html", {"spheres": spheres})


@login_required
@require_GET
def my_requests(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_requests(user=request.user)
    return render(request, "spheres/my_requests.html", {"join_requests": rows})


@login_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.my_requests(user=request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    try:
        services.join_request_withdraw(request=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("spheres:my_requests")


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        sphere = selectors.sphere_get_open(slug=slug)
    except Initiative.DoesNotExist:
        raise Http404 from None
    if request.method == "GET":
        form = JoinForm(initial={"ceo_name": request.user.full_name})
    else:
        form = JoinForm(data=request.POST)
        if form.is_valid():
            try:
                services.join_request_create(sphere=sphere, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, _("Your request was sent. The facilitator will answer it.")
                )
                return redirect("spheres:my_requests")
    status = 400 if form.errors else 200
    context = {"sphere": sphere, "form": form}
    return render(request, "spheres/join_form.html", context, status=status)


def _requests_page(request, sphere, *, declining=None, form=None) -> HttpResponse:
    context = {
        "initiative": sphere,
        "pending": selectors.pending_requests(sphere=sphere),
        "decided": selectors.decided_requests(sphere=sphere),
        "declining": declining,
        "decline_form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "spheres/requests.html", context, status=status)


@login_required
@require_GET
def requests_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _requests_page(request, _sphere_of_user(request, slug, Action.DECIDE_JOIN_REQUESTS))


def _request_or_404(sphere, pk) -> JoinRequest:
    try:
        return selectors.request_get_for_decider(user=None, sphere=sphere, pk=pk)
    except JoinRequest.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def request_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _sphere_of_user(request, slug, Action.DECIDE_JOIN_REQUESTS)
    found = _request_or_404(sphere, pk)
    try:
        services.join_request_accept(request=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The organization is now a member of the sphere."))
    return redirect("spheres:requests", slug)


@login_required
@require_POST
def request_decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _sphere_of_user(request, slug, Action.DECIDE_JOIN_REQUESTS)
    found = _request_or_404(sphere, pk)
    form = DeclineForm(data=request.POST)
    if form.is_valid():
        try:
            services.join_request_decline(
                request=found, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The request was declined."))
            return redirect("spheres:requests", slug)
    return _requests_page(request, sphere, declining=found.pk, form=form)


@login_required
@require_GET
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    sphere = _sphere_of_user(request, slug, Action.VIEW_MEMBERS)
    members = selectors.member_list(sphere=sphere)
    for row in members.current:
        row.may_end = services.may_end(request.user, row)
    context = {
        "initiative": sphere,
        "members": members,
        "can_decide": can(request.user, Action.DECIDE_JOIN_REQUESTS, sphere),
    }
    return render(request, "spheres/members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _sphere_of_user(request, slug, Action.VIEW_MEMBERS)
    try:
        participation = selectors.member_get(sphere=sphere, pk=pk)
    except Participation.DoesNotExist:
        raise Http404 from None
    require(participation.left_on is None and services.may_end(request.user, participation))
    own = not can(request.user, Action.MANAGE_PARTICIPANTS, sphere)
    form = LeaveForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                participation=participation, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if own:
                messages.success(request, _("Your organization has left the sphere."))
                return redirect("spheres:sphere_list")
            messages.success(request, _("The membership was ended."))
            return redirect("spheres:members", slug)
    context = {"initiative": sphere, "participation": participation, "form": form, "own": own}
    status = 400 if form.errors else 200
    return render(request, "spheres/member_end.html", context, status=status)


def members_url(sphere: Initiative) -> str:
    return reverse("spheres:members", args=[sphere.slug])


urlpatterns = [
    path(TOP, sphere_list, name="sphere_list"),
    path(TOP + "requests/", my_requests, name="my_requests"),
    path(TOP + "requests/<int:pk>/withdraw/", request_withdraw, name="request_withdraw"),
    path(BASE + "join/", join, name="join"),
    path(BASE + "requests/", requests_page, name="requests"),
    path(BASE + "requests/<int:pk>/accept/", request_accept, name="request_accept"),
    path(BASE + "requests/<int:pk>/decline/", request_decline, name="request_decline"),
    path(BASE + "members/", member_list, name="members"),
    path(BASE + "members/<int:pk>/end/", member_end, name="member_end"),
]
