"""Activity endpoints: a thin layer over the selectors, the policy and the services.

Scoping: the activities of the user's initiatives; another initiative's is a 404. Every member
of an initiative reads its activities (as on the pages); writing asks the policy: an activity
the user may see but not change (another organization's, for a partner; any, for a viewer)
is a 403, and a new activity for an organization the user may not write for is a 400 at
`organization` (the service's message).
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from activities import permissions, selectors, services
from activities.api_filters import MATRIX_PARAMETERS, ActivityFilter, MatrixQuery
from activities.models import Activity
from agenda.models import Strategy
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, Organization
from measurement.models import Indicator
from sheatufim.api.schema import ErrorOut, ValidationErrorOut
from sheatufim.translated import LANGUAGE_CODES
from sheatufim.translated_forms import version_name

from .serializers import TEXT_LENGTHS, ActivityCreateIn, ActivityOut, ActivityPatchIn, MatrixOut

_VERSIONS = {
    version_name(name, lang): (name, lang) for name in TEXT_LENGTHS for lang in LANGUAGE_CODES
}


def _texts_in(data: dict, translations: dict) -> dict:
    """The versions named in `data` (`title_he`…) merged into `translations`: a version given
    replaces its own, "" or null removes it, the others stay."""
    merged = {name: dict(versions) for name, versions in (translations or {}).items()}
    for key, (name, lang) in _VERSIONS.items():
        if key in data:
            value = data.pop(key)
            if value:
                merged.setdefault(name, {})[lang] = value
            else:
                merged.get(name, {}).pop(lang, None)
    return {name: versions for name, versions in merged.items() if versions}


def _references(data: dict) -> dict:
    """The objects the ids of the body name. One that does not exist is passed on as None
    (organization, strategy) or as an unsaved Indicator with its id: the service refuses it
    at its field with the same message as one of another initiative (ids cannot be probed)."""
    named = {}
    if "organization" in data:
        named["organization"] = Organization.objects.filter(pk=data["organization"]).first()
    if "strategy" in data:
        named["strategy"] = Strategy.objects.filter(pk=data["strategy"]).first()
    if "indicators" in data:
        found = Indicator.objects.only("pk", "initiative_id").in_bulk(data["indicators"])
        ids = dict.fromkeys(data["indicators"])
        named["indicators"] = [found.get(pk) or Indicator(pk=pk) for pk in ids]
    return {**data, **named}


_NOT_YOURS = OpenApiResponse(
    ErrorOut, description="The user may see the activity but not change it."
)


@extend_schema_view(
    create=extend_schema(
        request=ActivityCreateIn,
        responses={
            201: ActivityOut,
            403: OpenApiResponse(
                ErrorOut, description="The user may not add activities in this initiative."
            ),
            404: OpenApiResponse(ErrorOut, description="No such initiative for this user."),
        },
        description="A new activity of an organization under a strategy of the initiative's"
        " agenda. A partner adds their own organization's; backbone staff any participant's.",
    ),
    partial_update=extend_schema(
        request=ActivityPatchIn,
        responses={200: ActivityOut, 403: _NOT_YOURS},
        description="Changes only the fields the body names; `indicators`, when named,"
        " replaces the list.",
    ),
    destroy=extend_schema(
        request=None,
        responses={204: None, 403: _NOT_YOURS},
        description="An activity entered by mistake; one that ended keeps its status instead.",
    ),
)
class ActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """What each organization does under each strategy of the agendas of the user's
    initiatives."""

    serializer_class = ActivityOut
    filterset_class = ActivityFilter
    ordering_fields = ["id", "starts_on", "ends_on", "updated_at"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.activities_visible_to(user=self.request.user)

    def _answer(self, activity: Activity, code=status.HTTP_200_OK) -> Response:
        return Response(ActivityOut(self.get_queryset().get(pk=activity.pk)).data, status=code)

    def _changeable(self) -> Activity:
        activity = self.get_object()
        if not permissions.can_change_activity(self.request.user, activity):
            raise exceptions.PermissionDenied
        return activity

    def create(self, request, *args, **kwargs):
        body = ActivityCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        try:
            initiative = initiative_selectors.initiative_get_for_user(
                user=request.user, slug=data.pop("initiative")
            )
        except Initiative.DoesNotExist:
            raise Http404 from None
        translations = _texts_in(data, {})
        draft = services.ActivityDraft(**_references(data), translations=translations)
        activity = services.activity_create(user=request.user, initiative=initiative, draft=draft)
        return self._answer(activity, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        activity = self._changeable()
        body = ActivityPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if any(key in data for key in _VERSIONS):
            data["translations"] = _texts_in(data, activity.translations)
        changes = _references(data)
        indicators = changes.pop("indicators", None)
        activity = services.activity_update(
            user=request.user, activity=activity, indicators=indicators, **changes
        )
        return self._answer(activity)

    def destroy(self, request, *args, **kwargs):
        services.activity_delete(user=request.user, activity=self._changeable())
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActivityMatrixView(APIView):
    """The matrix of an initiative: its strategies (rows) × its organizations (columns, a page
    at a time), the activities in each cell, and the gaps and overlaps of the whole plan."""

    @extend_schema(
        operation_id="activity_matrix_retrieve",
        parameters=MATRIX_PARAMETERS,
        responses={
            200: MatrixOut,
            400: OpenApiResponse(ValidationErrorOut, description="A parameter is not valid."),
            404: OpenApiResponse(
                ErrorOut,
                description="No such initiative for this user; a page of organizations past"
                " the end.",
            ),
        },
    )
    def get(self, request):
        # A plain dict, not the QueryDict: DRF reads an empty value of a form as "not given",
        # and `?status=` is a 400 here, as in every filter of the API.
        query = MatrixQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        try:
            initiative = initiative_selectors.initiative_get_for_user(
                user=request.user, slug=query.validated_data["initiative"]
            )
        except Initiative.DoesNotExist:
            raise Http404 from None
        if not permissions.can_view_activities(request.user, initiative):
            raise Http404
        page, per_page = query.validated_data["page"], query.validated_data["page_size"]
        matrix = selectors.matrix_for(
            initiative=initiative, filters=query.filters(), page=page, per_page=per_page
        )
        if matrix.organizations.number != page:  # the selector gives the last page instead
            raise Http404
        return Response(_matrix_body(request, initiative, matrix))


def _page_link(request, number: int | None) -> str | None:
    if number is None:
        return None
    return replace_query_param(request.build_absolute_uri(), "page", number)


def _gap_reasons(row: selectors.StrategyRow) -> list[str]:
    """The codes of GAP_REASONS that hold for the row; empty when it is not a gap."""
    return [
        code
        for code, holds in [("no_active", row.has_no_active), ("no_lead", row.has_no_lead)]
        if holds
    ]


def _strategy(row: selectors.StrategyRow) -> dict:
    title = row.strategy.text("title")
    return {
        "id": row.strategy.pk,
        "goal": row.strategy.goal_id,
        "title": str(title),
        "language": title.lang,
        "active": row.active,
        "leads": row.leads,
        "gaps": _gap_reasons(row),
        "overlapping": row.overlapping,
    }


def _organization(organization: Organization) -> dict:
    name = organization.text("name")
    return {
        "id": organization.pk,
        "name": str(name),
        "language": name.lang,
        "sector": organization.sector,
    }


def _overlap(overlap: selectors.Overlap) -> dict:
    return {
        "strategy": overlap.strategy.pk,
        "population": overlap.population,
        "geography": overlap.geography,
        "activities": [lead.pk for lead in overlap.leads],
        "organizations": list(dict.fromkeys(lead.organization_id for lead in overlap.leads)),
    }


def _matrix_body(request, initiative: Initiative, matrix: selectors.Matrix) -> dict:
    """The matrix as MatrixOut describes it; only the cells that hold activities are listed."""
    organizations = matrix.organizations
    cells = [
        {
            "strategy": row.strategy.pk,
            "organization": organization.pk,
            "activities": [{"id": a.pk, "role": a.role, "status": a.status} for a in activities],
        }
        for row in matrix.rows
        for organization, activities in zip(organizations, row.cells, strict=True)
        if activities
    ]
    return {
        "initiative": initiative.slug,
        "count": organizations.paginator.count,
        "next": _page_link(
            request, organizations.next_page_number() if organizations.has_next() else None
        ),
        "previous": _page_link(
            request,
            organizations.previous_page_number() if organizations.has_previous() else None,
        ),
        "strategies": [_strategy(row) for row in matrix.rows],
        "organizations": [_organization(organization) for organization in organizations],
        "cells": cells,
        "gaps": [
            {"strategy": row.strategy.pk, "reasons": _gap_reasons(row)} for row in matrix.gaps
        ],
        "overlaps": [_overlap(overlap) for overlap in matrix.overlaps],
    }
