"""API: the results of an assessment round, the same tree as the page (backbone/views/results.py).

GET /api/v1/assessment-results/<round id>/ — the same permission (a closed round: any member;
an open one: VIEW_ASSESSMENT_RESULTS; a member who may not: 403; a round outside the user's
initiatives, or not yet open: 404) and the same anonymity (the selector's): a withheld figure
is null with `shown: false`; `answers_per_organization` is null but for a named round read by
someone with VIEW_ASSESSMENT_RESULTS.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from initiatives import selectors as initiative_selectors
from sheatufim.api.schema import ErrorOut

from ..models import AssessmentRound, RoundState
from ..selectors import results as selectors

_FORBIDDEN = OpenApiResponse(
    ErrorOut, description="A member who may not see this round's results (yet)."
)


def _mean(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        allow_null=True,
        help_text="From 1 to 4; null when withheld or when no one rated it.",
        **kwargs,
    )


class LevelCountOut(serializers.Serializer):
    level = serializers.IntegerField(
        min_value=1, max_value=4, allow_null=True, help_text='null: "I cannot say".'
    )
    label = serializers.CharField()
    count = serializers.IntegerField(min_value=0)
    percent = serializers.IntegerField(min_value=0, max_value=100)


class BenchmarkResultOut(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    text = serializers.CharField()
    respondents = serializers.IntegerField(
        min_value=0, help_text="Submitted responses that rated it."
    )
    answers = serializers.IntegerField(min_value=0, help_text='With "I cannot say" too.')
    shown = serializers.BooleanField(help_text="False: fewer than 3 respondents, withheld.")
    mean = _mean()
    distribution = LevelCountOut(many=True, help_text="Empty when withheld.")
    comments = serializers.ListField(
        child=serializers.CharField(),
        help_text="Unattributed, sorted by text; empty when withheld.",
    )


class SectionResultOut(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    respondents = serializers.IntegerField(min_value=0)
    shown = serializers.BooleanField()
    mean = _mean()
    benchmarks = BenchmarkResultOut(many=True)


class SectorSectionOut(serializers.Serializer):
    key = serializers.CharField(help_text="The section's key.")
    respondents = serializers.IntegerField(min_value=0)
    shown = serializers.BooleanField()
    mean = _mean()


class SectorResultOut(serializers.Serializer):
    sector = serializers.CharField(
        allow_blank=True, help_text="The organizations' sector; empty: no organization."
    )
    label = serializers.CharField()
    respondents = serializers.IntegerField(min_value=0)
    shown = serializers.BooleanField()
    sections = SectorSectionOut(many=True)


class ComparisonSectionOut(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class ComparisonRoundOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    opens_on = serializers.DateField()
    shown = serializers.BooleanField()
    mean = _mean()
    means = serializers.ListField(
        child=_mean(),
        help_text="Per section of `comparison.sections`, in order; null: a gap.",
    )


class ComparisonOut(serializers.Serializer):
    sections = ComparisonSectionOut(many=True)
    rounds = ComparisonRoundOut(many=True, help_text="Oldest first; the last is this round.")


class AnswerCellOut(serializers.Serializer):
    benchmark_id = serializers.IntegerField()
    answered = serializers.BooleanField()
    level = serializers.IntegerField(min_value=1, max_value=4, allow_null=True)


class OrganizationAnswersOut(serializers.Serializer):
    organization = serializers.CharField(allow_blank=True)
    respondent = serializers.CharField()
    levels = AnswerCellOut(many=True)


class RoundResultsOut(serializers.Serializer):
    round_id = serializers.IntegerField(source="round.pk")
    initiative = serializers.CharField(source="round.initiative.slug")
    title = serializers.SerializerMethodField()
    state = serializers.CharField(source="round.state", help_text="open or closed.")
    anonymous = serializers.BooleanField()
    respondents = serializers.IntegerField(min_value=0, help_text="Asked to answer.")
    submitted = serializers.IntegerField(min_value=0)
    shown = serializers.BooleanField()
    mean = _mean()
    sections = SectionResultOut(many=True)
    sectors = SectorResultOut(many=True)
    comparison = ComparisonOut()
    answers_per_organization = OrganizationAnswersOut(
        many=True,
        allow_null=True,
        help_text="Named rounds only, for those who may see results while a round is open.",
    )

    def get_title(self, results) -> str:
        return str(results.round.text("title"))


@extend_schema_view(
    retrieve=extend_schema(
        summary="The results of an assessment round",
        responses={200: RoundResultsOut, 403: _FORBIDDEN, 404: ErrorOut},
    )
)
class ResultsViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The aggregated results of an assessment round (by the round's id)."""

    serializer_class = RoundResultsOut
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        initiatives = initiative_selectors.initiative_list_for_user(user=self.request.user)
        return AssessmentRound.objects.filter(
            initiative__in=initiatives, state__in=[RoundState.OPEN, RoundState.CLOSED]
        ).select_related("initiative", "template")

    def retrieve(self, request, *args, **kwargs):
        round_ = self.get_object()
        if not selectors.can_view_results(request.user, round_):
            raise PermissionDenied
        results = selectors.round_results(round_, user=request.user)
        return Response(RoundResultsOut(results).data)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("assessment-results", ResultsViewSet, basename="assessment-result")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
