"""The API of the feed: updates (staff write, everyone in the initiative reads), their
attachments (a separate endpoint that takes one file as multipart/form-data, and hands it back
through a permission-checked download), and the events (read-only: the feed's lines with their
sentence in the request's language and the path to see them).

Scoping: the objects of the user's initiatives; another initiative's is a 404. Writing asks the
policy (a 403); a rule of the services is a 400 at its field.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from sheatufim.api.fields import CharField
from sheatufim.api.filters import IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut
from sheatufim.api.translations import TranslatedFields
from sheatufim.ids import MAX_ID
from sheatufim.translated import LANGUAGE_CODES
from sheatufim.translated_forms import LANGUAGE_NAMES, ordered, version_name

from .. import permissions
from ..models import Event, Update, UpdateAttachment
from ..selectors import feed as selectors
from ..sentences import sentence_html, sentence_text
from ..services import updates as services
from .base import initiative_or_404

TEXT_LENGTHS = {"title": 300, "body": None}
_VERSIONS = {version_name(n, lang): (n, lang) for n in TEXT_LENGTHS for lang in LANGUAGE_CODES}

# --- output ------------------------------------------------------------------------------


class AttachmentOut(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="Where the file is read (the API's).")

    class Meta:
        model = UpdateAttachment
        fields = ["id", "update", "name", "size", "download"]

    def get_download(self, attachment) -> str:
        request = self.context.get("request")
        path = reverse("api:update-attachment-download", args=[attachment.pk])
        return request.build_absolute_uri(path) if request else path


class UpdateOut(TranslatedFields, serializers.ModelSerializer):
    """News of an initiative, with its texts' versions in each language and its files."""

    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    attachments = AttachmentOut(many=True, read_only=True)

    class Meta:
        model = Update
        fields = [
            "id",
            "initiative",
            "title",
            "body",
            "author",
            "published_at",
            "updated_at",
            "attachments",
        ]


class EventOut(serializers.ModelSerializer):
    """A line of the initiative's feed."""

    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sentence = serializers.SerializerMethodField(
        help_text="What happened, in the request's language; names isolated (FSI…PDI)."
    )
    sentence_html = serializers.SerializerMethodField(
        help_text="The same as HTML, names escaped inside <bdi>."
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "initiative",
            "kind",
            "occurred_at",
            "actor",
            "working_group",
            "meeting",
            "decision",
            "update",
            "sentence",
            "sentence_html",
            "path",
        ]

    def get_sentence(self, event) -> str:
        return sentence_text(event)

    def get_sentence_html(self, event) -> str:
        return str(sentence_html(event))


# --- input -------------------------------------------------------------------------------

_TextVersionsIn = type(
    "UpdateTextVersionsIn",
    (serializers.Serializer,),
    {
        version_name(name, lang): CharField(
            required=False,
            allow_blank=True,
            allow_null=True,
            max_length=max_length,
            help_text=f"The {name} in {LANGUAGE_NAMES[lang]}; empty or null: none.",
        )
        for name, max_length in TEXT_LENGTHS.items()
        for lang in LANGUAGE_CODES
    },
)


class UpdatePatchIn(_TextVersionsIn):
    """Only the fields named change."""

    title = CharField(required=False, max_length=300)
    body = CharField(required=False)
    language = serializers.ChoiceField(
        required=False,
        allow_blank=True,
        choices=settings.LANGUAGES,
        help_text="The language the texts are written in; empty: found from the title.",
    )

    def get_fields(self):
        fields = super().get_fields()
        return {name: fields[name] for name in ordered(fields, TEXT_LENGTHS)}


class UpdateCreateIn(UpdatePatchIn):
    """News to the partners; its files are sent afterwards to /update-attachments/."""

    initiative = CharField(max_length=80, help_text="The initiative's slug.")
    title = CharField(max_length=300)
    body = CharField()

    def get_fields(self):
        fields = super().get_fields()
        return {"initiative": fields.pop("initiative"), **fields}


class AttachmentIn(serializers.Serializer):
    update = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The update's id.")
    file = serializers.FileField(
        help_text="PDF, PNG, JPEG, XLSX, CSV, DOCX or PPTX, up to 5 MB; its content must be"
        " of the type its name says."
    )


def _texts_in(data: dict, translations: dict) -> dict:
    """`title_he`… merged into `translations`: given replaces, "" or null removes."""
    merged = {name: dict(versions) for name, versions in (translations or {}).items()}
    for key, (name, lang) in _VERSIONS.items():
        if key in data:
            value = data.pop(key)
            if value:
                merged.setdefault(name, {})[lang] = value
            else:
                merged.get(name, {}).pop(lang, None)
    return {name: versions for name, versions in merged.items() if versions}


