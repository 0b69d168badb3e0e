"""Read-only endpoints of organizations, initiatives, participations and memberships.

Every list is scoped in get_queryset by the same selectors as the pages: an object of an
initiative the user is not in is a 404.
"""

import django_filters
from rest_framework import viewsets

from initiatives import selectors
from initiatives.models import Initiative, Membership, Participation, Sector
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter

from .serializers import InitiativeOut, MembershipOut, OrganizationOut, ParticipationOut


class OrganizationFilter(StrictFilterSet):
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    name = TextFilter(field_name="name", lookup_expr="icontains")


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationOut
    filterset_class = OrganizationFilter
    ordering_fields = ["name", "id"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.organization_list_for_user(user=self.request.user)


class InitiativeFilter(StrictFilterSet):
    class Meta:
        model = Initiative
        fields = ["kind", "status", "phase"]


class InitiativeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InitiativeOut
    lookup_field = "slug"
    filterset_class = InitiativeFilter
    ordering_fields = ["name", "id"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.initiative_list_for_user(user=self.request.user)


class _InInitiativesFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug")


class ParticipationFilter(_InInitiativesFilter):
    organization = IdFilter()

    class Meta:
        model = Participation
        fields = ["organization", "role"]


class ParticipationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ParticipationOut
    filterset_class = ParticipationFilter
    ordering_fields = ["joined_on", "id"]
    ordering = ["id"]

    def get_queryset(self):
        visible = selectors.initiative_list_for_user(user=self.request.user)
        return Participation.objects.filter(initiative__in=visible).select_related("initiative")


class MembershipFilter(_InInitiativesFilter):
    organization = IdFilter()

    class Meta:
        model = Membership
        fields = ["organization", "role"]


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MembershipOut
    filterset_class = MembershipFilter
    ordering_fields = ["id"]
    ordering = ["id"]

    def get_queryset(self):
        visible = selectors.initiative_list_for_user(user=self.request.user)
        return Membership.objects.filter(initiative__in=visible).select_related(
            "initiative", "user"
        )
