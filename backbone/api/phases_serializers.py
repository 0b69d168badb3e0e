"""Input and output serializers of the phase endpoints, apart. Input names the initiative by
its slug and the item by its id; whether the user may is the service's to say (a 403)."""

from rest_framework import serializers

from initiatives.models import Phase
from sheatufim.api.fields import BooleanField, CharField
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID

from ..models import PhaseChange, PhaseCheck, PhaseItem


class PhaseItemOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = PhaseItem
        fields = ["id", "key", "phase", "component", "order", "text"]


class PhaseCheckOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PhaseCheck
        fields = [
            "id",
            "initiative",
            "item",
            "done",
            "evidence",
            "evidence_url",
            "updated_by",
            "updated_at",
        ]


class PhaseChangeOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PhaseChange
        fields = ["id", "initiative", "from_phase", "to_phase", "note", "by", "at"]


class PhaseCheckIn(serializers.Serializer):
    """Where the initiative stands on one item; posted again, it replaces what was there."""

    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    item = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="A checklist item.")
    done = BooleanField()
    evidence = CharField(required=False, allow_blank=True, max_length=4000, default="")
    evidence_url = CharField(required=False, allow_blank=True, max_length=200, default="")


class PhaseCheckPatchIn(serializers.Serializer):
    """Only the fields named change."""

    done = BooleanField(required=False)
    evidence = CharField(required=False, allow_blank=True, max_length=4000)
    evidence_url = CharField(required=False, allow_blank=True, max_length=200)


class PhaseChangeIn(serializers.Serializer):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    to_phase = serializers.ChoiceField(choices=Phase.choices)
    note = CharField(required=False, allow_blank=True, max_length=4000, default="")
