"""Workplan endpoints: thin over the selectors and the services.

Any member reads the workplans of their initiatives; those who manage the backbone write,
through the services (a refusal is a 403, bad input a 400 at its field). A workplan or
objective outside the user's initiatives is a 404, in a path or in a body.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, User
from sheatufim.api.fields import CharField
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID

from ..models import BackboneFunction, TaskStatus, Workplan, WorkplanObjective, WorkplanTask
from ..services import workplan as services

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- output --------------------------------------------------------------------------------


class WorkplanOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Workplan
        fields = ["id", "initiative", "year", "created_by", "created_at"]


class ObjectiveOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = WorkplanObjective
        fields = ["id", "workplan", "function", "title", "description", "order"]


class TaskOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = WorkplanTask
        fields = [
            "id",
            "objective",
            "title",
            "owner",
            "due_on",
            "status",
            "note",
            "order",
            "updated_by",
            "updated_at",
        ]


# --- input ---------------------------------------------------------------------------------


class WorkplanIn(serializers.Serializer):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    year = serializers.IntegerField(
        min_value=services.YEAR_MIN,
        max_value=services.YEAR_MAX,
        error_messages={
            "min_value": services.YEAR_RANGE,
            "max_value": services.YEAR_RANGE,
            "invalid": services.YEAR_RANGE,
        },
    )


class ObjectiveIn(serializers.Serializer):
    workplan = _id()
    function = serializers.ChoiceField(choices=BackboneFunction.choices)
    title = CharField(max_length=300)
    description = CharField(required=False, allow_blank=True, max_length=10_000)


class ObjectivePatchIn(serializers.Serializer):
    function = serializers.ChoiceField(required=False, choices=BackboneFunction.choices)
    title = CharField(required=False, max_length=300)
    description = CharField(required=False, allow_blank=True, max_length=10_000)


class TaskPatchIn(serializers.Serializer):
    title = CharField(required=False, max_length=300)
    owner = _id(required=False, allow_null=True, help_text="A person of the initiative.")
    due_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(required=False, choices=TaskStatus.choices)
    note = CharField(required=False, allow_blank=True, max_length=500)


class TaskIn(TaskPatchIn):
    objective = _id()
    title = CharField(max_length=300)


class TaskStatusIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices)


# --- scoping -------------------------------------------------------------------------------


def _visible_initiatives(user):
    return initiative_selectors.initiative_list_for_user(user=user).values("pk")


def _owner(data: dict, initiative) -> dict:
    """The owner's id as a person of the initiative; anyone else is a 400 at `owner`."""
    if data.get("owner") is None:
        return data
    found = User.objects.filter(pk=data["owner"], memberships__initiative=initiative).first()
    if found is None:
        raise ValidationError({"owner": [str(services.CHOOSE_OWNER)]})
    return {**data, "owner": found}


class WorkplanFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    year = IdFilter()  # a whole number (?year=0.5 is a 400)

    class Meta:
        model = Workplan
        fields = ["year"]


class ObjectiveFilter(StrictFilterSet):
    workplan = IdFilter()

    class Meta:
        model = WorkplanObjective
        fields = ["function"]


class TaskFilter(StrictFilterSet):
    objective = IdFilter()
    owner = IdFilter()

    class Meta:
        model = WorkplanTask
        fields = ["status"]


@extend_schema_view(
    create=extend_schema(
        request=WorkplanIn, responses={201: WorkplanOut, 403: _FORBIDDEN, 404: ErrorOut}
    ),
)
class WorkplanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The backbone's yearly workplans of the user's initiatives."""

    serializer_class = WorkplanOut
    filterset_class = WorkplanFilter
    ordering_fields = ["id", "year"]
    ordering = ["id"]

    def get_queryset(self):
        return Workplan.objects.filter(
            initiative__in=_visible_initiatives(self.request.user)
        ).select_related("initiative")

    def create(self, request, *args, **kwargs):
        body = WorkplanIn(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            initiative = initiative_selectors.initiative_get_for_user(
                user=request.user, slug=body.validated_data["initiative"]
            )
        except Initiative.DoesNotExist:
            raise Http404 from None
        plan = services.workplan_create(
            initiative=initiative, year=body.validated_data["year"], by=request.user
        )
        return Response(
            WorkplanOut(self.get_queryset().get(pk=plan.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    create=extend_schema(
        request=ObjectiveIn, responses={201: ObjectiveOut, 403: _FORBIDDEN, 404: ErrorOut}
    ),
    partial_update=extend_schema(
        request=ObjectivePatchIn, responses={200: ObjectiveOut, 403: _FORBIDDEN}
    ),
)
class ObjectiveViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Objectives of the workplans, each under one of the six functions."""

    serializer_class = ObjectiveOut
    filterset_class = ObjectiveFilter
    ordering_fields = ["id", "function", "order"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return WorkplanObjective.objects.filter(
            workplan__initiative__in=_visible_initiatives(self.request.user)
        )

    def create(self, request, *args, **kwargs):
        body = ObjectiveIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        plan = (
            Workplan.objects.filter(initiative__in=_visible_initiatives(request.user))
            .select_related("initiative")
            .filter(pk=data.pop("workplan"))
            .first()
        )
        if plan is None:
            raise Http404
        objective = services.objective_create(workplan=plan, by=request.user, **data)
        return Response(ObjectiveOut(objective).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        objective = self.get_object()
        body = ObjectivePatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        objective = services.objective_update(
            objective=objective, by=request.user, **body.validated_data
        )
        return Response(ObjectiveOut(objective).data)


@extend_schema_view(
    create=extend_schema(request=TaskIn, responses={201: TaskOut, 403: _FORBIDDEN, 404: ErrorOut}),
    partial_update=extend_schema(request=TaskPatchIn, responses={200: TaskOut, 403: _FORBIDDEN}),
    status_set=extend_schema(request=TaskStatusIn, responses={200: TaskOut, 403: _FORBIDDEN}),
)
class TaskViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Tasks of the workplans' objectives: an owner of the initiative, a due date, a status."""

    serializer_class = TaskOut
    filterset_class = TaskFilter
    ordering_fields = ["id", "due_on", "order"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return WorkplanTask.objects.filter(
            objective__workplan__initiative__in=_visible_initiatives(self.request.user)
        ).select_related("objective__workplan__initiative")

    def create(self, request, *args, **kwargs):
        body = TaskIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        objective = (
            WorkplanObjective.objects.filter(
                workplan__initiative__in=_visible_initiatives(request.user)
            )
            .select_related("workplan__initiative")
            .filter(pk=data.pop("objective"))
            .first()
        )
        if objective is None:
            raise Http404
        data = _owner(data, objective.workplan.initiative)
        task = services.task_create(objective=objective, by=request.user, **data)
        return Response(TaskOut(task).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        task = self.get_object()
        body = TaskPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _owner(dict(body.validated_data), task.objective.workplan.initiative)
        task = services.task_update(task=task, by=request.user, **data)
        return Response(TaskOut(task).data)

    @action(detail=True, methods=["post"], url_path="status")
    def status_set(self, request, pk=None):
        task = self.get_object()
        body = TaskStatusIn(data=request.data)
        body.is_valid(raise_exception=True)
        task = services.task_set_status(
            task=task, status=body.validated_data["status"], by=request.user
        )
        return Response(TaskOut(task).data)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("workplans", WorkplanViewSet, basename="workplan")
    router.register("workplan-objectives", ObjectiveViewSet, basename="workplan-objective")
    router.register("workplan-tasks", TaskViewSet, basename="workplan-task")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
