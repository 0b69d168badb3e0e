"""Assessment round endpoints: thin over the selectors and the services.

- assessment-rounds: any member lists and reads the rounds of their initiatives (with progress
  counts, which are not answers); those who manage the backbone create, change, open and close
  them. `my-response` on a round: the signed-in respondent's own response with its answers
  (GET; made for a late joiner) and their answers saved or submitted (PUT).
- assessment-responses: the signed-in user's own responses only. No endpoint here shows
  another respondent's answers (results are their own slice).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from sheatufim.api.fields import BooleanField, CharField
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID

from ..models import AnswerValue, AssessmentRound, Level, Response, ResponseState
from ..selectors import rounds as selectors
from ..services import answers as answer_services
from ..services import rounds as services

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


# --- output --------------------------------------------------------------------------------


class RoundOut(TranslatedFields, serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    respondent_count = serializers.IntegerField(read_only=True)
    submitted_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = AssessmentRound
        fields = [
            "id",
            "initiative",
            "template",
            "title",
            "opens_on",
            "closes_on",
            "anonymous",
            "state",
            "created_at",
            "opened_at",
            "closed_at",
            "respondent_count",
            "submitted_count",
        ]


class AnswerOut(serializers.ModelSerializer):
    level = serializers.ChoiceField(
        choices=Level.choices,
        allow_null=True,
        read_only=True,
        help_text="1-4; null: “I cannot say”.",
    )

    class Meta:
        model = AnswerValue
        fields = ["benchmark", "level", "comment"]


class ResponseOut(serializers.ModelSerializer):
    answers = AnswerOut(many=True, read_only=True)

    class Meta:
        model = Response
        fields = ["id", "round", "state", "saved_at", "submitted_at", "answers"]


# --- input ---------------------------------------------------------------------------------


class RoundPatchIn(serializers.Serializer):
    template = _id(required=False, help_text="A platform template or one of the initiative's.")
    title = CharField(required=False, max_length=200)
    opens_on = serializers.DateField(required=False)
    closes_on = serializers.DateField(required=False)
    anonymous = BooleanField(required=False)


class RoundIn(RoundPatchIn):
    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    template = _id(help_text="A platform template or one of the initiative's.")
    title = CharField(max_length=200)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()


class AnswerIn(serializers.Serializer):
    benchmark = _id()
    level = serializers.ChoiceField(
        choices=Level.choices, allow_null=True, help_text="1-4; null: “I cannot say”."
    )
    comment = CharField(
        required=False, allow_blank=True, default="", max_length=answer_services.COMMENT_MAX
    )


class AnswersIn(serializers.Serializer):
    answers = AnswerIn(
        many=True,
        help_text="The whole of the response's answers: a benchmark left out is unanswered.",
    )
    submit = BooleanField(
        required=False,
        default=False,
        help_text="Submit (every benchmark answered); else saved as a draft. A submitted "
        "response stays submitted: saving again submits again.",
    )

    def validate_answers(self, value):
        seen = [item["benchmark"] for item in value]
        if len(seen) != len(set(seen)):
            raise serializers.ValidationError("Give each benchmark once.")
        return value


# --- scoping -------------------------------------------------------------------------------


def _visible_initiatives(user):
    return initiative_selectors.initiative_list_for_user(user=user).values("pk")


class RoundFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = AssessmentRound
        fields = ["state"]


def _template(data: dict, initiative) -> dict:
    """The template's id as one the initiative may use; any other is a 400 at `template`."""
    if "template" not in data:
        return data
    found = selectors.round_templates(initiative).filter(pk=data["template"]).first()
    if found is None:
        raise DjangoValidationError({"template": [str(services.CHOOSE_TEMPLATE)]})
    return {**data, "template": found}


def _answer_errors(error: DjangoValidationError, given: list[dict]) -> exceptions.ValidationError:
    """The service's errors at `level_<id>` / `comment_<id>` as `answers.<i>.level` /
    `answers.<i>.comment` of the request; a benchmark not given under `answers`."""
    index = {item["benchmark"]: i for i, item in enumerate(given)}
    found: dict[str, list[str]] = {}
    for key, messages in error.message_dict.items():
        name, _sep, pk = key.partition("_")
        if name in ("level", "comment") and pk.isdigit():
            if int(pk) in index:
                found[f"answers.{index[int(pk)]}.{name}"] = messages
            else:
                found.setdefault("answers", []).extend(f"{m} ({pk})" for m in messages)
        else:
            found.setdefault(key, []).extend(messages)
    return exceptions.ValidationError(found)


