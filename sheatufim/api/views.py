import math

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions

from .throttling import AnonWindowThrottle


@csrf_exempt  # a POST to a path that does not exist is a 404 too, not a CSRF page
def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/: a 404 in the API's error format, not the HTML page;
    under the anonymous rate limit like every API path, so that probing paths is slowed too."""
    throttle = AnonWindowThrottle()
    if not throttle.allow_request(request, None):
        wait = math.ceil(throttle.wait() or 1)
        body = {"detail": str(exceptions.Throttled(wait).detail), "code": "throttled"}
        response = JsonResponse(body, status=429)
        response["Retry-After"] = str(wait)
        return response
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
