"""Condition health: GET /api/v1/condition-health/ (the initiatives whose condition health the
user may see, each with its five signals; ?initiative=<id> for one) and
/api/v1/condition-health/<initiative id>/. The permission is the page's
(Action.VIEW_ASSESSMENT_RESULTS): an initiative the user is not a member of is a 404, one they
may not see the health of a 403. A page of initiatives is read in the same fixed number of
queries whatever its size (condition_health)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from initiatives.permissions import Action, can
from sheatufim.api.filters import IdFilter, StrictFilterSet
from sheatufim.api.schema import ErrorOut
from sheatufim.ids import parse_id

from ..selectors.health import Condition, Status, Trend, condition_health
from ..signals import health_visible


class SignalOut(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Condition.choices)
    label = serializers.CharField(help_text="The condition, in words.")
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(help_text="The status, in words.")
    sentence = serializers.CharField(help_text="One line with the signal's figures.")
    figures = serializers.DictField(help_text="The figures (see docs/condition-health.md).")
    trend = serializers.ChoiceField(choices=Trend.choices)
    compared_with = serializers.CharField(help_text="The earlier point of the trend.")
    url = serializers.CharField(help_text="The page where to act.")


class HealthOut(serializers.Serializer):
    initiative = serializers.IntegerField()
    slug = serializers.CharField()
    signals = SignalOut(many=True)


class HealthFilter(StrictFilterSet):
    initiative = IdFilter(field_name="pk", label="initiative id")

    class Meta:
        model = Initiative
        fields = ["initiative"]


def _rows(initiatives) -> list[dict]:
    found = condition_health([initiative.pk for initiative in initiatives])
    return [
        {"initiative": i.pk, "slug": i.slug, "signals": found[i.pk].signals} for i in initiatives
    ]


@extend_schema_view(
    list=extend_schema(
        summary="Condition health of the initiatives the user may see it of",
        responses={200: HealthOut(many=True)},
    ),
    retrieve=extend_schema(
        summary="Condition health of one initiative (by its id)",
        responses={
            200: HealthOut,
            403: OpenApiResponse(
                ErrorOut, description="Condition health is for the backbone and the facilitator."
            ),
        },
    ),
)
class HealthViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The five signals of condition health (docs/condition-health.md)."""

    serializer_class = HealthOut
    filterset_class = HealthFilter
    ordering = ["pk"]
    ordering_fields = ["id"]

    def get_queryset(self):
        return initiative_selectors.initiative_list_for_user(user=self.request.user).order_by("pk")

    def list(self, request, *args, **kwargs):
        initiatives = list(self.filter_queryset(self.get_queryset()))
        visible = set(health_visible(request.user, [i.pk for i in initiatives]))
        shown = [i for i in initiatives if i.pk in visible]
        page = self.paginate_queryset(shown)
        if page is not None:
            return self.get_paginated_response(HealthOut(_rows(page), many=True).data)
        return Response(HealthOut(_rows(shown), many=True).data)

    def retrieve(self, request, pk=None, *args, **kwargs):
        initiative = get_object_or_404(self.get_queryset(), pk=parse_id(pk) or 0)
        if not can(request.user, Action.VIEW_ASSESSMENT_RESULTS, initiative):
            raise exceptions.PermissionDenied(
                _("Condition health is for the backbone and the facilitator.")
            )
        return Response(HealthOut(_rows([initiative])[0]).data)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("condition-health", HealthViewSet, basename="condition-health")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
