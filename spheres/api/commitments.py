"""Joint commitment endpoints: thin over the selectors and the services.

- sphere-commitments: any member of a sphere lists and reads its commitments (with the
  summary counts); the facilitator proposes, changes, fulfils and withdraws them.
- commitment-answers: every answer of the commitments the user can read; a representative
  answers (POST, one per organization: a second POST changes it) and reports on their part
  (PATCH) for their own organization only. The organization is the membership's, never the
  body's: no field names it.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from agenda.models import Goal
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, InitiativeKind
from sheatufim.api.fields import CharField
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID

from ..models import Commitment, CommitmentAnswer, CommitmentProgress, CommitmentReport, OptIn
from ..models.commitments import NOTE_MAX, REASON_MAX
from ..services import commitments as services

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")

# --- output --------------------------------------------------------------------------------


class CommitmentOut(TranslatedFields, serializers.ModelSerializer):
    sphere = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    opted_in_count = serializers.IntegerField(read_only=True, help_text="Current members in.")
    declined_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(
        read_only=True, help_text="Current members in, reporting their part done."
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "sphere",
            "title",
            "description",
            "goal",
            "review_on",
            "status",
            "closing_note",
            "closed_at",
            "created_at",
            "opted_in_count",
            "declined_count",
            "done_count",
        ]


class CommitmentReportOut(serializers.ModelSerializer):
    class Meta:
        model = CommitmentReport
        fields = ["progress", "note", "reported_at"]


class CommitmentAnswerOut(serializers.ModelSerializer):
    reports = CommitmentReportOut(many=True, read_only=True)

    class Meta:
        model = CommitmentAnswer
        fields = [
            "id",
            "commitment",
            "organization",
            "answer",
            "progress",
            "note",
            "answered_at",
            "updated_at",
            "reports",
        ]


# --- input ---------------------------------------------------------------------------------


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class CommitmentPatchIn(serializers.Serializer):
    title = CharField(required=False, max_length=services.TITLE_MAX)
    description = CharField(required=False, allow_blank=True, max_length=NOTE_MAX)
    goal = _id(required=False, allow_null=True, help_text="One of the sphere's own goals.")
    review_on = serializers.DateField(required=False, help_text="Not in the past.")


class CommitmentIn(CommitmentPatchIn):
    sphere = CharField(max_length=80, help_text="The sphere's slug.")
    title = CharField(max_length=services.TITLE_MAX)
    review_on = serializers.DateField(help_text="Not in the past.")


class WithdrawIn(serializers.Serializer):
    reason = CharField(max_length=REASON_MAX)


class CommitmentAnswerIn(serializers.Serializer):
    commitment = _id()
    answer = serializers.ChoiceField(choices=OptIn.choices)
    note = CharField(required=False, allow_blank=True, max_length=NOTE_MAX)


class CommitmentAnswerPatchIn(serializers.Serializer):
    answer = serializers.ChoiceField(choices=OptIn.choices, required=False)
    progress = serializers.ChoiceField(
        choices=CommitmentProgress.choices,
        required=False,
        help_text="A report on the organization's part (kept in its reports); only when in.",
    )
    note = CharField(required=False, allow_blank=True, max_length=NOTE_MAX)


# --- scoping -------------------------------------------------------------------------------


def _spheres(user):
    return initiative_selectors.initiative_list_for_user(user=user).filter(
        kind=InitiativeKind.SPHERE
    )


class CommitmentFilter(StrictFilterSet):
    sphere = TextFilter(field_name="sphere__slug", label="sphere slug")

    class Meta:
        model = Commitment
        fields = ["status"]


def _goal(data: dict, sphere: Initiative) -> dict:
    """The goal's id as one of the sphere's own goals not retired; any other is a 400."""
    if data.get("goal") is None:
        return data
    found = Goal.objects.filter(pk=data["goal"], initiative=sphere, retired=False).first()
    if found is None:
        raise DjangoValidationError({"goal": [str(services.CHOOSE_GOAL)]})
    return {**data, "goal": found}


@extend_schema_view(
    create=extend_schema(
        request=CommitmentIn, responses={201: CommitmentOut, 403: _FORBIDDEN, 404: ErrorOut}
    ),
    partial_update=extend_schema(
        request=CommitmentPatchIn, responses={200: CommitmentOut, 403: _FORBIDDEN}
    ),
    fulfil=extend_schema(request=None, responses={200: CommitmentOut, 403: _FORBIDDEN}),
    withdraw=extend_schema(request=WithdrawIn, responses={200: CommitmentOut, 403: _FORBIDDEN}),
)
class SphereCommitmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The joint commitments of the user's spheres."""

    serializer_class = CommitmentOut
    filterset_class = CommitmentFilter
    ordering_fields = ["id", "review_on"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        current = Q(
            answers__organization__participations__initiative_id=F("sphere_id"),
            answers__organization__participations__left_on__isnull=True,
        )
        return (
            Commitment.objects.filter(sphere__in=_spheres(self.request.user))
            .select_related("sphere")
            .annotate(
                opted_in_count=Count(
                    "answers", distinct=True, filter=current & Q(answers__answer=OptIn.IN)
                ),
                declined_count=Count(
                    "answers", distinct=True, filter=current & Q(answers__answer=OptIn.DECLINED)
                ),
                done_count=Count(
                    "answers",
                    distinct=True,
                    filter=current
                    & Q(answers__answer=OptIn.IN, answers__progress=CommitmentProgress.DONE),
                ),
            )
        )

    def _out(self, commitment, code=status.HTTP_200_OK):
        found = self.get_queryset().get(pk=commitment.pk)
        return ApiResponse(CommitmentOut(found).data, status=code)

    def create(self, request, *args, **kwargs):
        body = CommitmentIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        sphere = _spheres(request.user).filter(slug=data.pop("sphere")).first()
        if sphere is None:
            raise Http404
        services.check_manage(request.user, sphere)  # a refusal before the body's checks
        made = services.commitment_propose(sphere=sphere, by=request.user, **_goal(data, sphere))
        return self._out(made, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        commitment = self.get_object()
        services.check_manage(request.user, commitment.sphere)
        body = CommitmentPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _goal(dict(body.validated_data), commitment.sphere)
        return self._out(services.commitment_update(commitment=commitment, by=request.user, **data))

    @action(detail=True, methods=["post"])
    def fulfil(self, request, pk=None):
        """Mark fulfilled: every current member that is in reports done, at least one."""
        commitment = self.get_object()
        return self._out(services.commitment_fulfil(commitment=commitment, by=request.user))

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw, with the reason kept in the record."""
        commitment = self.get_object()
        services.check_manage(request.user, commitment.sphere)
        body = WithdrawIn(data=request.data)
        body.is_valid(raise_exception=True)
        return self._out(
            services.commitment_withdraw(
                commitment=commitment, reason=body.validated_data["reason"], by=request.user
            )
        )


class AnswerFilter(StrictFilterSet):
    sphere = TextFilter(field_name="commitment__sphere__slug", label="sphere slug")
    commitment = IdFilter()

    class Meta:
        model = CommitmentAnswer
        fields = ["answer", "progress"]


@extend_schema_view(
    create=extend_schema(
        request=CommitmentAnswerIn,
        responses={
            201: CommitmentAnswerOut,
            200: CommitmentAnswerOut,
            403: _FORBIDDEN,
            404: ErrorOut,
        },
        description="Your organization's answer (201 the first time, 200 when it changes).",
    ),
    partial_update=extend_schema(
        request=CommitmentAnswerPatchIn, responses={200: CommitmentAnswerOut, 403: _FORBIDDEN}
    ),
)
class CommitmentAnswerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The member organizations' answers to the commitments of the user's spheres."""

    serializer_class = CommitmentAnswerOut
    filterset_class = AnswerFilter
    ordering_fields = ["id"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            CommitmentAnswer.objects.filter(commitment__sphere__in=_spheres(self.request.user))
            .select_related("commitment__sphere")
            .prefetch_related("reports")
        )

    def _out(self, answer, code=status.HTTP_200_OK):
        return ApiResponse(
            CommitmentAnswerOut(self.get_queryset().get(pk=answer.pk)).data, status=code
        )

    def create(self, request, *args, **kwargs):
        body = CommitmentAnswerIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        commitment = (
            Commitment.objects.filter(pk=data["commitment"], sphere__in=_spheres(request.user))
            .select_related("sphere")
            .first()
        )
        if commitment is None:
            raise DjangoValidationError(
                {"commitment": [str(_("Choose a commitment of one of your spheres."))]}
            )
        organization_id = services.answering_organization_id(request.user, commitment.sphere)
        if organization_id is None:
            raise PermissionDenied
        existed = CommitmentAnswer.objects.filter(
            commitment=commitment, organization_id=organization_id
        ).exists()
        answer = services.commitment_answer(
            commitment=commitment, answer=data["answer"], note=data.get("note"), by=request.user
        )
        return self._out(answer, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        found = self.get_object()
        commitment = found.commitment
        own = services.answering_organization_id(request.user, commitment.sphere)
        if own != found.organization_id:
            raise PermissionDenied  # nobody answers for another organization
        body = CommitmentAnswerPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with transaction.atomic():
            answer = found
            if "answer" in data:
                answer = services.commitment_answer(
                    commitment=commitment,
                    answer=data["answer"],
                    note=None if "progress" in data else data.get("note"),
                    by=request.user,
                )
            if "progress" in data:
                answer = services.commitment_report(
                    commitment=commitment,
                    progress=data["progress"],
                    note=data.get("note", found.note),
                    by=request.user,
                )
            elif "answer" not in data and "note" in data:
                answer = services.commitment_answer(
                    commitment=commitment, answer=found.answer, note=data["note"], by=request.user
                )
        return self._out(answer)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("sphere-commitments", SphereCommitmentViewSet, basename="sphere-commitment")
    router.register("commitment-answers", CommitmentAnswerViewSet, basename="commitment-answer")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
