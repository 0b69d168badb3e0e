"""Input and output serializers of the minutes, decisions and action-item endpoints, apart.
Input names objects by id and the initiative by its slug; whether they belong to the
initiative, and whether the user may, is the services' to say (a 400 at the field, a 403)."""

from django.conf import settings
from rest_framework import serializers

from sheatufim.api.fields import CharField
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID

from ..models import (
    ActionItem,
    ActionItemStatus,
    Decision,
    DecisionChange,
    DecisionStatus,
    Minutes,
    MinutesComment,
    MinutesCorrection,
)


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _language():
    return serializers.ChoiceField(
        required=False, allow_blank=True, choices=settings.LANGUAGES, help_text="Empty: found."
    )


# --- output --------------------------------------------------------------------------------


class MinutesCommentOut(serializers.ModelSerializer):
    class Meta:
        model = MinutesComment
        fields = ["id", "author", "text", "created_at", "resolved"]


class MinutesCorrectionOut(serializers.ModelSerializer):
    class Meta:
        model = MinutesCorrection
        fields = ["id", "body_before", "body_after", "reason", "made_by", "made_at"]


class MinutesOut(TranslatedFields, serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(
        source="meeting.initiative", slug_field="slug", read_only=True
    )
    corrections = MinutesCorrectionOut(many=True, read_only=True)

    class Meta:
        model = Minutes
        fields = [
            "id",
            "initiative",
            "meeting",
            "state",
            "body",
            "drafted_by",
            "circulated_at",
            "approved_at",
            "approved_by",
            "updated_at",
            "corrections",
        ]


class DecisionChangeOut(serializers.ModelSerializer):
    class Meta:
        model = DecisionChange
        fields = ["id", "status_before", "status_after", "note", "changed_by", "changed_at"]


class DecisionOut(TranslatedFields, serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    changes = DecisionChangeOut(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "initiative",
            "statement",
            "meeting",
            "working_group",
            "decided_by",
            "decided_on",
            "goal",
            "strategy",
            "review_on",
            "status",
            "status_note",
            "created_at",
            "changes",
        ]


class ActionItemOut(TranslatedFields, serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "initiative",
            "title",
            "owner",
            "organization",
            "due_on",
            "status",
            "meeting",
            "decision",
            "working_group",
            "note",
            "created_at",
            "completed_at",
        ]


# --- input ---------------------------------------------------------------------------------


class CommentIn(serializers.Serializer):
    text = CharField(max_length=5000)


class CorrectionIn(serializers.Serializer):
    body = CharField(max_length=100_000)
    reason = CharField(max_length=500)


class DecisionIn(serializers.Serializer):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    statement = CharField(max_length=10_000)
    decided_on = serializers.DateField()
    meeting = _id(required=False, allow_null=True, help_text="The meeting it was taken in.")
    decided_by = CharField(required=False, allow_blank=True, max_length=200)
    goal = _id(required=False, allow_null=True)
    strategy = _id(required=False, allow_null=True)
    review_on = serializers.DateField(required=False, allow_null=True)
    language = _language()


class DecisionStatusIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    note = CharField(required=False, allow_blank=True, max_length=500)


class ActionItemPatchIn(serializers.Serializer):
    """Only the fields named change; the owner may name `status` and `note` only."""

    title = CharField(required=False, max_length=300)
    owner = _id(required=False)
    organization = _id(required=False, allow_null=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(required=False, choices=ActionItemStatus.choices)
    note = CharField(required=False, allow_blank=True, max_length=5000)


class ActionItemCreateIn(serializers.Serializer):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    title = CharField(max_length=300)
    owner = _id(help_text="A person of the initiative.")
    organization = _id(required=False, allow_null=True, help_text="Empty: the owner's own.")
    due_on = serializers.DateField(required=False, allow_null=True)
    meeting = _id(required=False, allow_null=True)
    decision = _id(required=False, allow_null=True)
    note = CharField(required=False, allow_blank=True, max_length=5000)
    language = _language()
