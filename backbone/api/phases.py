"""Phase endpoints: the shipped checklist (read-only), each initiative's checks (written
through services.phases.phase_check) and its phase changes (a POST moves the phase through
services.phases.phase_change). Scoping: the user's initiatives; anything else is a 404."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from communication.api.base import initiative_or_404
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut

from ..models import PhaseChange, PhaseCheck, PhaseItem
from ..selectors import phases as selectors
from ..services import phases as services
from . import phases_serializers as s

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


class PhaseItemFilter(StrictFilterSet):
    class Meta:
        model = PhaseItem
        fields = ["phase", "component"]


class PhaseItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The platform's checklist: items per phase and component, as shipped."""

    serializer_class = s.PhaseItemOut
    filterset_class = PhaseItemFilter
    ordering_fields = ["id", "phase", "order"]
    ordering = ["phase", "component", "order", "id"]
    queryset = PhaseItem.objects.all()


class PhaseCheckFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    item = IdFilter()

    class Meta:
        model = PhaseCheck
        fields = ["done"]


def _item(pk: int) -> PhaseItem:
    item = PhaseItem.objects.filter(pk=pk).first()
    if item is None:
        raise ValidationError({"item": [str(services.NOT_AN_ITEM)]})
    return item


@extend_schema_view(
    create=extend_schema(
        request=s.PhaseCheckIn,
        responses={
            200: s.PhaseCheckOut,
            201: s.PhaseCheckOut,
            403: _FORBIDDEN,
            404: ErrorOut,
        },
        description="Record where the initiative stands on an item (201); posted again for"
        " the same item, it replaces the check (200).",
    ),
    partial_update=extend_schema(
        request=s.PhaseCheckPatchIn, responses={200: s.PhaseCheckOut, 403: _FORBIDDEN}
    ),
)
class PhaseCheckViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The checks of the user's initiatives; those who manage the backbone write them."""

    serializer_class = s.PhaseCheckOut
    filterset_class = PhaseCheckFilter
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.phase_checks_visible_to(user=self.request.user)

    def _answer(self, check, code=status.HTTP_200_OK):
        return Response(s.PhaseCheckOut(self.get_queryset().get(pk=check.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        body = s.PhaseCheckIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        item = _item(data.pop("item"))
        existed = PhaseCheck.objects.filter(initiative=initiative, item=item).exists()
        check = services.phase_check(initiative=initiative, item=item, by=request.user, **data)
        return self._answer(check, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        check = self.get_object()
        body = s.PhaseCheckPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        fields = {
            "done": check.done,
            "evidence": check.evidence,
            "evidence_url": check.evidence_url,
            **body.validated_data,
        }
        check = services.phase_check(
            initiative=check.initiative, item=check.item, by=request.user, **fields
        )
        return self._answer(check)


class PhaseChangeFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = PhaseChange
        fields = ["to_phase"]


@extend_schema_view(
    create=extend_schema(
        request=s.PhaseChangeIn,
        responses={201: s.PhaseChangeOut, 403: _FORBIDDEN, 404: ErrorOut},
        description="Move the initiative to another phase; the change is recorded with who"
        " made it and when.",
    ),
)
class PhaseChangeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The history of the phase of the user's initiatives."""

    serializer_class = s.PhaseChangeOut
    filterset_class = PhaseChangeFilter
    ordering_fields = ["id", "at"]
    ordering = ["-at", "-id"]

    def get_queryset(self):
        return selectors.phase_changes_visible_to(user=self.request.user)

    def create(self, request, *args, **kwargs):
        body = s.PhaseChangeIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        change = services.phase_change(initiative=initiative, by=request.user, **data)
        out = s.PhaseChangeOut(self.get_queryset().get(pk=change.pk)).data
        return Response(out, status=status.HTTP_201_CREATED)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("phase-items", PhaseItemViewSet, basename="phase-item")
    router.register("phase-checks", PhaseCheckViewSet, basename="phase-check")
    router.register("phase-changes", PhaseChangeViewSet, basename="phase-change")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
