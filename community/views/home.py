"""The community's home: my cohorts, the next learning sessions, the newest resources. A
leader who may opt in but is in no cohort yet sees an invitation to their profile."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from initiatives.views import require

from ..permissions import can_manage_community, can_opt_in, can_view_community
from ..selectors import cohorts as cohort_selectors
from ..selectors import profiles as profile_selectors
from ..selectors import resources as resource_selectors


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    viewer = can_view_community(user)
    require(viewer or can_opt_in(user))
    context = {
        "profile": profile_selectors.profile_of(user),
        "can_view": viewer,
        "can_manage": can_manage_community(user),
        "cohorts": [],
        "sessions": [],
        "resources": [],
    }
    if viewer:
        mine = cohort_selectors.my_cohort_ids(user)
        context["cohorts"] = list(cohort_selectors.cohort_list().filter(pk__in=mine))
        context["sessions"] = cohort_selectors.upcoming_sessions_for(user)
        context["resources"] = resource_selectors.recent_resources()
    return render(request, "community/home.html", context)


urlpatterns = [path("community/", home, name="home")]
