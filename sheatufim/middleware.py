"""Middleware of the project: the database unavailable, the Content-Security-Policy header, the
site's own 404 page under DEBUG.

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
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import page_not_found

from .api.errors import RETRY_AFTER_SECONDS, database_unavailable_response

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
