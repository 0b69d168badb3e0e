"""The declared filters of measurement: the review queue's, the exports' and the API's.

Pages and exports (django-filter forms): their choices are one initiative's periods,
indicators and participating organizations; a value that is not one of them is an error at
its field. A ticked "flagged only" keeps the flagged values; unticked, it filters nothing.

The API (`StrictFilterSet`): ids compared as numbers, across the user's initiatives; a given
parameter must hold a valid value (`?flagged=maybe` is a 400), and `flagged=false` does mean
the values that are not flagged.
"""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from initiatives.selectors import participant_organizations
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.ids import parse_id

from .models import (
    CategoryRollup,
    Indicator,
    ReportingPeriod,
    Rollup,
    Submission,
    SubmissionState,
)

# --- pages and exports -------------------------------------------------------------------


class _IdsField(django_filters.fields.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:  # before the query: SQLite overflows on huge numbers
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class IdsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _IdsField


class InitiativeFilterSet(django_filters.FilterSet):
    """The choices of `period`, `indicator` and `organization` (those declared) are the
    initiative's; the form's ids start with `auto_id`."""

    auto_id = "filter_%s"

    def __init__(self, data=None, *, initiative: Initiative, **kwargs):
        super().__init__(data, **kwargs)
        choices = {
            "period": ReportingPeriod.objects.filter(initiative=initiative),
            "indicator": Indicator.objects.filter(initiative=initiative),
            "organization": participant_organizations(initiative=initiative),
        }
        for name, queryset in choices.items():
            if name in self.filters:
                self.filters[name].queryset = queryset
        self.form.auto_id = self.auto_id


class SubmissionFilterSet(InitiativeFilterSet):
    """Values: `flagged` is "flagged only" when ticked and every value when not (never
    "unflagged only")."""

    flagged = django_filters.BooleanFilter(label=_("Flagged only"), widget=forms.CheckboxInput)

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("flagged"):
            self.form.cleaned_data.pop("flagged", None)
        return super().filter_queryset(queryset)


class ReviewQueueFilter(SubmissionFilterSet):
    """One choice per filter; without a `state` in the query, the values waiting for review."""

    period = django_filters.ModelChoiceFilter(
        label=_("Period"), queryset=ReportingPeriod.objects.none(), empty_label=_("All")
    )
    indicator = django_filters.ModelChoiceFilter(
        label=_("Indicator"), queryset=Indicator.objects.none(), empty_label=_("All")
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), queryset=None, empty_label=_("All")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=SubmissionState.choices, empty_label=_("Any state")
    )

    class Meta:
        model = Submission
        fields = ["period", "indicator", "organization", "state", "flagged"]

    def __init__(self, data=None, **kwargs):
        data = QueryDict(mutable=True) if data is None else data.copy()
        if "state" not in data:
            data["state"] = SubmissionState.SUBMITTED
        super().__init__(data, **kwargs)


class _ExportFilterSet(InitiativeFilterSet):
    """Several values per filter (`?period=1&period=2`); an empty value means no filter."""

    auto_id = "export_%s"

    def __init__(self, data, **kwargs):
        super().__init__(_without_empty(data), **kwargs)


def _without_empty(data) -> QueryDict:
    """The query without empty values: the pages' filter forms send `period=` for "All"."""
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists() if data is not None else ():
        kept = [value for value in values if value != ""]
        if kept:
            cleaned.setlist(key, kept)
    return cleaned


class SubmissionExportFilter(_ExportFilterSet, SubmissionFilterSet):
    period = IdsFilter(label=_("Period"), queryset=ReportingPeriod.objects.none())
    indicator = IdsFilter(label=_("Indicator"), queryset=Indicator.objects.none())
    organization = IdsFilter(label=_("Organization"), queryset=None)
    state = django_filters.MultipleChoiceFilter(label=_("State"), choices=SubmissionState.choices)

    class Meta:
        model = Submission
        fields = ["period", "indicator", "organization", "state", "flagged"]


class RollupExportFilter(_ExportFilterSet):
    period = SubmissionExportFilter.base_filters["period"]
    indicator = SubmissionExportFilter.base_filters["indicator"]


# --- the API -----------------------------------------------------------------------------


class InitiativeFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")


class IndicatorFilter(InitiativeFilter):
    class Meta:
        model = Indicator
        fields = ["frequency", "value_type", "is_active"]


class PeriodFilter(InitiativeFilter):
    class Meta:
        model = ReportingPeriod
        fields = ["frequency", "state"]


class SubmissionFilter(InitiativeFilter):
    initiative = TextFilter(field_name="indicator__initiative__slug", label="initiative slug")
    indicator = IdFilter()
    organization = IdFilter()
    period = IdFilter()

    class Meta:
        model = Submission
        fields = ["indicator", "organization", "period", "state", "flagged"]


class RollupFilter(StrictFilterSet):
    initiative = TextFilter(field_name="indicator__initiative__slug", label="initiative slug")
    indicator = IdFilter()
    period = IdFilter()

    class Meta:
        model = Rollup
        fields = ["indicator", "period"]


class CategoryRollupFilter(RollupFilter):
    category = IdFilter()

    class Meta:
        model = CategoryRollup
        fields = ["indicator", "period", "category"]
