"""Filters of the API: declared, typed and strict.

A query parameter that is given must hold a valid value: `?state=`, `?flagged=maybe` or
`?page_size=lots` is a 400 at the field, never a filter silently dropped (which would hand a
script every row when it asked for some). Text filters (`initiative`, `name`) may be empty.
"""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import FilterSet
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from sheatufim.ids import MAX_ID


class _IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """The id of a related object, compared as a number.

    An id that does not exist, or that the user may not see, gives an empty list: a choice
    filter would check it against every row of the table and answer 400 for an id that does
    not exist, telling apart the ids of other initiatives' objects from ids nobody has.
    """

    field_class = _IdField


@extend_schema_field({"type": "string", "pattern": r"^[^\x00]*$"})
class TextFilter(django_filters.CharFilter):
    """Text; may be empty. A NUL character is a 400 (PostgreSQL cannot compare it)."""


class _BooleanField(forms.Field):
    widget = forms.TextInput
    default_error_messages = {"invalid": _("Give true or false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """`true` or `false` (also `1` or `0`); anything else is a 400, not "no filter"."""

    field_class = _BooleanField


class StrictFilterSet(FilterSet):
    FILTER_DEFAULTS = {
        **FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
    }

    @property
    def form(self):
        form = super().form
        for name, field in form.fields.items():
            if name in self.data and not isinstance(self.filters[name], django_filters.CharFilter):
                field.required = True
        return form


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` names fields the view offers, `-` for descending, commas between (or the
    parameter repeated, as generated clients send a list: `?ordering=-start&ordering=id`).

    DRF drops terms it does not know and orders by the default, so `?ordering=nmae` answered
    rows in an order the script did not ask for: here it is a 400 at the parameter. The
    schema lists the accepted terms as an enum.
    """

    def _terms(self, view) -> list[str]:
        return list(getattr(view, "ordering_fields", None) or [])

    def get_ordering(self, request, queryset, view):
        given = request.query_params.getlist(self.ordering_param)
        if not given:
            return self.get_default_ordering(view)
        fields = [term.strip() for raw in given for term in raw.split(",")]
        known = set(self._terms(view))
        if not all(field.removeprefix("-") in known for field in fields):
            message = _("Order by one of: %(fields)s (with - before a field for descending).")
            raise ValidationError(
                {self.ordering_param: [message % {"fields": ", ".join(self._terms(view))}]}
            )
        return fields

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        terms = [signed for term in self._terms(view) for signed in (term, f"-{term}")]
        for parameter in parameters:
            parameter["schema"] = {
                "type": "array",
                "items": {"type": "string", "enum": terms},
                "minItems": 1,  # `?ordering=` is a 400
            }
            parameter["style"], parameter["explode"] = "form", False  # commas between
            parameter["description"] = str(
                _("Order by: %(fields)s; - before a field for descending, commas between.")
                % {"fields": ", ".join(self._terms(view))}
            )
        return parameters
