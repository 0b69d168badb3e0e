"""Cohorts and leaders' profiles, read only: to the community's members and facilitators.
A profile's contact details are given only where the policy allows (the person, members of
a cohort they are in, facilitators); elsewhere they are null."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from sheatufim.api.filters import IdFilter, StrictFilterSet
from sheatufim.api.translations import TranslatedFields

from ..models import Cohort, CohortMember, LeaderProfile
from ..permissions import contact_profile_ids
from ..selectors import cohorts as cohort_selectors
from ..selectors import profiles as profile_selectors
from ._common import ViewsCommunity, visible


class CohortOut(TranslatedFields, serializers.ModelSerializer):
    host = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The host initiative's slug, or null."
    )
    member_count = serializers.IntegerField(read_only=True)
    members = serializers.SerializerMethodField(help_text="The ids of the members' profiles.")

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "description",
            "starts_on",
            "ends_on",
            "host",
            "member_count",
            "members",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_members(self, cohort) -> list[int]:
        return [member.profile_id for member in cohort.members.all()]


class CohortViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The learning community's cohorts."""

    serializer_class = CohortOut
    permission_classes = [ViewsCommunity]
    ordering_fields = ["id", "starts_on"]
    ordering = ["-starts_on", "id"]

    def get_queryset(self):
        members = CohortMember.objects.only("id", "cohort_id", "profile_id").order_by("id")
        rows = cohort_selectors.cohort_list().prefetch_related(
            Prefetch("members", queryset=members)
        )
        return visible(rows, self.request.user)


class LedOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ProfileOut(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    organization = serializers.PrimaryKeyRelatedField(read_only=True)
    leads = serializers.SerializerMethodField(
        help_text="The initiatives and spheres the leader leads (from their memberships)."
    )
    contact_email = serializers.SerializerMethodField(
        help_text="Null unless the caller may see the leader's contact details."
    )
    contact_phone = serializers.SerializerMethodField(
        help_text="Null unless the caller may see the leader's contact details."
    )

    class Meta:
        model = LeaderProfile
        fields = [
            "id",
            "name",
            "organization",
            "role_title",
            "expertise",
            "languages",
            "bio",
            "leads",
            "contact_email",
            "contact_phone",
            "opted_in_at",
        ]

    @extend_schema_field(LedOut(many=True))
    def get_leads(self, profile) -> list[dict]:
        return [
            {"slug": initiative.slug, "name": str(initiative.text("name"))}
            for initiative in getattr(profile, "leads", [])
        ]

    def _shown(self, profile) -> bool:
        allowed = self.context["contacts"]
        return allowed is None or profile.pk in allowed

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_contact_email(self, profile) -> str | None:
        return (profile.contact_email or None) if self._shown(profile) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_contact_phone(self, profile) -> str | None:
        return (profile.contact_phone or None) if self._shown(profile) else None


class ProfileFilter(StrictFilterSet):
    cohort = IdFilter(field_name="cohort_memberships__cohort", label="cohort id")
    organization = IdFilter()

    class Meta:
        model = LeaderProfile
        fields = []


class ProfileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Leaders who opted in to the learning community."""

    serializer_class = ProfileOut
    permission_classes = [ViewsCommunity]
    filterset_class = ProfileFilter
    ordering_fields = ["id", "opted_in_at"]
    ordering = ["id"]

    def get_queryset(self):
        return visible(profile_selectors.profile_list().distinct(), self.request.user)

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "contacts": contact_profile_ids(self.request.user),
        }

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None:
            many = kwargs.get("many", False)
            rows = profile_selectors.with_leadership(
                instance if many else [instance], viewer=self.request.user
            )
            instance = rows if many else rows[0]
        return super().get_serializer(instance, *args, **kwargs)


def register(router) -> None:
    router.register("community-cohorts", CohortViewSet, basename="community-cohort")
    router.register("community-profiles", ProfileViewSet, basename="community-profile")


paths: list = []
