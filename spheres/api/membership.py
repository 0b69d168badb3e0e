"""Sphere membership endpoints: thin over the selectors and the services.

- sphere-join-requests: one's own requests and those of the spheres one may decide in; create
  (the signed-in person asks for an organization); `accept`, `decline` (with a reason) for
  the facilitator, `withdraw` for the person who asked.
- sphere-members: the member organizations (current and former, with their dates and CEO) of
  the spheres one is in; `leave` ends a membership (one's own organization, or the
  facilitator's), with an optional reason.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from initiatives.models import Initiative, Organization, Participation
from sheatufim.api.fields import CharField
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut
from sheatufim.ids import MAX_ID

from ..forms.membership import CHOOSE_ORGANIZATION
from ..models import JoinRequest
from ..models.membership import REASON_MAX, STATEMENT_MAX
from ..selectors import membership as selectors
from ..services import membership as services

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


class JoinRequestOut(serializers.ModelSerializer):
    sphere = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = JoinRequest
        fields = [
            "id",
            "sphere",
            "organization",
            "ceo_name",
            "statement",
            "status",
            "decline_reason",
            "created_at",
            "decided_at",
        ]


class JoinRequestIn(serializers.Serializer):
    sphere = CharField(max_length=80, help_text="The sphere's slug.")
    organization = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    ceo_name = CharField(max_length=200)
    statement = CharField(max_length=STATEMENT_MAX)


class ReasonIn(serializers.Serializer):
    reason = CharField(max_length=REASON_MAX)


class LeaveIn(serializers.Serializer):
    reason = CharField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


class RequestFilter(StrictFilterSet):
    sphere = TextFilter(field_name="sphere__slug", label="sphere slug")

    class Meta:
        model = JoinRequest
        fields = ["status"]


@extend_schema_view(
    create=extend_schema(
        request=JoinRequestIn, responses={201: JoinRequestOut, 403: _FORBIDDEN, 404: ErrorOut}
    ),
    accept=extend_schema(request=None, responses={200: JoinRequestOut, 403: _FORBIDDEN}),
    decline=extend_schema(request=ReasonIn, responses={200: JoinRequestOut, 403: _FORBIDDEN}),
    withdraw=extend_schema(request=None, responses={200: JoinRequestOut, 403: _FORBIDDEN}),
)
class JoinRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests to join impact spheres: one's own, and those one may decide."""

    serializer_class = JoinRequestOut
    filterset_class = RequestFilter
    ordering_fields = ["id", "created_at"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.requests_visible_to(user=self.request.user)

    def _out(self, row, code=status.HTTP_200_OK):
        return ApiResponse(JoinRequestOut(self.get_queryset().get(pk=row.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        body = JoinRequestIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        try:
            sphere = selectors.sphere_get_open(slug=data.pop("sphere"))
        except Initiative.DoesNotExist:
            raise Http404 from None
        organization = Organization.objects.filter(pk=data.pop("organization")).first()
        if organization is None:
            raise serializers.ValidationError({"organization": [str(CHOOSE_ORGANIZATION)]})
        made = services.join_request_create(
            sphere=sphere, organization=organization, by=request.user, **data
        )
        return self._out(made, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The facilitator accepts: the organization becomes a member."""
        return self._out(services.join_request_accept(request=self.get_object(), by=request.user))

    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The facilitator declines, with a reason."""
        row = self.get_object()
        services.check_decide(request.user, row.sphere)  # a refusal before the body's checks
        body = ReasonIn(data=request.data)
        body.is_valid(raise_exception=True)
        return self._out(
            services.join_request_decline(
                request=row, by=request.user, reason=body.validated_data["reason"]
            )
        )

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The person who asked takes the request back."""
        return self._out(services.join_request_withdraw(request=self.get_object(), by=request.user))


class SphereMemberOut(serializers.ModelSerializer):
    sphere = serializers.SlugRelatedField(source="initiative", slug_field="slug", read_only=True)
    ceo_name = serializers.SerializerMethodField()
    left_reason = serializers.SerializerMethodField()
    former = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields = [
            "id",
            "sphere",
            "organization",
            "joined_on",
            "left_on",
            "former",
            "ceo_name",
            "left_reason",
        ]

    def _member(self, obj):
        return getattr(obj, "sphere_member", None)

    def get_ceo_name(self, obj) -> str:
        member = self._member(obj)
        return member.ceo_name if member else ""

    def get_left_reason(self, obj) -> str:
        member = self._member(obj)
        return member.left_reason if member else ""

    def get_former(self, obj) -> bool:
        return obj.left_on is not None


class MemberFilter(StrictFilterSet):
    sphere = TextFilter(field_name="initiative__slug", label="sphere slug")
    organization = IdFilter()

    class Meta:
        model = Participation
        fields = []


@extend_schema_view(
    leave=extend_schema(request=LeaveIn, responses={200: SphereMemberOut, 403: _FORBIDDEN}),
)
class SphereMemberViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The member organizations of the user's spheres, former members included."""

    serializer_class = SphereMemberOut
    filterset_class = MemberFilter
    ordering_fields = ["id", "joined_on"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.members_visible_to(user=self.request.user)

    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        """End the membership: one's own organization's, or any as the facilitator."""
        row = self.get_object()
        if not services.may_end(request.user, row):
            raise services.PermissionDenied
        body = LeaveIn(data=request.data)
        body.is_valid(raise_exception=True)
        services.membership_end(
            participation=row, by=request.user, reason=body.validated_data["reason"]
        )
        # The leaver no longer sees the sphere: the row is read again from the sphere.
        return ApiResponse(
            SphereMemberOut(selectors.member_get(sphere=row.initiative, pk=row.pk)).data
        )


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("sphere-join-requests", JoinRequestViewSet, basename="sphere-join-request")
    router.register("sphere-members", SphereMemberViewSet, basename="sphere-member")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
