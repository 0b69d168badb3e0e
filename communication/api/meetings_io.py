"""Input and output serializers of the working group and meeting endpoints, kept apart.

Input names objects by id and the initiative by its slug; whether they belong to the
initiative is the services' to say (a 400 at the field)."""

from rest_framework import serializers

from sheatufim.api.fields import AwareDateTimeField, BooleanField, CharField
from sheatufim.ids import MAX_ID

from ..models import (
    AgendaItem,
    Answer,
    Attendance,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    WorkingGroup,
    WorkingGroupMember,
)
from ..services.meetings import CHOOSE_TIME_ZONE, TIME_ZONES

MAX_PEOPLE = 1000
ANSWERS = [(a.value, a.label) for a in Answer if a != Answer.PENDING]


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _optional_id(**kwargs) -> serializers.IntegerField:
    return _id(required=False, allow_null=True, **kwargs)


def _time_zone(**kwargs) -> CharField:
    """A string, not an enum of ~600 names: several differ only in case or sign (GMT0, GMT-0),
    which generated clients cannot name apart."""

    def known(value):
        if value not in TIME_ZONES:
            raise serializers.ValidationError(CHOOSE_TIME_ZONE)

    return CharField(
        max_length=64,
        validators=[known],
        help_text="The zone the meeting is shown in: an IANA name such as Asia/Jerusalem.",
        **kwargs,
    )


def _people(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=_id(), max_length=MAX_PEOPLE, **kwargs)


# --- output ------------------------------------------------------------------------------


class MemberOut(serializers.ModelSerializer):
    class Meta:
        model = WorkingGroupMember
        fields = ["user", "organization"]


class WorkingGroupOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    members = MemberOut(source="memberships", many=True, read_only=True)

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "initiative",
            "name",
            "purpose",
            "goal",
            "strategy",
            "convener",
            "members",
            "archived",
            "created_at",
        ]


class AgendaItemOut(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "position",
            "title",
            "presenter",
            "minutes_allotted",
            "goal",
            "strategy",
            "indicator",
        ]


class MeetingOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    items = AgendaItemOut(
        many=True, read_only=True, help_text="The agenda, in order (written at agenda-items)."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "initiative",
            "working_group",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "place",
            "online_url",
            "shared",
            "status",
            "uid",
            "sequence",
            "convener",
            "items",
            "created_at",
            "updated_at",
        ]


class InvitationOut(serializers.ModelSerializer):
    class Meta:
        model = MeetingInvitation
        fields = ["id", "meeting", "user", "organization", "answer", "note", "answered_at"]


class AttendanceOut(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "meeting", "user", "organization", "recorded_at"]


# --- input -------------------------------------------------------------------------------


class WorkingGroupPatchIn(serializers.Serializer):
    name = CharField(required=False, max_length=200)
    purpose = CharField(required=False, allow_blank=True)
    goal = _optional_id(help_text="A goal of the initiative's agenda; null: none.")
    strategy = _optional_id(help_text="A strategy of the initiative's agenda; null: none.")
    convener = _optional_id(help_text="A person of the initiative; null: none.")
    members = _people(
        required=False, help_text="People of the initiative (the list replaces the one before)."
    )
    archived = BooleanField(required=False)


class WorkingGroupCreateIn(WorkingGroupPatchIn):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    name = CharField(max_length=200)
    archived = None


class MeetingPatchIn(serializers.Serializer):
    kind = serializers.ChoiceField(required=False, choices=MeetingKind.choices)
    title = CharField(required=False, max_length=300)
    description = CharField(required=False, allow_blank=True)
    starts_at = AwareDateTimeField(required=False)
    ends_at = AwareDateTimeField(required=False)
    time_zone = _time_zone(required=False)
    place = CharField(required=False, allow_blank=True, max_length=300)
    online_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    shared = BooleanField(required=False)


class MeetingCreateIn(MeetingPatchIn):
    """A new meeting; without `shared`, an initiative's meeting is shared and a group's not."""

    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    working_group = _optional_id(help_text="A working group of the initiative; null: none.")
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    title = CharField(max_length=300)
    starts_at = AwareDateTimeField()
    ends_at = AwareDateTimeField()
    time_zone = _time_zone()


class AgendaItemPatchIn(serializers.Serializer):
    title = CharField(required=False, max_length=300)
    presenter = _optional_id(help_text="A person of the initiative; null: none.")
    minutes_allotted = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=1440
    )
    goal = _optional_id()
    strategy = _optional_id()
    indicator = _optional_id()


class AgendaItemCreateIn(AgendaItemPatchIn):
    meeting = _id(help_text="A meeting the user runs; the item goes at the end.")
    title = CharField(max_length=300)


class AgendaItemMoveIn(serializers.Serializer):
    direction = serializers.ChoiceField(choices=[("up", "up"), ("down", "down")])


class InvitationsIn(serializers.Serializer):
    meeting = _id(help_text="A meeting the user runs.")
    people = _people(
        min_length=1, help_text="People of the initiative; those already invited stay as they are."
    )


class AnswerIn(serializers.Serializer):
    answer = serializers.ChoiceField(choices=ANSWERS)
    note = CharField(required=False, allow_blank=True, max_length=300)


class AttendanceIn(serializers.Serializer):
    meeting = _id(help_text="A meeting the user runs, once it has started.")
    people = _people(help_text="Everyone who came: the list replaces the one before.")