# --- views -------------------------------------------------------------------------------


class UpdateFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = Update
        fields = []


class AttachmentFilter(StrictFilterSet):
    update = IdFilter()

    class Meta:
        model = UpdateAttachment
        fields = []


class EventFilter(StrictFilterSet):
    initiative = TextFilter(field_name="initiative__slug", label="initiative slug")

    class Meta:
        model = Event
        fields = ["kind"]


_NOT_STAFF = OpenApiResponse(ErrorOut, description="Only the staff post and change news.")


@extend_schema_view(
    create=extend_schema(
        request=UpdateCreateIn,
        responses={
            201: UpdateOut,
            403: _NOT_STAFF,
            404: OpenApiResponse(ErrorOut, description="No such initiative for this user."),
        },
        description="News to the partners of an initiative (its backbone staff; a sphere's"
        " facilitator). It enters the initiative's feed.",
    ),
    partial_update=extend_schema(
        request=UpdatePatchIn, responses={200: UpdateOut, 403: _NOT_STAFF}
    ),
    destroy=extend_schema(request=None, responses={204: None, 403: _NOT_STAFF}),
)
class UpdateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The news of the user's initiatives, newest first."""

    serializer_class = UpdateOut
    filterset_class = UpdateFilter
    ordering_fields = ["id", "published_at"]
    ordering = ["-published_at", "-id"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.updates_visible_to(user=self.request.user)

    def _answer(self, update: Update, code=status.HTTP_200_OK) -> Response:
        body = UpdateOut(
            self.get_queryset().get(pk=update.pk), context=self.get_serializer_context()
        )
        return Response(body.data, status=code)

    def _writable(self) -> Update:
        update = self.get_object()
        if not permissions.can_post_update(self.request.user, update.initiative):
            raise exceptions.PermissionDenied
        return update

    def create(self, request, *args, **kwargs):
        body = UpdateCreateIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        initiative = initiative_or_404(request.user, data.pop("initiative"))
        translations = _texts_in(data, {})
        update = services.update_post(
            user=request.user, initiative=initiative, translations=translations, **data
        )
        return self._answer(update, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        update = self._writable()
        body = UpdatePatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if any(key in data for key in _VERSIONS):
            data["translations"] = _texts_in(data, update.translations)
        update = services.update_edit(user=request.user, update=update, **data)
        return self._answer(update)

    def destroy(self, request, *args, **kwargs):
        services.update_remove(user=request.user, update=self._writable())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    create=extend_schema(
        request={"multipart/form-data": AttachmentIn},
        responses={201: AttachmentOut, 403: _NOT_STAFF},
        description="One more file for an update (at most 10 per update).",
    ),
    destroy=extend_schema(request=None, responses={204: None, 403: _NOT_STAFF}),
)
class UpdateAttachmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The files of the news of the user's initiatives."""

    serializer_class = AttachmentOut
    filterset_class = AttachmentFilter
    parser_classes = [MultiPartParser]  # the only body here is a file
    ordering_fields = ["id"]
    ordering = ["id"]

    def get_queryset(self):
        return selectors.attachments_visible_to(user=self.request.user)

    def create(self, request, *args, **kwargs):
        body = AttachmentIn(data=request.data)
        body.is_valid(raise_exception=True)
        update = (
            selectors.updates_visible_to(user=request.user)
            .filter(pk=body.validated_data["update"])
            .first()
        )
        if update is None:
            raise exceptions.ValidationError({"update": [_("No such update.")]})
        try:
            attachment = services.attachments_add(
                user=request.user, update=update, files=[body.validated_data["file"]]
            )[0]
        except ValidationError as error:
            if hasattr(error, "error_dict") and "attachments" in error.error_dict:
                raise exceptions.ValidationError(
                    {"file": error.message_dict["attachments"]}
                ) from None
            raise
        out = AttachmentOut(attachment, context=self.get_serializer_context())
        return Response(out.data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        services.attachment_remove(user=request.user, attachment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(ErrorOut, description="No such file for this user."),
        },
        description="The file, as a download under the name it was posted with.",
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def download(self, request, pk=None):
        attachment = self.get_object()
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.name,
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """The lines of the feeds of the user's initiatives (never an event addressed to one
    person), newest first; `?initiative=` and `?kind=` filter them."""

    serializer_class = EventOut
    filterset_class = EventFilter
    ordering_fields = ["id", "occurred_at"]
    ordering = ["-occurred_at", "-id"]

    def get_queryset(self):
        return selectors.events_visible_to(user=self.request.user)
