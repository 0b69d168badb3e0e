"""Agenda endpoints: a thin layer over the selectors, the policy and the services."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from agenda import selectors, services
from agenda.filters import EndorsementFilter, GoalFilter, StrategyFilter, VersionFilter
from agenda.models import Endorsement
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from sheatufim.api.schema import ErrorOut

from .serializers import EndorsementIn, EndorsementOut, GoalOut, StrategyOut, VersionOut


class VersionViewSet(viewsets.ReadOnlyModelViewSet):
    """The versions of the agendas of the user's initiatives; an adopted one with its frozen
    snapshot."""

    serializer_class = VersionOut
    filterset_class = VersionFilter
    ordering_fields = ["number", "id"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.versions_visible_to(user=self.request.user)


class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GoalOut
    filterset_class = GoalFilter
    ordering_fields = ["order", "id"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.goals_visible_to(user=self.request.user)


class StrategyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StrategyOut
    filterset_class = StrategyFilter
    ordering_fields = ["order", "id"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.strategies_visible_to(user=self.request.user)


@extend_schema_view(
    create=extend_schema(
        request=EndorsementIn,
        responses={
            201: OpenApiResponse(EndorsementOut, description="The organization's decision."),
            404: OpenApiResponse(
                ErrorOut, description="No such initiative for this user, or no adopted version."
            ),
        },
        description="A partner representative endorses (or declines, with a reason) the"
        " initiative's adopted version for their own organization; sent again, it replaces"
        " their decision on that version.",
    )
)
class EndorsementViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EndorsementOut
    filterset_class = EndorsementFilter
    ordering_fields = ["at", "id"]
    ordering = ["id"]

    def get_queryset(self):
        initiatives = initiative_selectors.initiative_list_for_user(user=self.request.user)
        return Endorsement.objects.filter(version__initiative__in=initiatives)

    def create(self, request, *args, **kwargs):
        data = EndorsementIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            initiative = initiative_selectors.initiative_get_for_user(
                user=request.user, slug=data.validated_data["initiative"]
            )
        except Initiative.DoesNotExist:
            raise Http404 from None
        adopted = selectors.agenda_for(initiative=initiative).adopted
        if adopted is None:
            raise Http404
        endorsement = services.endorsement_save(
            user=request.user,
            version=adopted,
            decision=data.validated_data["decision"],
            reason=data.validated_data.get("reason", ""),
        )
        return Response(EndorsementOut(endorsement).data, status=status.HTTP_201_CREATED)
