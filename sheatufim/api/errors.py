"""One error format for the whole API.

Every error is `{"detail": "...", "code": "...", "errors": {field: [messages]}}`, where
`errors` is present for validation errors (400) and may hold `non_field_errors`.

An anonymous call refused for want of credentials (401) counts against the anonymous rate
like any other: DRF checks permissions before throttles, so without this a flood of calls
without a token, or with guessed ones, would get 401s forever and never a 429.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

#: The `code` of a 400: bad input, or a body that is not JSON.
VALIDATION_ERROR_CODES = ["invalid", "parse_error"]
#: Every `code` an error body of the API holds (the schema's enum; tests hold it to the API).
ERROR_CODES = [
    *VALIDATION_ERROR_CODES,
    "not_authenticated",  # 401, no credentials
    "authentication_failed",  # 401, a malformed header or a token not valid
    "permission_denied",  # 403
    "not_found",  # 404
    "method_not_allowed",  # 405
    "not_acceptable",  # 406, an Accept header the API cannot answer
    "conflict",  # 409, measurement's `version`
    "too_large",  # 413
    "unsupported_media_type",  # 415
    "throttled",  # 429
    "unavailable",  # 503
]


def _flat(field: str, value) -> dict[str, list[str]]:
    """Errors of nested input (`categories`' rows) under dotted keys: `categories.0.category`."""
    if isinstance(value, dict):
        nested = value.items()
    elif isinstance(value, list | tuple) and any(isinstance(v, dict | list) for v in value):
        nested = enumerate(value)
    else:
        items = value if isinstance(value, list | tuple) else [value]
        return {field: [str(item) for item in items]}
    flat = {}
    for key, item in nested:
        if item:  # a list's own errors (`non_field_errors`) are the list field's
            flat.update(_flat(field if key == "non_field_errors" else f"{field}.{key}", item))
    return flat


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        super().__init__(
            _("The request body is larger than %(size)s MB: send fewer values at a time.")
            % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024) or 1}
        )


#: How long clients are asked to wait when the database is unreachable (seconds).
RETRY_AFTER_SECONDS = 30


class ServiceUnavailable(exceptions.APIException):
    """The database is unreachable: a 503 with Retry-After, for the client to try again."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "unavailable"

    def __init__(self):
        super().__init__(_("The service is briefly unavailable. Please try again in a moment."))
        self.wait = RETRY_AFTER_SECONDS  # DRF turns it into the Retry-After header


def database_unavailable_response():
    """The API's 503 outside DRF's views (see sheatufim.middleware)."""
    exc = ServiceUnavailable()
    response = JsonResponse({"detail": str(exc.detail), "code": exc.default_code}, status=503)
    response["Retry-After"] = str(exc.wait)
    return response


def _anonymous_throttled(context) -> exceptions.Throttled | None:
    request, view = context.get("request"), context.get("view")
    if request is None or view is None:
        return None
    for throttle in view.get_throttles():
        if isinstance(throttle, AnonRateThrottle) and not throttle.allow_request(request, view):
            return exceptions.Throttled(throttle.wait())
    return None


def exception_handler(exc, context):
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        exc = _anonymous_throttled(context) or exc
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database unavailable: %r", exc)
        exc = ServiceUnavailable()
    elif isinstance(exc, DjangoValidationError):
        # Business rules raised by the services.
        if hasattr(exc, "error_dict"):
            detail = {
                (field if field != "__all__" else "non_field_errors"): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)  # the policy's reason, when it says
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = invalid_body(
            {
                key: messages
                for field, value in data.items()
                for key, messages in _flat(field, value).items()
            }
        )
        response.status_code = status.HTTP_400_BAD_REQUEST
    else:
        detail = getattr(exc, "detail", response.data.get("detail", ""))
        code = getattr(detail, "code", None) or exc.default_code
        response.data = {"detail": str(detail), "code": code}
    return response


def validation_error_response(errors: dict) -> Response:
    """A 400 in the one error format, for errors that carry structure (rows of a batch)."""
    return Response(invalid_body(errors), status=status.HTTP_400_BAD_REQUEST)


def invalid_body(errors: dict) -> dict:
    """The body of every 400 of the API (its views, its parser, the NUL middleware)."""
    return {
        "detail": _("The request has errors; see the fields."),
        "code": "invalid",
        "errors": errors,
    }
