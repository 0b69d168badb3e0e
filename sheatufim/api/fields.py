"""Fields of the API's input serializers where DRF's own are looser than the schema."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class DecimalField(serializers.DecimalField):
    """DRF's DecimalField, but "" (or spaces) is not a number: a 400 at the field, as the
    schema's pattern says. DRF reads it as null when the field allows null; send null."""

    def validate_empty_values(self, data):
        if isinstance(data, str) and not data.strip():
            self.fail("invalid")
        return super().validate_empty_values(data)


class CharField(serializers.CharField):
    """DRF's CharField, but a number is not text: DRF turns 5 into "5", where the schema says
    a string (a 400 at the field)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class BooleanField(serializers.BooleanField):
    """true or false only: DRF also takes 0, 1, "yes"…, where the schema says a boolean."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class AwareDateTimeField(serializers.DateTimeField):
    """A moment with its offset (2026-12-10T16:30:00+02:00 or …Z): without one, DRF would take
    it in the server's zone, which is rarely the zone the sender meant."""

    default_error_messages = {
        "naive": _("Give the time with its offset from UTC, e.g. 2026-12-10T16:30:00+02:00."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:  # well formed, out of range (12:99): DRF's own message
                parsed = None
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
        return super().to_internal_value(value)
