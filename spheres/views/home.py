"""The CEO's home: my spheres, the commitments waiting for my organization's answer, the next
session, the charter, and what changed since my last visit. `/` sends a sphere's member (with
no facilitator role) here (initiatives.home)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from ..selectors.home import ceo_home
from ..services.membership import home_visit_record
from . import TOP


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    homes = ceo_home(user=request.user)
    home_visit_record(user=request.user, sphere_ids=[h.sphere.pk for h in homes])
    return render(request, "spheres/home.html", {"homes": homes})


urlpatterns = [path(TOP + "home/", home, name="home")]
