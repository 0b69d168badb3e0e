"""The OpenAPI schema describes the error answers too, so that every response is in it.

Each operation gets, besides its success answer, the errors the API can give for it (the
body is always the one format of errors.py):

- 400 when it reads a body or query parameters (filters, ordering, pagination);
- 401 always (no token, or a bad or revoked one), with `WWW-Authenticate: Bearer`;
- 403 when it writes (a permission, or CSRF for a browser session);
- 404 when it names an object in the path, and on lists (a page past the end);
- 413 when it reads a body (larger than DATA_UPLOAD_MAX_MEMORY_SIZE);
- 415 when it reads a body (a Content-Type other than JSON);
- 429 always (throttled), with `Retry-After`.

A view that declares one of these codes itself keeps its own description.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

ROW_ERROR = {
    "type": "object",
    "description": "An error of one row of a batch (POST /api/v1/submissions/bulk/).",
    "properties": {
        "row": {"type": "integer", "description": "The index of the row, from 0."},
        "field": {"type": "string"},
        "message": {"type": "string"},
    },
    "required": ["row", "field", "message"],
}


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {
            "type": "array",
            "items": {"anyOf": [{"type": "string"}, ROW_ERROR]},
        },
    }
)
class FieldErrorsField(serializers.DictField):
    """Messages per field; only its schema (above) differs from a plain DictField."""


class ErrorOut(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence for people.")
    code = serializers.CharField(help_text="A stable code for programs, such as `not_found`.")


class ValidationErrorOut(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence for people.")
    code = serializers.CharField(help_text="`invalid`, or `parse_error` for a malformed body.")
    errors = FieldErrorsField(
        required=False,
        help_text=(
            "Messages per field; `non_field_errors` for the request as a whole; a field of"
            " nested input by its path (`categories.0.category`). For a batch, `values` holds"
            " one `{row, field, message}` per error."
        ),
    )


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # drf-spectacular leaves out the bounds of a list of nested objects (`many=True`).
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.ListSerializer) and schema.get("type") == "array":
            if field.min_length is not None:
                schema["minItems"] = field.min_length
            if field.max_length is not None:
                schema["maxItems"] = field.max_length
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        reads_body = self.method in UNSAFE and self.get_request_serializer() is not None
        has_query = bool(
            getattr(self.view, "filterset_class", None)
            or getattr(self.view, "filterset_fields", None)
            or getattr(self.view, "ordering_fields", None)
        )
        names_object = "{" in self.path
        errors = {
            "400": (
                ValidationErrorOut,
                _("The request has errors: see `errors` per field."),
                self.method in UNSAFE or has_query,
            ),
            "401": (ErrorOut, _("No credentials, or a token that is not valid or revoked."), True),
            "403": (ErrorOut, _("Not allowed for this user."), self.method in UNSAFE),
            "404": (
                ErrorOut,
                _("Not found, or not visible to this user; on a list, a page past the end."),
                names_object or (self._is_list_view() and self._get_paginator() is not None),
            ),
            "413": (ErrorOut, _("The body is too large."), reads_body),
            "415": (ErrorOut, _("The body is not JSON."), reads_body),
            "429": (ErrorOut, _("Too many requests: wait `Retry-After` seconds."), True),
        }
        for code, (serializer, description, applies) in errors.items():
            if applies and code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(serializer, description=description), code
                )
        if "401" in responses:
            responses["401"].setdefault("headers", {})["WWW-Authenticate"] = {
                "schema": {"type": "string"},
                "description": "`Bearer`",
            }
        if "429" in responses:
            responses["429"].setdefault("headers", {})["Retry-After"] = {
                "schema": {"type": "integer"},
                "description": "Seconds to wait before the next request.",
            }
        return responses
