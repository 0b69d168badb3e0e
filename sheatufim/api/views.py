from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # a POST to a path that does not exist is a 404 too, not a CSRF page
def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/: a 404 in the API's error format, not the HTML page."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
