"""The stakeholder map's endpoints: thin over graph/metrics and the services.

- stakeholder-map (GET ?initiative=<slug>, and the page's filters): the nodes, the edges and
  the metrics, as the page's script draws them; any member of the initiative.
- relationships: the recorded relationships of the user's initiatives (read: any member);
  those who manage relationships record (POST) and remove (DELETE) them. A relationship does
  not change: remove it and record another.
"""

from django.core.validators import RegexValidator
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from sheatufim.api.fields import CharField
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut, ValidationErrorOut
from sheatufim.ids import MAX_ID

from .. import selectors as initiative_selectors
from ..models import Initiative, Organization, ParticipationRole, Sector
from ..permissions import Action, can
from ..relationships import NOTE_MAX, Relationship, RelationshipKind
from . import exports, services
from .graph import EDGE_KIND_VALUES, MapFilters, map_graph
from .metrics import compute

NO_NUL = r"^[^\x00]*$"
_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


def _initiative(user, slug: str) -> Initiative:
    try:
        initiative = initiative_selectors.initiative_get_for_user(user=user, slug=slug)
    except Initiative.DoesNotExist:
        raise Http404 from None
    if not can(user, Action.VIEW_STAKEHOLDER_MAP, initiative):
        raise Http404
    return initiative


# --- the map ---------------------------------------------------------------------------------


class MapQuery(serializers.Serializer):
    initiative = serializers.CharField(
        max_length=80,
        trim_whitespace=False,
        validators=[RegexValidator(NO_NUL)],
        help_text="The initiative's slug.",
    )
    sector = serializers.ChoiceField(
        required=False, choices=Sector.choices, help_text="Only organizations of this sector."
    )
    role = serializers.ChoiceField(
        required=False,
        choices=ParticipationRole.choices,
        help_text="Only organizations in this role.",
    )
    goal = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Only organizations with activities under this goal's strategies.",
    )
    strategy = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Only organizations with activities under this strategy (it wins over `goal`).",
    )
    former = serializers.ChoiceField(
        required=False,
        choices=["true", "false"],
        help_text="true: also the organizations that took part and left.",
    )

    def filters(self) -> MapFilters:
        data = self.validated_data
        scope = ""  # the narrower one where both are given
        if "strategy" in data:
            scope = f"strategy:{data['strategy']}"
        elif "goal" in data:
            scope = f"goal:{data['goal']}"
        return MapFilters(
            sector=data.get("sector", ""),
            role=data.get("role", ""),
            scope=scope,
            former=data.get("former") == "true",
        )


class MapNodeOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="In the reader's language where it is given.")
    lang = serializers.CharField(help_text="The language the name is in.")
    sector = serializers.ChoiceField(choices=Sector.choices)
    sector_label = serializers.CharField()
    role = serializers.ChoiceField(choices=ParticipationRole.choices)
    role_label = serializers.CharField()
    former = serializers.BooleanField()
    degree = serializers.IntegerField(help_text="How many organizations it is tied to.")
    betweenness = serializers.FloatField(help_text="Betweenness centrality, 0-1.")
    isolate = serializers.BooleanField(help_text="Tied to nobody.")


class MapEdgeOut(serializers.Serializer):
    source = serializers.IntegerField()
    target = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EDGE_KIND_VALUES)
    kind_label = serializers.CharField()
    label = serializers.CharField(help_text="A role, a note, a strategy, a group, a commitment.")
    directed = serializers.BooleanField()
    relationship = serializers.IntegerField(
        allow_null=True, help_text="The recorded relationship's id; null for the others."
    )


class MapMetricsOut(serializers.Serializer):
    isolates = serializers.ListField(child=serializers.IntegerField())
    connectors = serializers.ListField(
        child=serializers.IntegerField(), help_text="Highest betweenness first (at most five)."
    )


class StakeholderMapOut(serializers.Serializer):
    nodes = MapNodeOut(many=True)
    edges = MapEdgeOut(many=True)
    metrics = MapMetricsOut()


class StakeholderMapView(APIView):
    """The stakeholder map of an initiative: its organizations, their ties and the metrics
    (computed over every tie but taking part)."""

    @extend_schema(
        operation_id="stakeholder_map_retrieve",
        parameters=[MapQuery],
        responses={
            200: StakeholderMapOut,
            400: OpenApiResponse(ValidationErrorOut, description="A parameter is not valid."),
            404: OpenApiResponse(ErrorOut, description="No such initiative for this user."),
        },
    )
    def get(self, request):
        query = MapQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        initiative = _initiative(request.user, query.validated_data["initiative"])
        graph = map_graph(initiative=initiative, filters=query.filters())
        return Response(exports.as_json(graph, compute(graph)))


# --- recorded relationships ------------------------------------------------------------------


class RelationshipOut(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Relationship
        fields = [
            "id",
            "initiative",
            "source",
            "target",
            "kind",
            "note",
            "created_by",
            "created_at",
        ]


class RelationshipIn(serializers.Serializer):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    source = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="An organization.")
    target = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="An organization.")
    kind = serializers.ChoiceField(choices=RelationshipKind.choices)
    note = CharField(required=False, allow_blank=True, default="", max_length=NOTE_MAX)


class RelationshipFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")
    source = IdFilter()
    target = IdFilter()

    class Meta:
        model = Relationship
        fields = ["kind"]


@extend_schema_view(
    create=extend_schema(
        request=RelationshipIn, responses={201: RelationshipOut, 403: _FORBIDDEN, 404: ErrorOut}
    ),
    destroy=extend_schema(responses={204: None, 403: _FORBIDDEN}),
)
class RelationshipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Relationships recorded between the organizations of the user's initiatives."""

    serializer_class = RelationshipOut
    filterset_class = RelationshipFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["id"]

    def get_queryset(self):
        visible = initiative_selectors.initiative_list_for_user(user=self.request.user)
        return Relationship.objects.filter(initiative__in=visible.values("pk")).select_related(
            "initiative"
        )

    def create(self, request, *args, **kwargs):
        body = RelationshipIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = _initiative(request.user, data.pop("initiative"))
        if not can(request.user, Action.MANAGE_RELATIONSHIPS, initiative):
            raise PermissionDenied  # before the body's checks
        found = Organization.objects.in_bulk([data["source"], data["target"]])
        made = services.relationship_create(
            initiative=initiative,
            source=found.get(data["source"]),
            target=found.get(data["target"]),
            kind=data["kind"],
            note=data["note"],
            by=request.user,
        )
        return Response(
            RelationshipOut(self.get_queryset().get(pk=made.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def destroy(self, request, *args, **kwargs):
        services.relationship_delete(relationship=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("relationships", RelationshipViewSet, basename="relationship")


# Paths outside the router (under /api/v1/).
paths = [path("stakeholder-map/", StakeholderMapView.as_view(), name="stakeholder-map")]
