"""Middleware of the project: the database unavailable, the Content-Security-Policy header, the
site's own 404 page under DEBUG, NUL refused in paths and query strings.

The database unreachable: a 503 that says so, instead of the server error page.

The API's views turn the error into their JSON format themselves (sheatufim.api.errors); this
catches what reaches Django from any other view: the pages get a translated 503 page, other
paths under /api/ the API's JSON. Both carry Retry-After. Nothing is kept from the outage:
Django opens a new connection on the next request, so the site answers again by itself once
the database is back.
"""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from .api.errors import RETRY_AFTER_SECONDS, database_unavailable_response, invalid_body
from .text import NUL, has_nul

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable at %s: %r", request.path, exception)
        if request.path.startswith("/api/"):
            return database_unavailable_response()
        # Rendered without the request: its context processors would ask the database who
        # the user is.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header, looser only under the paths of CONTENT_SECURITY_POLICY_PATH_UPDATES
    (the vendored API docs pages); every other page gets the strict policy of the settings."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.update:
            return parts
        for prefix, update in settings.CONTENT_SECURITY_POLICY_PATH_UPDATES.items():
            if request.path_info.startswith(prefix):
                parts.update = update
        return parts


class OwnNotFoundPageMiddleware:
    """Under DEBUG too, a page that does not exist is the site's 404.html, not Django's technical
    page (which lists every URL pattern). Without DEBUG, Django does this by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and not request.path_info.startswith("/api/")
        ):
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if (
            settings.DEBUG
            and isinstance(exception, Http404)
            and not request.path_info.startswith("/api/")
        ):
            return page_not_found(request, exception)
        return None


class RefuseNulMiddleware:
    """A NUL in the path is a 404; in the query string, a 400 from the API and dropped on pages.

    PostgreSQL can neither store nor compare a NUL: without this, a slug or a filter holding
    one reaches the database as an error (a 500). A script is told (400 at the parameter); a
    person's search just goes on without it. Bodies are refused where they are parsed (the
    forms' fields, the API's parser).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        if has_nul(request.path_info):
            if api:
                return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
            raise Http404
        bad = sorted(
            {
                key
                for key, values in request.GET.lists()
                if has_nul(key) or any(map(has_nul, values))
            }
        )
        if bad and api:
            message = str(ProhibitNullCharactersValidator.message)
            errors = {key.replace(NUL, "\\0"): [message] for key in bad}
            return JsonResponse(invalid_body(errors), status=400)
        if bad:
            query = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                query.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
            query._mutable = False
            request.GET = query
        return self.get_response(request)