@extend_schema_view(
    create=extend_schema(
        request=RoundIn, responses={201: RoundOut, 403: _FORBIDDEN, 404: ErrorOut}
    ),
    partial_update=extend_schema(request=RoundPatchIn, responses={200: RoundOut, 403: _FORBIDDEN}),
    open=extend_schema(request=None, responses={200: RoundOut, 403: _FORBIDDEN}),
    close=extend_schema(request=None, responses={200: RoundOut, 403: _FORBIDDEN}),
    my_response=extend_schema(
        methods=["GET"],
        request=None,
        responses={200: ResponseOut, 403: _FORBIDDEN},
        description="The signed-in respondent's own response in the round.",
    ),
)
class AssessmentRoundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Self-assessment rounds of the user's initiatives."""

    serializer_class = RoundOut
    filterset_class = RoundFilter
    ordering_fields = ["id", "opens_on", "closes_on"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        return (
            AssessmentRound.objects.filter(initiative__in=_visible_initiatives(self.request.user))
            .select_related("initiative")
            .annotate(**_counts())
        )

    def _out(self, round, code=status.HTTP_200_OK):
        return ApiResponse(RoundOut(self.get_queryset().get(pk=round.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        body = RoundIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        try:
            initiative = initiative_selectors.initiative_get_for_user(
                user=request.user, slug=data.pop("initiative")
            )
        except Initiative.DoesNotExist:
            raise Http404 from None
        services.check_manage(request.user, initiative)  # a refusal before the body's checks
        made = services.round_create(
            initiative=initiative, by=request.user, **_template(data, initiative)
        )
        return self._out(made, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        round = self.get_object()
        services.check_manage(request.user, round.initiative)
        body = RoundPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = _template(dict(body.validated_data), round.initiative)
        return self._out(services.round_update(round=round, by=request.user, **data))

    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open a prepared round: its respondents are fixed now."""
        return self._out(services.round_open(round=self.get_object(), by=request.user))

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close an open round: only submitted answers count."""
        return self._out(services.round_close(round=self.get_object(), by=request.user))

    @extend_schema(
        methods=["PUT"],
        request=AnswersIn,
        responses={200: ResponseOut, 403: _FORBIDDEN},
        description="Save the signed-in respondent's answers as a draft, or submit them.",
    )
    @action(detail=True, methods=["get", "put"], url_path="my-response")
    def my_response(self, request, pk=None):
        round = self.get_object()
        response = answer_services.response_for(request.user, round)
        if response is None:
            raise exceptions.PermissionDenied("You are not among the respondents of this round.")
        if request.method == "PUT":
            body = AnswersIn(data=request.data)
            body.is_valid(raise_exception=True)
            given = body.validated_data["answers"]
            answers = {item["benchmark"]: (item["level"], item["comment"]) for item in given}
            try:
                response = answer_services.answers_save(
                    response=response,
                    answers=answers,
                    submit=body.validated_data["submit"],
                    by=request.user,
                )
            except DjangoValidationError as error:
                if not hasattr(error, "error_dict"):
                    raise
                raise _answer_errors(error, given) from None
        return ApiResponse(ResponseOut(_responses().get(pk=response.pk)).data)


def _counts() -> dict:
    return {
        "respondent_count": Count("responses"),
        "submitted_count": Count("responses", filter=Q(responses__state=ResponseState.SUBMITTED)),
    }


def _responses():
    return Response.objects.prefetch_related(
        Prefetch("answers", queryset=AnswerValue.objects.order_by("benchmark_id"))
    )


class ResponseFilter(StrictFilterSet):
    initiative = TextFilter(field_name="round__initiative__slug", label="initiative slug")
    round = IdFilter()

    class Meta:
        model = Response
        fields = ["state"]


class AssessmentResponseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The signed-in user's own responses in assessment rounds, with their answers."""

    serializer_class = ResponseOut
    filterset_class = ResponseFilter
    ordering_fields = ["id"]
    ordering = ["id"]

    def get_queryset(self):
        return _responses().filter(
            respondent_id=self.request.user.pk,
            round__initiative__in=_visible_initiatives(self.request.user),
        )


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register("assessment-rounds", AssessmentRoundViewSet, basename="assessment-round")
    router.register(
        "assessment-responses", AssessmentResponseViewSet, basename="assessment-response"
    )


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
