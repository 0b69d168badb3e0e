"""The database unreachable: a 503 that says so, instead of the server error page.

The API's views turn the error into their JSON format themselves (sheatufim.api.errors); this
catches what reaches Django from any other view: the pages get a translated 503 page, other
paths under /api/ the API's JSON. Both carry Retry-After. Nothing is kept from the outage:
Django opens a new connection on the next request, so the site answers again by itself once
the database is back.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

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
