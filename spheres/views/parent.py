"""The integrated model: the parent's shared figures for the sphere's members, and the seat
of the sphere in its parent, chosen by the parent's backbone (from the parent's side: its
staff need not be members of the sphere)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from initiatives.forms import add_service_error
from initiatives.models import Initiative, InitiativeKind, Organization, Participation, User
from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..forms.membership import SeatForm
from ..models import ParentSeat
from ..selectors.home import parent_figures
from ..services import seats as services
from . import BASE


@login_required
@require_GET
def parent_page(request: HttpRequest, slug: str) -> HttpResponse:
    sphere = initiative_or_404(request, slug)
    if not sphere.is_sphere or sphere.parent_id is None:
        raise Http404
    require(can(request.user, Action.VIEW_INITIATIVE, sphere))
    context = {
        "initiative": sphere,
        "parent": sphere.parent,
        "figures": parent_figures(sphere=sphere),
    }
    return render(request, "spheres/parent_figures.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def seat(request: HttpRequest, slug: str, sphere_slug: str) -> HttpResponse:
    parent = initiative_or_404(request, slug)
    require(can(request.user, Action.MANAGE_PARTICIPANTS, parent))
    sphere = Initiative.objects.filter(
        parent=parent, slug=sphere_slug, kind=InitiativeKind.SPHERE
    ).first()
    if sphere is None:
        raise Http404
    members = Participation.objects.active().filter(initiative=sphere).values("organization_id")
    organizations = Organization.objects.filter(pk__in=members).order_by("name")
    representatives = User.objects.filter(
        memberships__initiative=sphere, memberships__role="partner"
    ).order_by("email")
    kwargs = {"organizations": organizations, "representatives": representatives}
    current = ParentSeat.objects.filter(sphere=sphere).first()
    if request.method == "GET":
        initial = (
            {"organization": current.organization_id, "representative": current.representative_id}
            if current
            else {}
        )
        form = SeatForm(initial=initial, **kwargs)
    else:
        form = SeatForm(data=request.POST, **kwargs)
        if form.is_valid():
            try:
                services.seat_in_parent(sphere=sphere, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The sphere's seat was saved."))
                return redirect("measurement:dashboard", parent.slug)
    context = {"initiative": parent, "sphere": sphere, "form": form, "current": current}
    return render(request, "spheres/seat_form.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path(BASE + "parent/", parent_page, name="parent"),
    path("initiatives/<slug:slug>/spheres/<slug:sphere_slug>/seat/", seat, name="seat"),
]
