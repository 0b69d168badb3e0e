"""Working group and meeting endpoints: a thin layer over the selectors, the policy and the
services.

Scoping: the groups of the user's initiatives, and the meetings they see (the one rule,
permissions.meeting_visibility); another's is a 404. A meeting's agenda is read nested in the
meeting and written at `agenda-items`. An id in a body that names nothing the user may use
(another initiative's, or none) is a 400 at its field, with the same message either way."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agenda.models import Goal, Strategy
from initiatives.models import User
from measurement.models import Indicator
from sheatufim.api.schema import ErrorOut

from .. import permissions
from ..models import AgendaItem, Meeting, WorkingGroup
from ..selectors import meetings as selectors
from ..services import groups as group_services
from ..services import meetings as services
from . import meetings_io as io
from .base import initiative_or_404
from .filters_meet import (
    AgendaItemFilter,
    AttendanceFilter,
    InvitationFilter,
    MeetingFilter,
    WorkingGroupFilter,
)

CHOOSE_MEETING = _("Choose a meeting you run.")
_MODELS = {
    "goal": Goal,
    "strategy": Strategy,
    "indicator": Indicator,
    "convener": User,
    "presenter": User,
}
_NOT_YOURS = OpenApiResponse(ErrorOut, description="The user may see it but not change it.")
_NO_INITIATIVE = OpenApiResponse(ErrorOut, description="No such initiative for this user.")


def _references(data: dict) -> dict:
    """The objects the ids of the body name; an id of nothing is an unsaved object with that
    id, which the service refuses at its field like another initiative's."""
    named = dict(data)
    for name, model in _MODELS.items():
        if named.get(name) is not None:
            named[name] = model.objects.filter(pk=named[name]).first() or model(pk=named[name])
    for name in ("members", "people"):
        if name in named:
            ids = list(dict.fromkeys(named[name]))
            found = User.objects.in_bulk(ids)
            named[name] = [found.get(pk) or User(pk=pk) for pk in ids]
    return named


def _meeting_in_body(request, pk: int) -> Meeting:
    meeting = selectors.meetings_visible_to(user=request.user).filter(pk=pk).first()
    if meeting is None:
        raise ValidationError({"meeting": [str(CHOOSE_MEETING)]})
    return meeting


