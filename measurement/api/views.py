"""Measurement endpoints: a thin layer over the selectors, the policy and the services."""

from collections import defaultdict

from django.db import connection
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from initiatives import selectors as initiative_selectors
from initiatives.models import Organization
from measurement import permissions, selectors, services
from measurement.filters import (
    CategoryRollupFilter,
    IndicatorFilter,
    PeriodFilter,
    RollupFilter,
    SubmissionFilter,
)
from measurement.models import (
    CategoryValue,
    Indicator,
    ReportingPeriod,
    Submission,
)
from sheatufim.api.pagination import RowsPagination
from sheatufim.api.rows import RowRenderer
from sheatufim.api.schema import ErrorOut
from sheatufim.ids import parse_id

from .serializers import (
    CategoryRollupOut,
    CategoryValueOut,
    CompletenessRowOut,
    ConflictOut,
    IndicatorOut,
    PeriodOut,
    ReturnIn,
    RollupOut,
    SubmissionCreateIn,
    SubmissionOut,
    ValuesIn,
)


def _visible_initiatives(request):
    return initiative_selectors.initiative_list_for_user(user=request.user)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorOut
    filterset_class = IndicatorFilter
    ordering_fields = ["code", "id"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.indicators_visible_to(user=self.request.user)


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodOut
    filterset_class = PeriodFilter
    ordering_fields = ["start", "due_date", "id"]
    ordering = ["start", "id"]

    def get_queryset(self):
        return selectors.periods_visible_to(user=self.request.user)


def _values(data) -> services.Values:
    return services.Values(
        value=data.get("value"),
        numerator=data.get("numerator"),
        denominator=data.get("denominator"),
        weight=data.get("weight"),
        categories={
            item["category"]: {
                "value": item.get("value"),
                "numerator": item.get("numerator"),
                "denominator": item.get("denominator"),
            }
            for item in data.get("categories", [])
        },
        breakdown_incomplete=data.get("breakdown_incomplete", False),
        comment=data.get("comment", ""),
    )


VALUE_FIELDS = frozenset(
    ("value", "numerator", "denominator", "weight", "categories", "breakdown_incomplete", "comment")
)


def _given(data) -> frozenset[str]:
    """The value fields a request named: the others keep what is stored."""
    return VALUE_FIELDS.intersection(data)


_CONFLICT = OpenApiResponse(
    ConflictOut,
    description="`version` was given and the value changed since: nothing was saved; `current`"
    " is the value as it is now.",
)
_SUBMISSION_ROW = RowRenderer(SubmissionOut, skip={"categories"})
_FILTERS = frozenset(SubmissionFilter.base_filters)
_CATEGORY_ROW = RowRenderer(CategoryValueOut)


def _category_rows(submission_ids: list[int]) -> list[dict]:
    """The category values of a page's submissions, in the order they were stored."""
    if connection.vendor != "postgresql":
        rows = CategoryValue.objects.filter(submission_id__in=submission_ids).order_by("pk")
        return list(rows.values("submission_id", *_CATEGORY_ROW.sources))
    # The ORM's building of this one query cost more than the query (1.5 against 0.3 ms for a
    # page of 100); psycopg gives the same Decimals the ORM would.
    with connection.cursor() as cursor:
        cursor.execute(_CATEGORY_SQL, [submission_ids])
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_CATEGORY_SQL = (
    f"SELECT submission_id, {', '.join(_CATEGORY_ROW.sources)} FROM measurement_categoryvalue "
    "WHERE submission_id = ANY(%s) ORDER BY id"
)


@extend_schema_view(
    create=extend_schema(
        request=SubmissionCreateIn,
        responses={
            201: OpenApiResponse(SubmissionOut, description="A new value."),
            200: OpenApiResponse(
                SubmissionOut,
                description="The organization already had a value for this indicator and"
                " period: it was updated (the same as PATCH).",
            ),
            409: _CONFLICT,
        },
    ),
    partial_update=extend_schema(request=ValuesIn, responses={200: SubmissionOut, 409: _CONFLICT}),
    update=extend_schema(request=ValuesIn, responses={200: SubmissionOut, 409: _CONFLICT}),
)
class SubmissionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Values of indicators. A partner writes their own organization's values only; staff
    (backbone) may write any participating organization's, and review."""

    serializer_class = SubmissionOut
    filterset_class = SubmissionFilter
    ordering_fields = ["id", "updated_at", "submitted_at"]
    ordering = ["id"]
    pagination_class = RowsPagination

    def get_queryset(self):
        submissions = selectors.submissions_visible_to(user=self.request.user)
        if self.action == "list":  # rows, not instances: nothing to join or prefetch
            return submissions.select_related(None)
        return submissions.prefetch_related(
            Prefetch("category_values", CategoryValue.objects.order_by("pk"))
        )

    def filter_queryset(self, queryset):
        if _FILTERS.intersection(self.request.query_params):
            return super().filter_queryset(queryset)
        # No filter asked for: building the filterset and its form would change nothing.
        for backend in self.filter_backends:
            if not issubclass(backend, DjangoFilterBackend):
                queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def list(self, request, *args, **kwargs):
        # The busiest endpoint of integrations: rendered from `.values()` (see rows.py), the
        # total counted in the page's query (RowsPagination).
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset.values(*_SUBMISSION_ROW.sources))
        rows = list(page)
        category_rows = _category_rows([row["id"] for row in rows])
        categories = defaultdict(list)
        for row, rendered in zip(category_rows, _CATEGORY_ROW(category_rows), strict=True):
            categories[row["submission_id"]].append(rendered)
        data = [
            rendered | {"categories": categories[row["id"]]}
            for row, rendered in zip(rows, _SUBMISSION_ROW(rows), strict=True)
        ]
        return self.get_paginated_response(data)

    def _save(self, *, indicator, organization, period, data, submission_exists: bool, given):
        try:
            submission, _changed = services.submission_save(
                user=self.request.user,
                indicator=indicator,
                organization=organization,
                period=period,
                values=_values(data),
                submit=data.get("submit"),
                version=data.get("version"),
                given=given,
            )
        except services.VersionConflict as conflict:
            current = self.get_queryset().get(pk=conflict.submission.pk)
            body = {
                "detail": conflict.message,
                "code": "conflict",
                "errors": {"version": [conflict.message]},
                "current": SubmissionOut(current).data,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        submission = self.get_queryset().get(pk=submission.pk)
        code = status.HTTP_200_OK if submission_exists else status.HTTP_201_CREATED
        return Response(SubmissionOut(submission).data, status=code)

    def create(self, request, *args, **kwargs):
        data = SubmissionCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        visible = _visible_initiatives(request)
        indicator = (
            Indicator.objects.filter(pk=data.validated_data["indicator"], initiative__in=visible)
            .select_related("initiative")
            .first()
        )
        errors = {}
        if indicator is None:
            errors["indicator"] = [str(services.submissions.NO_SUCH_INDICATOR)]
        period = ReportingPeriod.objects.filter(
            pk=data.validated_data["period"], initiative__in=visible
        ).first()
        if period is None:
            errors["period"] = [_("No such period in your initiatives.")]
        organization = Organization.objects.filter(pk=data.validated_data["organization"]).first()
        if organization is None:
            errors["organization"] = [_("No such organization.")]
        if errors:
            raise exceptions.ValidationError(errors)
        exists = Submission.objects.filter(
            indicator=indicator, organization=organization, period=period
        ).exists()
        return self._save(
            indicator=indicator,
            organization=organization,
            period=period,
            data=data.validated_data,
            submission_exists=exists,
            given=_given(data.validated_data),
        )

    def update(self, request, *args, **kwargs):
        submission = self.get_object()
        partial = kwargs.get("partial", False)
        data = ValuesIn(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return self._save(
            indicator=submission.indicator,
            organization=submission.organization,
            period=submission.period,
            data=data.validated_data,
            submission_exists=True,
            # PUT replaces every value field (those left out become empty); PATCH only those
            # it names.
            given=_given(data.validated_data) if partial else None,
        )

    @extend_schema(request=None, responses={200: SubmissionOut})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft or returned value for review, as it is."""
        submission = self.get_object()
        return self._save(
            indicator=submission.indicator,
            organization=submission.organization,
            period=submission.period,
            data={"submit": True},
            submission_exists=True,
            given=frozenset(),
        )

    def _reviewed(self, pk):
        submission = self.get_object()
        if not permissions.can_review(self.request.user, submission.indicator.initiative):
            raise exceptions.PermissionDenied(str(services.review.ONLY_BACKBONE_REVIEWS))
        return submission

    @extend_schema(request=None, responses={200: SubmissionOut})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        submission = self._reviewed(pk)
        services.submission_approve(submission_id=submission.pk, user=request.user)
        return Response(SubmissionOut(self.get_queryset().get(pk=submission.pk)).data)

    @extend_schema(request=ReturnIn, responses={200: SubmissionOut})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Send a submitted value back to the partner with a note."""
        submission = self._reviewed(pk)
        data = ReturnIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.submission_return(
            submission_id=submission.pk, user=request.user, note=data.validated_data["note"]
        )
        return Response(SubmissionOut(self.get_queryset().get(pk=submission.pk)).data)


class RollupViewSet(viewsets.ReadOnlyModelViewSet):
    """Initiative-level figures (from approved values only), per indicator and period."""

    serializer_class = RollupOut
    filterset_class = RollupFilter
    ordering_fields = ["id", "computed_at"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.rollups_visible_to(user=self.request.user)


class CategoryRollupViewSet(RollupViewSet):
    """The same figures per category of a breakdown."""

    serializer_class = CategoryRollupOut
    filterset_class = CategoryRollupFilter

    def get_queryset(self):
        return selectors.category_rollups_visible_to(user=self.request.user)


class CompletenessViewSet(viewsets.ViewSet):
    """Expected (assigned organization × indicator) against submitted, approved and late."""

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="period id")],
        responses={
            200: CompletenessRowOut(many=True),
            403: OpenApiResponse(ErrorOut, description="Completeness is for the backbone staff."),
        },
    )
    def retrieve(self, request, pk=None):
        period = get_object_or_404(
            selectors.periods_visible_to(user=request.user), pk=parse_id(pk) or 0
        )
        initiative = period.initiative
        if not permissions.can_view_completeness(request.user, initiative):
            raise exceptions.PermissionDenied(_("Completeness is for the backbone staff."))
        data = selectors.completeness(initiative=initiative, period=period)
        return Response(CompletenessRowOut(data["rows"], many=True).data)
