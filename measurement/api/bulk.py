"""POST /api/v1/submissions/bulk/: a whole period's values in one request."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from measurement.services import bulk
from sheatufim.api.errors import validation_error_response


class BulkItemIn(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1)
    organization = serializers.IntegerField(min_value=1)
    period = serializers.IntegerField(min_value=1)
    category = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Empty for the total."
    )
    value = serializers.DecimalField(
        max_digits=20, decimal_places=6, required=False, allow_null=True
    )
    numerator = serializers.DecimalField(
        max_digits=20, decimal_places=6, required=False, allow_null=True
    )
    denominator = serializers.DecimalField(
        max_digits=20, decimal_places=6, required=False, allow_null=True
    )
    weight = serializers.DecimalField(
        max_digits=20, decimal_places=6, required=False, allow_null=True
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class BulkIn(serializers.Serializer):
    values = BulkItemIn(many=True, max_length=bulk.MAX_ROWS, min_length=1)
    submit = serializers.BooleanField(required=False, default=False)


class BulkOut(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class BulkSubmissionView(APIView):
    """Up to 10,000 values; all or nothing; sending the same batch again changes nothing.

    Errors come back per row: `errors.values` is a list of `{row, field, message}`.
    """

    @extend_schema(request=BulkIn, responses={200: BulkOut})
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        submit = data.get("submit", False)
        if not isinstance(submit, bool):
            raise serializers.ValidationError({"submit": [_("Give true or false.")]})
        result = bulk.submissions_bulk_save(
            user=request.user, items=data.get("values"), submit=submit
        )
        if result.errors:
            return validation_error_response({"values": result.errors})
        return Response(
            {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            status=status.HTTP_200_OK,
        )
