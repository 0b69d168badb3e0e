"""POST /api/v1/submissions/bulk/: a whole period's values in one request.

A parser: the rows become entries of the one writer (services.submissions), which checks
and saves them all or none; its errors come back by row and column.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from measurement.services import submissions
from measurement.services.rows import NUMBERS, RowGroups, column_of
from sheatufim.api.errors import validation_error_response
from sheatufim.api.fields import BooleanField, DecimalField
from sheatufim.api.parsers import NUL_MESSAGE, NulRefused
from sheatufim.ids import parse_id

MAX_ROWS = 10_000


class BulkItemIn(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1)
    organization = serializers.IntegerField(min_value=1)
    period = serializers.IntegerField(min_value=1)
    category = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Empty for the total."
    )
    value = DecimalField(max_digits=20, decimal_places=6, required=False, allow_null=True)
    numerator = DecimalField(max_digits=20, decimal_places=6, required=False, allow_null=True)
    denominator = DecimalField(max_digits=20, decimal_places=6, required=False, allow_null=True)
    weight = DecimalField(max_digits=20, decimal_places=6, required=False, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class BulkIn(serializers.Serializer):
    values = BulkItemIn(many=True, max_length=MAX_ROWS, min_length=1)
    submit = BooleanField(
        required=False,
        help_text="true: submit every value for review; false: save them as drafts. Left out:"
        " each value stays in its state (a change to one waiting for review is refused).",
    )


class BulkOut(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


def _number(raw, row, name, errors) -> Decimal | None:
    if raw is None:
        return None
    number = None
    if isinstance(raw, int | float | str) and not isinstance(raw, bool):
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        errors.append({"row": row, "field": name, "message": _("Enter a number.")})
        return None
    return number


def _id(raw, row, name, errors) -> int | None:
    if (number := parse_id(raw)) is not None:
        return number
    errors.append({"row": row, "field": name, "message": _("Give the id as a whole number.")})
    return None


def parse_items(items: list) -> tuple[RowGroups, list[dict]]:
    """The request's rows as entries of the writer, and the errors of rows that cannot be read."""
    groups, errors = RowGroups(), []
    for row, item in enumerate(items):
        if not isinstance(item, dict):
            message = _("Expected an object.")
            errors.append({"row": row, "field": "non_field_errors", "message": message})
            continue
        before = len(errors)
        key = tuple(_id(item.get(name), row, name, errors) for name in IDS)
        numbers = {name: _number(item.get(name), row, name, errors) for name in NUMBERS}
        raw_category = item.get("category")
        category = None
        if raw_category not in (None, ""):
            category = _id(raw_category, row, "category", errors)
        if len(errors) > before:
            continue
        comment = item.get("comment") or ""
        comment = comment if isinstance(comment, str) else ""
        # A category's row gives that category's part only; the total's row, what it holds.
        given = [] if category else [name for name in (*NUMBERS, "comment") if name in item]
        duplicate = groups.add(
            row, key, numbers, category_id=category, comment=comment, given=given
        )
        if duplicate:
            name = "non_field_errors" if category is None else "category"
            errors.append({"row": row, "field": name, "message": duplicate})
    return groups, errors


IDS = ("indicator", "organization", "period")


def bulk_save(*, user, items, submit: bool | None) -> tuple[dict | None, list[dict]]:
    """Parse the rows and save them all or none: (counts, []) or (None, errors by row)."""
    if not isinstance(items, list) or not items:
        raise serializers.ValidationError({"values": [_("Send a non-empty list of values.")]})
    if len(items) > MAX_ROWS:
        message = _("At most %(count)s values per request.") % {"count": MAX_ROWS}
        raise serializers.ValidationError({"values": [message]})
    groups, errors = parse_items(items)
    # Rows that could not be read are refused; the others are still checked (and nothing
    # written), so that one answer lists every error of the batch.
    result = submissions.submissions_save(
        user=user, entries=groups.entries, submit=submit, validate_only=bool(errors)
    )
    errors += [
        {"row": groups.row_of(error), "field": column_of(error), "message": error.message}
        for error in result.errors
    ]
    if errors:
        return None, sorted(errors, key=lambda error: error["row"])
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}, []


def _nul_errors(paths: list[tuple]) -> dict:
    """The parser's refusals of NUL, those in rows as the rows' errors."""
    errors = {}
    for path in paths:
        if len(path) >= 2 and path[0] == "values" and isinstance(path[1], int):
            field = str(path[2]) if len(path) > 2 else "non_field_errors"
            row = {"row": path[1], "field": field, "message": str(NUL_MESSAGE)}
            errors.setdefault("values", []).append(row)
        else:
            errors[".".join(map(str, path)) or "non_field_errors"] = [str(NUL_MESSAGE)]
    return errors


class BulkSubmissionView(APIView):
    """Up to 10,000 values; all or nothing; sending the same batch again changes nothing.

    Errors come back per row: `errors.values` is a list of `{row, field, message}`.
    """

    @extend_schema(request=BulkIn, responses={200: BulkOut})
    def post(self, request):
        try:
            data = request.data if isinstance(request.data, dict) else {}
        except NulRefused as refused:
            return validation_error_response(_nul_errors(refused.paths))
        submit = data.get("submit")
        if "submit" in data and not isinstance(submit, bool):
            raise serializers.ValidationError({"submit": [_("Give true or false.")]})
        counts, errors = bulk_save(user=request.user, items=data.get("values"), submit=submit)
        if errors:
            return validation_error_response({"values": errors})
        return Response(counts, status=status.HTTP_200_OK)