@extend_schema_view(
    create=extend_schema(
        request=io.WorkingGroupCreateIn,
        responses={201: io.WorkingGroupOut, 404: _NO_INITIATIVE},
        description="A new working group; the staff of the initiative only.",
    ),
    partial_update=extend_schema(
        request=io.WorkingGroupPatchIn, responses={200: io.WorkingGroupOut, 403: _NOT_YOURS}
    ),
)
class WorkingGroupViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The working groups of the user's initiatives; the staff create and change them."""

    serializer_class = io.WorkingGroupOut
    filterset_class = WorkingGroupFilter
    ordering_fields = ["id", "name", "created_at"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.groups_visible_to(user=self.request.user)

    def _answer(self, group: WorkingGroup, code=status.HTTP_200_OK) -> Response:
        return Response(io.WorkingGroupOut(self.get_queryset().get(pk=group.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        body = io.WorkingGroupCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _references(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        group = group_services.group_create(user=request.user, initiative=initiative, **data)
        return self._answer(group, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        group = self.get_object()
        if not permissions.can_manage_group(request.user, group):
            raise exceptions.PermissionDenied
        body = io.WorkingGroupPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _references(body.validated_data)
        archived = data.pop("archived", None)
        members = data.pop("members", None)
        group = group_services.group_update(user=request.user, group=group, members=members, **data)
        if archived is not None:
            group_services.group_archive(user=request.user, group=group, archived=archived)
        return self._answer(group)


@extend_schema_view(
    create=extend_schema(
        request=io.MeetingCreateIn,
        responses={201: io.MeetingOut, 404: _NO_INITIATIVE},
        description="Schedule a meeting: the staff any, a working group's convener the group's.",
    ),
    partial_update=extend_schema(
        request=io.MeetingPatchIn,
        responses={200: io.MeetingOut, 403: _NOT_YOURS},
        description="A change of the time, time zone, place, link or title raises `sequence`.",
    ),
)
class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The meetings the user sees, with their agenda (read-only here: see agenda-items)."""

    serializer_class = io.MeetingOut
    filterset_class = MeetingFilter
    ordering_fields = ["id", "starts_at"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.meetings_visible_to(user=self.request.user)

    def _answer(self, meeting: Meeting, code=status.HTTP_200_OK) -> Response:
        return Response(io.MeetingOut(self.get_queryset().get(pk=meeting.pk)).data, status=code)

    def _runnable(self) -> Meeting:
        meeting = self.get_object()
        if not permissions.can_run_meeting(self.request.user, meeting):
            raise exceptions.PermissionDenied
        return meeting

    def create(self, request, *args, **kwargs):
        body = io.MeetingCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        group_id = data.pop("working_group", None)
        group = None
        if group_id is not None:
            group = WorkingGroup.objects.filter(pk=group_id, initiative=initiative).first()
            if group is None:
                raise ValidationError({"working_group": [str(services.CHOOSE_GROUP)]})
        meeting = services.meeting_schedule(
            user=request.user, initiative=initiative, working_group=group, **data
        )
        return self._answer(meeting, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        meeting = self._runnable()
        body = io.MeetingPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = services.meeting_change(user=request.user, meeting=meeting, **body.validated_data)
        return self._answer(meeting)

    @extend_schema(
        request=None,
        responses={200: io.MeetingOut, 403: _NOT_YOURS},
        description="Cancel: the meeting stays, `status` cancelled, `sequence` one higher.",
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = services.meeting_cancel(user=request.user, meeting=self._runnable())
        return self._answer(meeting)


@extend_schema_view(
    create=extend_schema(request=io.AgendaItemCreateIn, responses={201: io.AgendaItemOut}),
    partial_update=extend_schema(
        request=io.AgendaItemPatchIn, responses={200: io.AgendaItemOut, 403: _NOT_YOURS}
    ),
    destroy=extend_schema(request=None, responses={204: None, 403: _NOT_YOURS}),
)
class AgendaItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The items of the agendas of the meetings the user sees; those who run a meeting write
    its agenda. Positions stay 0, 1, 2… in order."""

    serializer_class = io.AgendaItemOut
    filterset_class = AgendaItemFilter
    ordering_fields = ["id", "position"]
    ordering = ["meeting_id", "position", "id"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        meetings = selectors.meetings_visible_to(user=self.request.user).prefetch_related(None)
        return AgendaItem.objects.filter(meeting__in=meetings.values("pk"))

    def _writable(self) -> AgendaItem:
        item = self.get_object()
        if not permissions.can_run_meeting(self.request.user, item.meeting):
            raise exceptions.PermissionDenied
        return item

    def create(self, request, *args, **kwargs):
        body = io.AgendaItemCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _references(body.validated_data)
        meeting = _meeting_in_body(request, data.pop("meeting"))
        item = services.agenda_item_add(user=request.user, meeting=meeting, **data)
        return Response(io.AgendaItemOut(item).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        item = self._writable()
        body = io.AgendaItemPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        item = services.agenda_item_update(
            user=request.user, item=item, **_references(body.validated_data)
        )
        return Response(io.AgendaItemOut(item).data)

    def destroy(self, request, *args, **kwargs):
        services.agenda_item_remove(user=request.user, item=self._writable())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=io.AgendaItemMoveIn,
        responses={200: io.AgendaItemOut, 403: _NOT_YOURS},
        description="One place up (earlier) or down; at either end, nothing moves.",
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        item = self._writable()
        body = io.AgendaItemMoveIn(data=request.data)
        body.is_valid(raise_exception=True)
        up = body.validated_data["direction"] == "up"
        services.agenda_item_move(user=request.user, item=item, up=up)
        return Response(io.AgendaItemOut(AgendaItem.objects.get(pk=item.pk)).data)


@extend_schema_view(
    create=extend_schema(
        request=io.InvitationsIn,
        responses={201: io.InvitationOut(many=True)},
        description="Invite people of the initiative to a meeting the user runs; the answer"
        " lists the new invitations (those already invited are left as they are).",
    ),
    partial_update=extend_schema(
        request=io.AnswerIn,
        responses={200: io.InvitationOut, 403: _NOT_YOURS},
        description="The invitee's answer, until the meeting starts.",
    ),
)
class MeetingInvitationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The invitations of the meetings the user sees (`?mine=true`: the user's own)."""

    serializer_class = io.InvitationOut
    filterset_class = InvitationFilter
    ordering_fields = ["id", "answered_at"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.invitations_visible_to(user=self.request.user)

    def create(self, request, *args, **kwargs):
        body = io.InvitationsIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _references(body.validated_data)
        meeting = _meeting_in_body(request, data["meeting"])
        added = services.invitations_add(user=request.user, meeting=meeting, people=data["people"])
        rows = self.get_queryset().filter(pk__in=[i.pk for i in added]).order_by("id")
        return Response(io.InvitationOut(rows, many=True).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        invitation = self.get_object()
        if not permissions.can_answer_invitation(request.user, invitation):
            raise exceptions.PermissionDenied
        body = io.AnswerIn(data=request.data)
        body.is_valid(raise_exception=True)
        invitation = services.invitation_answer(
            user=request.user, invitation=invitation, **body.validated_data
        )
        return Response(io.InvitationOut(invitation).data)


@extend_schema_view(
    create=extend_schema(
        request=io.AttendanceIn,
        responses={201: io.AttendanceOut(many=True)},
        description="Who came to a meeting the user runs, once it has started: the list"
        " replaces the one before; the answer is the meeting's attendance.",
    ),
)
class AttendanceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Who came to the meetings the user sees, for which organization."""

    serializer_class = io.AttendanceOut
    filterset_class = AttendanceFilter
    ordering_fields = ["id"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.attendance_visible_to(user=self.request.user)

    def create(self, request, *args, **kwargs):
        body = io.AttendanceIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _references(body.validated_data)
        meeting = _meeting_in_body(request, data["meeting"])
        rows = services.attendance_record(user=request.user, meeting=meeting, people=data["people"])
        rows = self.get_queryset().filter(pk__in=[r.pk for r in rows]).order_by("id")
        return Response(io.AttendanceOut(rows, many=True).data, status=status.HTTP_201_CREATED)
