"""Input and output serializers of the agenda API, kept apart."""

from rest_framework import serializers

from agenda.models import AgendaVersion, Decision, Endorsement, Goal, Strategy
from sheatufim.api.translations import TranslatedFields


class VersionOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    snapshot = serializers.JSONField(
        read_only=True,
        help_text="Frozen at adoption: the sections and the goals with their strategies, by id."
        " Empty for a version still being drafted.",
    )

    class Meta:
        model = AgendaVersion
        fields = [
            "id",
            "initiative",
            "number",
            "state",
            "vision",
            "problem",
            "scope_population",
            "scope_geography",
            "scope_out",
            "principles",
            "adopted_at",
            "snapshot",
        ]


class GoalOut(TranslatedFields, serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "initiative", "parent", "order", "title", "description", "retired"]


class StrategyOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = Strategy
        fields = ["id", "goal", "order", "title", "description", "retired"]


class EndorsementOut(serializers.ModelSerializer):
    class Meta:
        model = Endorsement
        fields = ["id", "version", "organization", "decision", "reason", "at"]


class EndorsementIn(serializers.Serializer):
    """The partner's decision for their own organization on the initiative's adopted version."""

    initiative = serializers.SlugField(help_text="The initiative's slug.")
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Required when declined."
    )
