"""One error format for the whole API.

Every error is `{"detail": "...", "code": "...", "errors": {field: [messages]}}`, where
`errors` is present for validation errors (400) and may hold `non_field_errors`.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _as_list(value):
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        # Business rules raised by the services.
        if hasattr(exc, "error_dict"):
            detail = {
                (field if field != "__all__" else "non_field_errors"): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "detail": _("The request has errors; see the fields."),
            "code": "invalid",
            "errors": {field: _as_list(messages) for field, messages in data.items()},
        }
        response.status_code = status.HTTP_400_BAD_REQUEST
    else:
        detail = getattr(exc, "detail", response.data.get("detail", ""))
        response.data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    return response


def validation_error_response(errors: dict) -> Response:
    """A 400 in the one error format, for errors that carry structure (rows of a batch)."""
    return Response(
        {
            "detail": _("The request has errors; see the fields."),
            "code": "invalid",
            "errors": errors,
        },
        status=status.HTTP_400_BAD_REQUEST,
    )
