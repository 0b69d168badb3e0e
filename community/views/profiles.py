"""My profile: opt in to the learning community, change the profile, opt out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import require

from ..forms.profiles import ProfileForm
from ..permissions import can_opt_in, can_view_community
from ..selectors import profiles as selectors
from ..services import profiles as services


def _initial(profile) -> dict:
    return {name: getattr(profile, name) for name in services.PROFILE_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    require(can_opt_in(request.user))
    mine = selectors.profile_of(request.user)
    if request.method == "GET":
        initial = _initial(mine) if mine else {"contact_email": request.user.email}
        form = ProfileForm(initial=initial)
    else:
        form = ProfileForm(data=request.POST)
        if form.is_valid():
            try:
                if mine is None:
                    services.profile_opt_in(user=request.user, **form.cleaned_data)
                    messages.success(request, _("You joined the learning community."))
                else:
                    services.profile_update(profile=mine, by=request.user, **form.cleaned_data)
                    messages.success(request, _("Your profile was saved."))
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return redirect("community:profile")
    context = {"form": form, "profile": mine, "can_view": can_view_community(request.user)}
    return render(request, "community/profile.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def profile_opt_out(request: HttpRequest) -> HttpResponse:
    mine = selectors.profile_of(request.user)
    require(mine is not None)
    services.profile_opt_out(profile=mine, by=request.user)
    messages.success(
        request, _("You left the learning community; your profile and cohort places are gone.")
    )
    return redirect("home")


urlpatterns = [
    path("community/profile/", profile, name="profile"),
    path("community/profile/opt-out/", profile_opt_out, name="profile_opt_out"),
]
