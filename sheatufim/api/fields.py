"""Fields of the API's input serializers where DRF's own are looser than the schema."""

from rest_framework import serializers


class DecimalField(serializers.DecimalField):
    """DRF's DecimalField, but "" (or spaces) is not a number: a 400 at the field, as the
    schema's pattern says. DRF reads it as null when the field allows null; send null."""

    def validate_empty_values(self, data):
        if isinstance(data, str) and not data.strip():
            self.fail("invalid")
        return super().validate_empty_values(data)
