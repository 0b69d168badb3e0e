"""The field view: GET /api/v1/field-view/ (?kind=, ?phase=): the rows and the aggregates of
the page (community/field/selectors.py), for those who may view a portfolio (superusers,
facilitators, backbone staff); anyone else signed in gets a 403. A filter value that is not
one of its choices is a 400 at its field. The anonymity is the page's: a withheld score is
null with `state: "withheld"`, and no aggregate counts it. Read in the same fixed number of
queries whatever the number of initiatives."""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backbone.selectors.health import Condition, Status
from initiatives.models import InitiativeKind, Phase
from initiatives.permissions import can_view_portfolio
from sheatufim.api.schema import ErrorOut, ValidationErrorOut

from .selectors import ScoreState, field_view


def _mean(**kwargs) -> serializers.DecimalField:
    kwargs.setdefault("help_text", "From 1 to 4; null when withheld or when there is none.")
    return serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True, **kwargs)


class FieldFilterIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InitiativeKind.choices, required=False)
    phase = serializers.ChoiceField(choices=Phase.choices, required=False)


class FieldRoundOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    closes_on = serializers.DateField()
    anonymous = serializers.BooleanField()
    respondents = serializers.IntegerField(source="submitted", min_value=0)


class FieldConditionOut(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Condition.choices, source="signal.condition")
    label = serializers.CharField(source="signal.label")
    health = serializers.ChoiceField(choices=Status.choices, source="signal.status")
    health_label = serializers.CharField(source="signal.status_label")
    mean = _mean(source="score.mean")
    score_state = serializers.ChoiceField(
        choices=[ScoreState.SHOWN, ScoreState.WITHHELD, ScoreState.NONE],
        source="score.state",
        help_text="withheld: an anonymous round with fewer than 3 respondents for it.",
    )
    respondents = serializers.IntegerField(source="score.respondents", min_value=0)


class FieldRowOut(serializers.Serializer):
    initiative = serializers.IntegerField(source="initiative.pk")
    slug = serializers.CharField(source="initiative.slug")
    name = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=InitiativeKind.choices, source="initiative.kind")
    phase = serializers.ChoiceField(choices=Phase.choices, source="initiative.phase")
    round = FieldRoundOut(
        allow_null=True, help_text="The latest closed round on the five conditions."
    )
    conditions = FieldConditionOut(many=True, source="cells")

    def get_name(self, row) -> str:
        return str(row.initiative.text("name"))


class FieldAggregateMeanOut(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Condition.choices)
    mean = _mean(help_text="The mean of the initiatives' means; null when none has one.")
    over = serializers.IntegerField(min_value=0, help_text="Initiatives with a score shown.")
    withheld = serializers.IntegerField(
        min_value=0, help_text="Initiatives whose score is withheld."
    )


class FieldAggregateOut(serializers.Serializer):
    group = serializers.ChoiceField(choices=["kind", "phase", "all"])
    value = serializers.CharField(allow_null=True, help_text="The kind or the phase; null: all.")
    label = serializers.CharField()
    initiatives = serializers.IntegerField(min_value=0)
    means = FieldAggregateMeanOut(many=True)


class FieldViewOut(serializers.Serializer):
    rows = FieldRowOut(many=True)
    aggregates = FieldAggregateOut(many=True, help_text="By kind, by phase, then all.")


class FieldView(APIView):
    """The field view of the facilitating organization: every initiative and sphere the user
    follows, with its phase, condition health and latest assessment scores, and aggregates."""

    @extend_schema(
        summary="The field view: the followed initiatives side by side, with aggregates",
        parameters=[FieldFilterIn],
        responses={
            200: FieldViewOut,
            400: OpenApiResponse(
                ValidationErrorOut, description="A filter's value is not one of its choices."
            ),
            403: OpenApiResponse(
                ErrorOut, description="The field view is for facilitators and backbone staff."
            ),
        },
    )
    def get(self, request, *args, **kwargs):
        if not can_view_portfolio(request.user):
            raise exceptions.PermissionDenied(
                _("The field view is for facilitators and backbone staff.")
            )
        # A plain dict, not the QueryDict: a serializer skips an empty value of a form's
        # optional field, and `?phase=` must be a 400 like any other bad value.
        given = {
            k: request.query_params[k] for k in FieldFilterIn().fields if k in request.query_params
        }
        filters = FieldFilterIn(data=given)
        filters.is_valid(raise_exception=True)
        view = field_view(user=request.user, **filters.validated_data)
        return Response(FieldViewOut(view).data)


def register(router) -> None:
    """Nothing on the router: the field view is one object, not a list."""


paths: list = [path("field-view/", FieldView.as_view(), name="field-view")]
