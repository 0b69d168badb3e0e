"""Input and output serializers of the measurement API, kept apart."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from measurement.models import (
    Category,
    CategoryRollup,
    Dimension,
    Indicator,
    ReportingPeriod,
    Rollup,
    Submission,
    Target,
)
from sheatufim.api.fields import BooleanField, CharField, DecimalField
from sheatufim.api.translations import TranslatedFields

NUMBER = {"max_digits": 20, "decimal_places": 6, "required": False, "allow_null": True}


# --- output ------------------------------------------------------------------------------


class CategoryOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "order"]


class DimensionOut(TranslatedFields, serializers.ModelSerializer):
    categories = CategoryOut(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["id", "name", "categories"]


class TargetOut(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["period", "value"]


class IndicatorOut(TranslatedFields, serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    dimensions = DimensionOut(many=True, read_only=True)
    targets = TargetOut(many=True, read_only=True)
    organizations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "initiative",
            "code",
            "name",
            "definition",
            "unit",
            "data_source",
            "method",
            "goal",
            "kind",
            "value_type",
            "aggregation",
            "cumulative",
            "time_aggregation",
            "direction",
            "frequency",
            "decimals",
            "baseline",
            "baseline_label",
            "is_active",
            "contributes_to",
            "contribution_active",
            "dimensions",
            "targets",
            "organizations",
        ]


class PeriodOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "initiative", "label", "frequency", "start", "end", "due_date", "state"]


class CategoryValueOut(serializers.Serializer):
    category = serializers.IntegerField(source="category_id")
    value = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True)
    numerator = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True)
    denominator = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True)


class SubmissionOut(serializers.ModelSerializer):
    categories = CategoryValueOut(source="category_values", many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "indicator",
            "organization",
            "period",
            "state",
            "value",
            "numerator",
            "denominator",
            "weight",
            "categories",
            "breakdown_incomplete",
            "comment",
            "flagged",
            "flag_reason",
            "review_note",
            "version",
            "submitted_at",
            "reviewed_at",
            "updated_at",
        ]


class RollupOut(serializers.ModelSerializer):
    # Of `contributing`: those that reported this very period, and those whose cumulative
    # value was carried forward from an earlier one.
    reported = serializers.IntegerField(read_only=True)
    # Too few of the expected organizations have reported yet (measurement/provisional.py);
    # annotated by the queryset (selectors.rollups_visible_to).
    provisional = serializers.BooleanField(read_only=True)

    class Meta:
        model = Rollup
        fields = [
            "id",
            "indicator",
            "period",
            "value",
            "numerator",
            "denominator",
            "contributing",
            "reported",
            "carried",
            "expected",
            "provisional",
            "computed_at",
        ]


class CategoryRollupOut(serializers.ModelSerializer):
    reported = serializers.SerializerMethodField()
    # That of the period's total (selectors.category_rollups_visible_to).
    provisional = serializers.BooleanField(read_only=True)

    class Meta:
        model = CategoryRollup
        fields = [
            "id",
            "indicator",
            "period",
            "category",
            "value",
            "numerator",
            "denominator",
            "contributing",
            "reported",
            "carried",
            "provisional",
            "computed_at",
        ]

    def get_reported(self, rollup: CategoryRollup) -> int:
        return rollup.contributing - rollup.carried


class CompletenessRowOut(serializers.Serializer):
    indicator = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    returned = serializers.IntegerField()
    missing = serializers.IntegerField()
    late = serializers.IntegerField()


# --- input -------------------------------------------------------------------------------


class CategoryValueIn(serializers.Serializer):
    category = serializers.IntegerField(min_value=1)
    value = DecimalField(**NUMBER)
    numerator = DecimalField(**NUMBER)
    denominator = DecimalField(**NUMBER)

    def validate(self, attrs):
        # A PATCH makes every field optional, the nested ones too; a category row still
        # needs its category.
        if "category" not in attrs:
            raise serializers.ValidationError({"category": [_("This field is required.")]})
        return attrs


class ValuesIn(serializers.Serializer):
    value = DecimalField(**NUMBER)
    numerator = DecimalField(**NUMBER)
    denominator = DecimalField(**NUMBER)
    weight = DecimalField(**NUMBER)
    categories = CategoryValueIn(many=True, required=False, max_length=200)
    breakdown_incomplete = BooleanField(required=False)
    comment = CharField(required=False, allow_blank=True, max_length=2000)
    submit = BooleanField(
        required=False,
        help_text="true: submit for review; false: save as a draft (a submitted value is taken"
        " back). Left out: the value stays in its state, and a change to a value waiting for"
        " review is refused.",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The version you read (0 for a value not yet saved). If the value changed"
        " since, nothing is saved and the answer is 409 with the value as it is now.",
    )


class SubmissionCreateIn(ValuesIn):
    indicator = serializers.IntegerField(min_value=1)
    organization = serializers.IntegerField(min_value=1)
    period = serializers.IntegerField(min_value=1)


class ReturnIn(serializers.Serializer):
    note = CharField(max_length=2000, help_text="What the partner should correct.")


class ConflictOut(serializers.Serializer):
    detail = CharField(help_text="What changed, for people.")
    code = serializers.ChoiceField(choices=["conflict"], help_text="`conflict`.")
    errors = serializers.DictField(child=serializers.ListField(child=CharField()))
    current = SubmissionOut(help_text="The value as it is now, with its version.")
