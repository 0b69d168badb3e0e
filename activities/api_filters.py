"""The API's filters of activities and the matrix's query: declared and strict
(sheatufim/api/filters.py). A parameter that is given must hold a valid value: `?status=`,
`?goal=abc` or `?page_size=lots` is a 400 at the parameter, never a filter silently dropped."""

from django.core.validators import RegexValidator
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from initiatives.models import Sector
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.pagination import Pagination
from sheatufim.ids import MAX_ID

from .models import Activity, ActivityStatus, reach_key
from .selectors import MatrixFilters


class ActivityFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    strategy = IdFilter()
    goal = IdFilter(field_name="strategy__goal")
    organization = IdFilter()

    class Meta:
        model = Activity
        fields = ["status", "role"]


NO_NUL = r"^[^\x00]*$"  # what RefuseNulMiddleware lets through (a NUL is a 400 first)


class MatrixQuery(serializers.Serializer):
    """`?initiative=` (required) and the matrix page's filters; the organizations (the
    columns) are paginated as every list of the API is."""

    initiative = serializers.CharField(
        max_length=80,
        trim_whitespace=False,
        validators=[RegexValidator(NO_NUL)],
        help_text="The initiative's slug.",
    )
    goal = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Only this goal's strategies."
    )
    geography = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Only activities reaching this geography (case and spaces do not count).",
    )
    population = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Only activities reaching this population (case and spaces do not count).",
    )
    status = serializers.ChoiceField(
        required=False, choices=ActivityStatus.choices, help_text="Only activities in it."
    )
    sector = serializers.ChoiceField(
        required=False, choices=Sector.choices, help_text="Only organizations of this sector."
    )
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, default=1, help_text="Of organizations."
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=Pagination.max_page_size,
        default=Pagination.page_size,
        help_text="Organizations per page.",
    )

    def filters(self) -> MatrixFilters:
        data = self.validated_data
        return MatrixFilters(
            goal=data.get("goal"),
            geography=reach_key(data.get("geography", "")),
            population=reach_key(data.get("population", "")),
            status=data.get("status", ""),
            sector=data.get("sector", ""),
        )


# The schema of the two texts, written out: drf-spectacular would describe a text that may be
# empty and has a pattern as a `oneOf` of two overlapping schemas (and "" as matching neither).
MATRIX_PARAMETERS = [
    MatrixQuery,
    *(
        OpenApiParameter(
            name,
            type={"type": "string", "pattern": NO_NUL, "maxLength": 200},
            description=str(MatrixQuery().fields[name].help_text),
        )
        for name in ("geography", "population")
    ),
]
