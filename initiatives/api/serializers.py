"""Output serializers of the initiatives API (it is read-only)."""

from rest_framework import serializers

from initiatives.models import Initiative, Membership, Organization, Participation
from sheatufim.api.translations import TranslatedFields


class OrganizationOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "sector", "description", "website", "registration_number"]


class InitiativeOut(TranslatedFields, serializers.ModelSerializer):
    backbone = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "social_issue",
            "geography",
            "phase",
            "status",
            "backbone",
            "parent",
            "started_on",
        ]
        # One write path: the phase changes through backbone.services.phases.phase_change.
        read_only_fields = ["phase"]


class ParticipationOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Participation
        fields = ["id", "initiative", "organization", "role", "joined_on", "left_on"]


class MembershipOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "initiative", "user", "name", "role", "organization"]
