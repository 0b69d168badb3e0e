"""Minutes, decisions and action-item endpoints: thin over the selectors and the services.

Scoping: what the user sees in their initiatives (selectors.minutes); anything else is a 404.
The minutes are read here and moved by POST actions (circulate, approve, correct, comments);
their text is written on the page. An action item's owner may PATCH its status and note only.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agenda.models import Goal, Strategy
from initiatives.models import Initiative, Organization, User
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut

from .. import permissions
from ..models import ActionItem, Decision, Meeting, Minutes
from ..selectors import minutes as selectors
from ..services import action_items as item_services
from ..services import decisions as decision_services
from ..services import minutes as minutes_services
from ..services._people import NOT_OF_INITIATIVE
from . import minutes_serializers as s
from .base import initiative_or_404

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


def _resolve(data: dict, initiative: Initiative) -> dict:
    """The ids of the body as the initiative's objects; one that is not its own (or does not
    exist) is a 400 at its field, the same either way (ids cannot be probed)."""
    lookups = {
        "meeting": Meeting.objects.filter(initiative=initiative),
        "goal": Goal.objects.filter(initiative=initiative),
        "strategy": Strategy.objects.filter(goal__initiative=initiative),
        "decision": Decision.objects.filter(initiative=initiative),
        "owner": User.objects.filter(memberships__initiative=initiative),
        "organization": Organization.objects.filter(participations__initiative=initiative),
    }
    resolved, errors = dict(data), {}
    for name, queryset in lookups.items():
        if resolved.get(name) is None:
            continue
        found = queryset.filter(pk=resolved[name]).first()
        if found is None:
            errors[name] = [str(NOT_OF_INITIATIVE)]
        resolved[name] = found
    if errors:
        raise ValidationError(errors)
    return resolved


class MinutesFilter(StrictFilterSet):
    initiative = TextFilter(field_name="meeting__initiative__slug", label="initiative slug")
    meeting = IdFilter()

    class Meta:
        model = Minutes
        fields = ["state"]


@extend_schema_view(
    circulate=extend_schema(request=None, responses={200: s.MinutesOut, 403: _FORBIDDEN}),
    approve=extend_schema(request=None, responses={200: s.MinutesOut, 403: _FORBIDDEN}),
    correct=extend_schema(
        request=s.CorrectionIn,
        responses={201: s.MinutesCorrectionOut, 403: _FORBIDDEN},
        description="A change to approved minutes, recorded with the text before and after.",
    ),
    comments=extend_schema(
        methods=["GET"], request=None, responses={200: s.MinutesCommentOut(many=True)}
    ),
)
class MinutesViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings' minutes: drafts to those who run the meeting, circulated minutes also to its
    invitees and attendees, approved minutes to all who see the meeting."""

    serializer_class = s.MinutesOut
    filterset_class = MinutesFilter
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.minutes_visible_to(user=self.request.user).prefetch_related("corrections")

    def _answer(self, minutes, code=status.HTTP_200_OK):
        return Response(s.MinutesOut(self.get_queryset().get(pk=minutes.pk)).data, status=code)

    @action(detail=True, methods=["post"])
    def circulate(self, request, pk=None):
        minutes = self.get_object()
        return self._answer(minutes_services.minutes_circulate(user=request.user, minutes=minutes))

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        minutes = self.get_object()
        return self._answer(minutes_services.minutes_approve(user=request.user, minutes=minutes))

    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        minutes = self.get_object()
        body = s.CorrectionIn(data=request.data)
        body.is_valid(raise_exception=True)
        correction = minutes_services.minutes_correct(
            user=request.user, minutes=minutes, **body.validated_data
        )
        return Response(s.MinutesCorrectionOut(correction).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["POST"],
        request=s.CommentIn,
        responses={201: s.MinutesCommentOut, 403: _FORBIDDEN},
        description="Ask for a correction while the minutes circulate.",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def comments(self, request, pk=None):
        minutes = self.get_object()
        if request.method == "GET":
            rows = minutes.comments.all()
            return Response(s.MinutesCommentOut(rows, many=True).data)
        body = s.CommentIn(data=request.data)
        body.is_valid(raise_exception=True)
        comment = minutes_services.minutes_comment_add(
            user=request.user, minutes=minutes, text=body.validated_data["text"]
        )
        return Response(s.MinutesCommentOut(comment).data, status=status.HTTP_201_CREATED)


class DecisionFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    meeting = IdFilter()
    goal = IdFilter()
    strategy = IdFilter()

    class Meta:
        model = Decision
        fields = ["status"]


@extend_schema_view(
    create=extend_schema(
        request=s.DecisionIn,
        responses={201: s.DecisionOut, 403: _FORBIDDEN, 404: ErrorOut},
        description="Record a decision: in a meeting its runner may; without one, the staff"
        " (then `decided_by` says who decided).",
    ),
    status_set=extend_schema(
        request=s.DecisionStatusIn, responses={200: s.DecisionOut, 403: _FORBIDDEN}
    ),
)
class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The decisions logs of the user's initiatives."""

    serializer_class = s.DecisionOut
    filterset_class = DecisionFilter
    ordering_fields = ["id", "decided_on", "review_on"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.decisions_visible_to(user=self.request.user).prefetch_related("changes")

    def _answer(self, decision, code=status.HTTP_200_OK):
        return Response(s.DecisionOut(self.get_queryset().get(pk=decision.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        body = s.DecisionIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        if not permissions.can_view_communication(request.user, initiative):
            raise Http404
        decision = decision_services.decision_record(
            user=request.user, initiative=initiative, **_resolve(data, initiative)
        )
        return self._answer(decision, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="status")
    def status_set(self, request, pk=None):
        decision = self.get_object()
        body = s.DecisionStatusIn(data=request.data)
        body.is_valid(raise_exception=True)
        decision_services.decision_status_set(
            user=request.user, decision=decision, **body.validated_data
        )
        return self._answer(decision)


class ActionItemFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    owner = IdFilter()
    meeting = IdFilter()

    class Meta:
        model = ActionItem
        fields = ["status"]


@extend_schema_view(
    create=extend_schema(
        request=s.ActionItemCreateIn,
        responses={201: s.ActionItemOut, 403: _FORBIDDEN, 404: ErrorOut},
    ),
    partial_update=extend_schema(
        request=s.ActionItemPatchIn,
        responses={200: s.ActionItemOut, 403: _FORBIDDEN},
        description="The owner changes `status` and `note`; the staff and the meeting's runner"
        " every field.",
    ),
)
class ActionItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Action items of the user's initiatives: those they see, and always their own."""

    serializer_class = s.ActionItemOut
    filterset_class = ActionItemFilter
    ordering_fields = ["id", "due_on"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.action_items_visible_to(user=self.request.user)

    def _answer(self, item, code=status.HTTP_200_OK):
        return Response(s.ActionItemOut(self.get_queryset().get(pk=item.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        body = s.ActionItemCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        if not permissions.can_view_communication(request.user, initiative):
            raise Http404
        data.setdefault("owner", None)
        item = item_services.action_item_assign(
            user=request.user, initiative=initiative, **_resolve(data, initiative)
        )
        return self._answer(item, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        if not permissions.can_move_action_item(request.user, item):
            raise exceptions.PermissionDenied
        body = s.ActionItemPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        changes = _resolve(dict(body.validated_data), item.initiative)
        item = item_services.action_item_update(user=request.user, item=item, **changes)
        return self._answer(item)
