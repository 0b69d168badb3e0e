"""Input and output serializers of the activities API, kept apart.

Input names things by id (`organization`, `strategy`, `indicators`) and the initiative by its
slug; whether they belong to the initiative, and whether the user may write for the
organization, is the service's to say (a 400 at the field). The versions of the texts in the
other languages travel as `title_he`, `description_ar`… (sheatufim/api/translations.py).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from activities.models import Activity, ActivityRole, ActivityStatus
from initiatives.models import Sector
from sheatufim.api.fields import CharField
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID
from sheatufim.translated import LANGUAGE_CODES
from sheatufim.translated_forms import LANGUAGE_NAMES, ordered, version_name

TEXT_LENGTHS = {"title": 300, "description": None}  # None: as long as the model allows
MAX_INDICATORS = 200


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- output ------------------------------------------------------------------------------


class ActivityOut(TranslatedFields, serializers.ModelSerializer):
    """An activity, with its texts' versions in each language (`title_he`…)."""

    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    goal = serializers.IntegerField(
        source="strategy.goal_id", read_only=True, help_text="The goal of the strategy."
    )
    indicators = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="The indicators it aims to move."
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "initiative",
            "organization",
            "strategy",
            "goal",
            "title",
            "description",
            "role",
            "population",
            "geography",
            "status",
            "starts_on",
            "ends_on",
            "indicators",
            "created_at",
            "updated_at",
        ]


class MatrixActivityOut(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=ActivityRole.choices)
    status = serializers.ChoiceField(choices=ActivityStatus.choices)


class MatrixCellOut(serializers.Serializer):
    strategy = serializers.IntegerField()
    organization = serializers.IntegerField()
    activities = MatrixActivityOut(many=True, help_text="By role, then id.")


# Why a strategy is a gap, as codes (activities.selectors.StrategyRow).
GAP_REASONS = [
    ("no_active", _("No active activity")),
    ("no_lead", _("No planned or active lead")),
]


class MatrixStrategyOut(serializers.Serializer):
    id = serializers.IntegerField()
    goal = serializers.IntegerField()
    title = serializers.CharField(help_text="In the reader's language where it was given.")
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, help_text="The language `title` is in."
    )
    active = serializers.IntegerField(help_text="Active activities (within the filters).")
    leads = serializers.IntegerField(help_text="Planned or active leads (within the filters).")
    gaps = serializers.ListField(
        child=serializers.ChoiceField(choices=GAP_REASONS),
        help_text="Why the strategy is a gap; empty when it is not.",
    )
    overlapping = serializers.BooleanField(
        help_text="More than one current lead for one population and geography."
    )


class MatrixOrganizationOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="In the reader's language where it was given.")
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    sector = serializers.ChoiceField(choices=Sector.choices)


class MatrixGapOut(serializers.Serializer):
    strategy = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=GAP_REASONS))


class MatrixOverlapOut(serializers.Serializer):
    strategy = serializers.IntegerField()
    population = serializers.CharField(help_text="As the first lead wrote it; may be empty.")
    geography = serializers.CharField(help_text="As the first lead wrote it; may be empty.")
    activities = serializers.ListField(child=serializers.IntegerField(), help_text="The leads.")
    organizations = serializers.ListField(
        child=serializers.IntegerField(), help_text="Their organizations, each once."
    )


class MatrixOut(serializers.Serializer):
    initiative = serializers.CharField(help_text="The initiative's slug.")
    count = serializers.IntegerField(help_text="Organizations on every page.")
    next = serializers.URLField(allow_null=True, help_text="The next page of organizations.")
    previous = serializers.URLField(allow_null=True)
    strategies = MatrixStrategyOut(many=True, help_text="Every strategy (the rows), in order.")
    organizations = MatrixOrganizationOut(many=True, help_text="This page's (the columns).")
    cells = MatrixCellOut(
        many=True, help_text="The cells of this page's organizations that hold activities."
    )
    gaps = MatrixGapOut(many=True, help_text="Over every organization, not only this page's.")
    overlaps = MatrixOverlapOut(many=True, help_text="Over every organization.")


# --- input -------------------------------------------------------------------------------


def _optional_text(**kwargs) -> CharField:
    return CharField(required=False, allow_blank=True, **kwargs)


# `title_en`, `title_he`, … `description_ar`: the version in that language; "" or null: none.
_TextVersionsIn = type(
    "TextVersionsIn",
    (serializers.Serializer,),
    {
        version_name(name, lang): _optional_text(
            allow_null=True,
            max_length=max_length,
            help_text=f"The {name} in {LANGUAGE_NAMES[lang]}; empty or null: none.",
        )
        for name, max_length in TEXT_LENGTHS.items()
        for lang in LANGUAGE_CODES
    },
)


class ActivityPatchIn(_TextVersionsIn):
    """Every field is optional and has no default: only the fields named change."""

    organization = _id(
        required=False, help_text="A participating organization (a partner: their own)."
    )
    strategy = _id(required=False, help_text="A strategy of the initiative's agenda.")
    title = CharField(required=False, max_length=300)
    description = _optional_text()
    role = serializers.ChoiceField(required=False, choices=ActivityRole.choices)
    population = _optional_text(max_length=200)
    geography = _optional_text(max_length=200)
    status = serializers.ChoiceField(required=False, choices=ActivityStatus.choices)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    indicators = serializers.ListField(
        child=_id(),
        required=False,
        max_length=MAX_INDICATORS,
        help_text="Indicators of the initiative it aims to move (all of them: the list"
        " replaces the one before).",
    )
    language = serializers.ChoiceField(
        required=False,
        allow_blank=True,
        choices=settings.LANGUAGES,
        help_text="The language the texts are written in; empty: found from the letters of"
        " the title.",
    )

    def get_fields(self):
        fields = super().get_fields()  # `language` before the texts, each version after its own
        return {name: fields[name] for name in ordered(fields, TEXT_LENGTHS)}


class ActivityCreateIn(ActivityPatchIn):
    """A new activity; what it does not name takes its default (role `partner`, status
    `planned`, empty texts, no dates, no indicators)."""

    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    organization = _id(help_text="A participating organization (a partner: their own).")
    strategy = _id(help_text="A strategy of the initiative's agenda.")
    title = CharField(max_length=300)

    def get_fields(self):
        fields = super().get_fields()
        return {"initiative": fields.pop("initiative"), **fields}
