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

Responses say what they always hold: every field of a response body is `required` (a typed
client then needs no guesses), except those its serializer declares with `required=False`,
which may be absent (`errors` of a 400 for a malformed body). `nullable` follows the fields'
`allow_null`. Decimal strings have a pattern that refuses "", "-" and ".", as the server does.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from .errors import ERROR_CODES, VALIDATION_ERROR_CODES

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
    code = serializers.ChoiceField(
        choices=ERROR_CODES, help_text="A stable code for programs, such as `not_found`."
    )


class ValidationErrorOut(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence for people.")
    code = serializers.ChoiceField(
        choices=VALIDATION_ERROR_CODES,
        help_text="`invalid`, or `parse_error` for a malformed body (then without `errors`).",
    )
    errors = FieldErrorsField(
        required=False,
        help_text=(
            "Messages per field; `non_field_errors` for the request as a whole; a field of"
            " nested input by its path (`categories.0.category`). For a batch, `values` holds"
            " one `{row, field, message}` per error."
        ),
    )


UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def decimal_pattern(field: serializers.DecimalField) -> str:
    """What DRF reads as a number of the field's digits, written plainly: at least one digit
    ("", "-" and "." are not numbers; drf-spectacular's own pattern lets them through)."""
    whole, places = field.max_whole_digits, field.decimal_places
    if not places:
        return rf"^-?\d{{1,{whole}}}$"
    return rf"^-?(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})$"


def _may_be_absent(serializer, name: str) -> bool:
    """Declared with `required=False` (not merely read-only, which DRF also makes optional)."""
    declared = getattr(serializer, "_declared_fields", {}).get(name)
    return declared is not None and declared._kwargs.get("required") is False


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # drf-spectacular leaves out the bounds of a list of nested objects (`many=True`).
        if isinstance(field, serializers.ListSerializer) and schema.get("type") == "array":
            if field.min_length is not None:
                schema["minItems"] = field.min_length
            if field.max_length is not None:
                schema["maxItems"] = field.max_length
        if isinstance(field, serializers.DecimalField) and "pattern" in schema:
            schema["pattern"] = decimal_pattern(field)
        return schema

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response":
            # A response holds every field its serializer has (model fields with a default
            # are not `required` on input, which drf-spectacular carries over to output).
            names = [name for name in schema["properties"] if not _may_be_absent(serializer, name)]
            if names:
                schema["required"] = sorted(names)
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
