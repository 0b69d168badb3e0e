"""GET /api/v1/rollups/yearly/: each indicator's figure per calendar year, by its time rule
(measurement/selectors/yearly.py), for the indicators of the user's initiatives (the scope
of /rollups/). Read-only; the filters are declared and strict (a bad value is a 400 at it)."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from initiatives.selectors import initiative_list_for_user
from measurement.models import Indicator
from measurement.progress import Progress
from measurement.selectors.yearly import yearly_figures
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter


class _YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2200, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2200})
class YearFilter(django_filters.NumberFilter):
    """A calendar year; applied to the figures, not to the indicators."""

    field_class = _YearField

    def filter(self, qs, value):
        return qs


class YearlyFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    indicator = IdFilter(field_name="id")
    year = YearFilter()

    class Meta:
        model = Indicator
        fields = ["initiative", "indicator", "year"]


DECIMAL = {"max_digits": 30, "decimal_places": 6, "allow_null": True}


class YearlyRollupOut(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator_id")
    year = serializers.IntegerField()
    value = serializers.DecimalField(
        **DECIMAL, help_text="The year's figure by the indicator's time rule."
    )
    numerator = serializers.DecimalField(**DECIMAL, help_text="For a ratio of sums.")
    denominator = serializers.DecimalField(**DECIMAL, help_text="For a ratio of sums.")
    time_aggregation = serializers.CharField(source="indicator.time_aggregation")
    periods = serializers.IntegerField(
        help_text="The initiative's periods of the indicator's frequency in the year."
    )
    periods_with_figure = serializers.IntegerField(source="with_figure")
    periods_in_year = serializers.IntegerField(help_text="A whole year's periods (4 quarters).")
    complete = serializers.BooleanField()
    provisional = serializers.BooleanField(
        help_text="Not complete, or a period's figure is provisional: not judged on track."
    )
    target = serializers.DecimalField(**DECIMAL, help_text="The yearly target, if any.")
    progress = serializers.ChoiceField(
        choices=Progress.choices, allow_null=True, help_text="null while provisional."
    )


class YearlyRollupView(generics.ListAPIView):
    """Figures per indicator and calendar year, from the period rollups (approved values)."""

    serializer_class = YearlyRollupOut
    filterset_class = YearlyFilter
    ordering_fields = ["id"]
    ordering = ["id"]

    def get_queryset(self):
        return Indicator.objects.filter(
            initiative__in=initiative_list_for_user(user=self.request.user)
        ).only("id", "frequency", "direction", "baseline", "time_aggregation")

    def list(self, request, *args, **kwargs):
        indicators = list(self.filter_queryset(self.get_queryset()))
        year = request.query_params.get("year")
        found = yearly_figures(indicators=indicators, years=[int(year)] if year else None)
        rows = [row for indicator in indicators for row in found.get(indicator.pk, [])]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response([yearly_row(row) for row in page])


def _text(value):
    return None if value is None else f"{value:f}"  # six decimals already, as DRF gives them


def yearly_row(row) -> dict:
    """YearlyRollupOut's output, written out: a serializer per row was most of the time of a
    page of 500 figures (bench P8); tests compare both."""
    return {
        "indicator": row.indicator_id,
        "year": row.year,
        "value": _text(row.value),
        "numerator": _text(row.numerator),
        "denominator": _text(row.denominator),
        "time_aggregation": row.indicator.time_aggregation,
        "periods": row.periods,
        "periods_with_figure": row.with_figure,
        "periods_in_year": row.periods_in_year,
        "complete": row.complete,
        "provisional": row.provisional,
        "target": _text(row.target),
        "progress": None if row.progress is None else str(row.progress.value),
    }
