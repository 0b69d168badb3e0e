"""The resource library: the list with the pages' search (`q`) and filters (condition, phase,
language, kind), to the community's members and facilitators; facilitators add and change
resources (JSON for a link or a tool, multipart with `file` for a document) and remove them.
A document's file is downloaded through the policy (`download`), never served as media."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from initiatives.models import Phase
from sheatufim.api.fields import CharField
from sheatufim.api.filters import StrictFilterSet, TextFilter
from sheatufim.api.parsers import CleanJSONParser
from sheatufim.api.schema import ErrorOut
from sheatufim.api.translations import TranslatedFields

from ..models import Condition, Resource, ResourceKind
from ..selectors import resources as selectors
from ..services import resources as services
from ._common import FORBIDDEN, ViewsCommunity, visible


class ResourceOut(TranslatedFields, serializers.ModelSerializer):
    download = serializers.SerializerMethodField(
        help_text="The API path of a document's file; null for a link or a tool."
    )

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "condition",
            "phase",
            "url",
            "file_name",
            "download",
            "added_at",
            "updated_at",
        ]

    def get_download(self, resource) -> str | None:
        if not resource.file:
            return None
        return f"/api/v1/community-resources/{resource.pk}/download/"


class ResourcePatchIn(serializers.Serializer):
    title = CharField(required=False, max_length=300)
    description = CharField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=ResourceKind.choices, required=False)
    condition = serializers.ChoiceField(choices=Condition.choices, required=False)
    phase = serializers.ChoiceField(
        choices=Phase.choices, allow_null=True, required=False, help_text="0-3, or null."
    )
    url = CharField(required=False, allow_blank=True, max_length=500)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        allow_blank=True,
        help_text="The language of the original texts (empty: found from their letters).",
    )
    file = serializers.FileField(
        required=False, help_text="A document's file (multipart), up to 5 MB."
    )


class ResourceIn(ResourcePatchIn):
    title = CharField(max_length=300)
    kind = serializers.ChoiceField(choices=ResourceKind.choices)


class ResourceFilter(StrictFilterSet):
    q = TextFilter(method="search_text", label="search words")
    condition = filters.ChoiceFilter(choices=Condition.choices)
    phase = filters.TypedChoiceFilter(choices=Phase.choices, coerce=int)
    language = filters.ChoiceFilter(choices=settings.LANGUAGES)
    kind = filters.ChoiceFilter(choices=ResourceKind.choices)

    class Meta:
        model = Resource
        fields = []

    def search_text(self, queryset, name, value):
        return selectors.search(queryset, value)


def _phase(data: dict) -> dict:
    if "phase" in data and data["phase"] not in (None, ""):
        data["phase"] = int(data["phase"])
    elif "phase" in data:
        data["phase"] = None
    return data


@extend_schema_view(
    create=extend_schema(
        request={"application/json": ResourceIn, "multipart/form-data": ResourceIn},
        responses={201: ResourceOut, 403: FORBIDDEN},
    ),
    partial_update=extend_schema(
        request={"application/json": ResourcePatchIn, "multipart/form-data": ResourcePatchIn},
        responses={200: ResourceOut, 403: FORBIDDEN},
    ),
    destroy=extend_schema(request=None, responses={204: None, 403: FORBIDDEN}),
)
class ResourceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The learning community's resource library."""

    serializer_class = ResourceOut
    permission_classes = [ViewsCommunity]
    filterset_class = ResourceFilter
    parser_classes = [CleanJSONParser, MultiPartParser]
    ordering_fields = ["id", "added_at", "title"]
    ordering = None  # newest first, or best first when searching
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return visible(selectors.resource_list(), self.request.user)

    def _write(self, body_class, write, code):
        body = body_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        try:
            made = write(by=self.request.user, **_phase(dict(body.validated_data)))
        except DjangoValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise exceptions.ValidationError(error.message_dict) from None
        return Response(ResourceOut(made).data, status=code)

    def create(self, request, *args, **kwargs):
        return self._write(ResourceIn, services.resource_create, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        resource = self.get_object()

        def write(**fields):
            return services.resource_update(resource=resource, **fields)

        return self._write(ResourcePatchIn, write, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        services.resource_remove(resource=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(ErrorOut, description="No file for this resource."),
        },
        description="A document's file, as a download under the name it was added with.",
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def download(self, request, pk=None):
        resource = self.get_object()
        if not resource.file:
            raise Http404
        try:
            handle = resource.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=resource.file_name or "document",
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


def register(router) -> None:
    router.register("community-resources", ResourceViewSet, basename="community-resource")


paths: list = []
