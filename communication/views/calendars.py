"""The private calendar feed: "my calendar" shows its address once after it is made or
renewed (like API tokens), and `calendar/<token>.ics` answers without a login."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..models import CalendarFeed
from ..selectors import calendars
from ..services import calendars as services
from ..services.meetings import meeting_path

SHOWN_ONCE = "communication_calendar_address"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        raw = services.calendar_feed_renew(user=request.user)
        request.session[SHOWN_ONCE] = request.build_absolute_uri(
            reverse("communication:calendar_feed", kwargs={"token": raw})
        )
        return redirect("communication:my_calendar")
    context = {
        "address": request.session.pop(SHOWN_ONCE, None),
        "feed": CalendarFeed.objects.filter(user=request.user).first(),
    }
    return render(request, "communication/meet/my_calendar.html", context)


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = services.calendar_feed_owner(token)
    if user is None:
        raise Http404
    with translation.override(user.language or None):
        body = calendars.calendar_of(
            calendars.feed_meetings(user=user),
            name=_("My meetings · Sheatufim"),
            url_of=lambda m: request.build_absolute_uri(meeting_path(m)),
        )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
