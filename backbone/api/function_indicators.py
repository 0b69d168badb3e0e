"""Backbone indicators: which of an initiative's backbone-effectiveness indicators measures
which function. Members read; those who manage the backbone tie and untie, through the
service. An indicator outside the user's initiatives is a 404, in a path or in a body."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from initiatives import selectors as initiative_selectors
from measurement.models import Indicator
from sheatufim.api.filters import IdFilter, StrictFilterSet
from sheatufim.api.schema import ErrorOut
from sheatufim.ids import MAX_ID

from ..models import BackboneFunction, FunctionIndicator
from ..services import function_indicators as services

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


class FunctionIndicatorOut(serializers.ModelSerializer):
    initiative = serializers.IntegerField(source="indicator.initiative_id", read_only=True)

    class Meta:
        model = FunctionIndicator
        fields = ["id", "indicator", "initiative", "function"]


class FunctionIndicatorIn(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    function = serializers.ChoiceField(choices=BackboneFunction.choices)


class FunctionIndicatorFilter(StrictFilterSet):
    initiative = IdFilter(field_name="indicator__initiative_id")
    indicator = IdFilter()

    class Meta:
        model = FunctionIndicator
        fields = ["function"]


def _visible(user):
    return initiative_selectors.initiative_list_for_user(user=user).values("pk")


@extend_schema_view(
    create=extend_schema(
        request=FunctionIndicatorIn,
        responses={201: FunctionIndicatorOut, 403: _FORBIDDEN, 404: ErrorOut},
    ),
    destroy=extend_schema(responses={204: None, 403: _FORBIDDEN, 404: ErrorOut}),
)
class FunctionIndicatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The backbone's indicators and the function each one measures (posting an indicator
    already tied moves it to the function given)."""

    serializer_class = FunctionIndicatorOut
    filterset_class = FunctionIndicatorFilter
    ordering_fields = ["id", "function"]
    ordering = ["id"]

    def get_queryset(self):
        return FunctionIndicator.objects.filter(
            indicator__initiative__in=_visible(self.request.user)
        ).select_related("indicator__initiative")

    def create(self, request, *args, **kwargs):
        body = FunctionIndicatorIn(data=request.data)
        body.is_valid(raise_exception=True)
        indicator = (
            Indicator.objects.filter(initiative__in=_visible(request.user))
            .select_related("initiative")
            .filter(pk=body.validated_data["indicator"])
            .first()
        )
        if indicator is None:
            raise Http404
        link = services.function_indicator_set(
            indicator=indicator, function=body.validated_data["function"], by=request.user
        )
        return Response(
            FunctionIndicatorOut(self.get_queryset().get(pk=link.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def destroy(self, request, *args, **kwargs):
        services.function_indicator_remove(link=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("backbone-indicators", FunctionIndicatorViewSet, basename="backbone-indicator")


paths: list = []
