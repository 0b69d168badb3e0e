"""Assessment-template endpoints: thin over the selectors and the services.

Anyone signed in reads the platform's templates and the copies of their initiatives, with the
sections and benchmarks nested (each text as the original, its `language`, and its version
per language, the way every API of the platform shows a translatable text). Those who manage
an initiative's backbone copy a template into it (`POST …/{id}/copy/`) and change a copy's
name and description (`PATCH`), a section's name and description, and a copy's benchmarks
(add, change the text, remove); a refusal is a 403, bad input a 400 at its field, a shipped
template or a copy that rounds have used a 400 that says why.
"""

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from sheatufim.api.fields import CharField
from sheatufim.api.filters import BooleanFilter, IdFilter, StrictFilterSet, TextFilter
from sheatufim.api.schema import ErrorOut
from sheatufim.api.translations import TranslatedFields, VersionField
from sheatufim.ids import MAX_ID
from sheatufim.translated import LANGUAGE_CODES
from sheatufim.translated_forms import version_name

from ..models import AssessmentTemplate, Benchmark, TemplateSection
from ..selectors import templates as selectors
from ..services import templates as services

_FORBIDDEN = OpenApiResponse(ErrorOut, description="The user may see it but not do this.")
_REFUSED = OpenApiResponse(
    ErrorOut,
    description="Bad input, or a template that cannot be changed (the platform's, or a copy "
    "that rounds have used).",
)


# --- output --------------------------------------------------------------------------------


class BenchmarkOut(TranslatedFields, serializers.ModelSerializer):
    class Meta:
        model = Benchmark
        fields = ["id", "key", "order", "text"]


class SectionOut(TranslatedFields, serializers.ModelSerializer):
    benchmarks = BenchmarkOut(many=True, read_only=True)

    class Meta:
        model = TemplateSection
        fields = ["id", "key", "order", "name", "description", "benchmarks"]


class _JsonVersionField(VersionField):
    """A version read from the JSON: AssessmentTemplate's `version` (a number) hides
    Translatable.version()."""

    def to_representation(self, instance):
        return ((instance.translations or {}).get(self.text_field) or {}).get(self.lang) or None


class TemplateOut(TranslatedFields, serializers.ModelSerializer):
    frozen = serializers.BooleanField(
        read_only=True,
        help_text="A round open or closed has used it: a copy cannot be changed any more.",
    )
    sections = SectionOut(many=True, read_only=True)

    class Meta:
        model = AssessmentTemplate
        fields = [
            "id",
            "key",
            "version",
            "kind",
            "name",
            "description",
            "initiative",
            "based_on",
            "frozen",
            "created_at",
            "sections",
        ]
        extra_kwargs = {
            "key": {"help_text": "A copy keeps the key of the template it came from."},
            "initiative": {"help_text": "Empty: one of the platform's templates."},
        }

    def get_fields(self):
        fields = super().get_fields()
        for name in AssessmentTemplate.translatable:
            for lang in LANGUAGE_CODES:
                fields[version_name(name, lang)] = _JsonVersionField(field=name, lang=lang)
        return fields


# --- input ---------------------------------------------------------------------------------


class CopyIn(serializers.Serializer):
    initiative = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The initiative the copy is for (its id)."
    )


class TemplatePatchIn(serializers.Serializer):
    name = CharField(required=False, max_length=services.NAME_MAX)
    description = CharField(required=False, allow_blank=True, max_length=services.DESCRIPTION_MAX)


class SectionPatchIn(TemplatePatchIn):
    """A section's name and description (its key stays: results compare by it)."""


class BenchmarkPatchIn(serializers.Serializer):
    text = CharField(max_length=services.TEXT_MAX)


class BenchmarkIn(BenchmarkPatchIn):
    section = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="A section of one of your initiative's copies."
    )


# --- scoping -------------------------------------------------------------------------------


class TemplateFilter(StrictFilterSet):
    initiative = IdFilter(help_text="An initiative's copies (its id).")
    shipped = BooleanFilter(
        field_name="initiative", lookup_expr="isnull", help_text="The platform's templates."
    )
    key = TextFilter()

    class Meta:
        model = AssessmentTemplate
        fields = ["kind", "key"]


@extend_schema_view(
    partial_update=extend_schema(
        request=TemplatePatchIn, responses={200: TemplateOut, 400: _REFUSED, 403: _FORBIDDEN}
    ),
    copy=extend_schema(
        request=CopyIn,
        responses={201: TemplateOut, 400: _REFUSED, 403: _FORBIDDEN, 404: ErrorOut},
    ),
)
class AssessmentTemplateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The platform's assessment templates and the copies of the user's initiatives, with
    their sections and benchmarks."""

    serializer_class = TemplateOut
    filterset_class = TemplateFilter
    ordering_fields = ["id", "key", "version"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        benchmarks = Benchmark.objects.order_by("order", "pk")
        sections = TemplateSection.objects.order_by("order", "pk").prefetch_related(
            Prefetch("benchmarks", queryset=benchmarks)
        )
        return selectors.template_list_for_user(user=self.request.user).prefetch_related(
            Prefetch("sections", queryset=sections)
        )

    def _out(self, template: AssessmentTemplate) -> dict:
        return TemplateOut(self.get_queryset().get(pk=template.pk)).data

    def partial_update(self, request, *args, **kwargs):
        template = self.get_object()
        body = TemplatePatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        template = services.template_update(
            template=template, by=request.user, **body.validated_data
        )
        return Response(self._out(template))

    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        template = self.get_object()
        body = CopyIn(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            initiative = initiative_selectors.initiative_list_for_user(user=request.user).get(
                pk=body.validated_data["initiative"]
            )
        except Initiative.DoesNotExist:
            raise Http404 from None
        made = services.template_copy(template=template, initiative=initiative, by=request.user)
        return Response(self._out(made), status=status.HTTP_201_CREATED)


class SectionFilter(StrictFilterSet):
    template = IdFilter()
    key = TextFilter()

    class Meta:
        model = TemplateSection
        fields = ["key"]


class BenchmarkFilter(StrictFilterSet):
    section = IdFilter()
    template = IdFilter(field_name="section__template")
    key = TextFilter()

    class Meta:
        model = Benchmark
        fields = ["key"]


class SectionWithTemplateOut(SectionOut):
    class Meta(SectionOut.Meta):
        fields = ["id", "template", *SectionOut.Meta.fields[1:]]


class BenchmarkWithSectionOut(BenchmarkOut):
    class Meta(BenchmarkOut.Meta):
        fields = ["id", "section", *BenchmarkOut.Meta.fields[1:]]


def _visible_templates(user):
    return selectors.template_list_for_user(user=user).values("pk")


@extend_schema_view(
    partial_update=extend_schema(
        request=SectionPatchIn,
        responses={200: SectionWithTemplateOut, 400: _REFUSED, 403: _FORBIDDEN},
    ),
)
class TemplateSectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The sections of the templates the user may read, with their benchmarks."""

    serializer_class = SectionWithTemplateOut
    filterset_class = SectionFilter
    ordering_fields = ["id", "order"]
    ordering = ["id"]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return TemplateSection.objects.filter(
            template__in=_visible_templates(self.request.user)
        ).prefetch_related(Prefetch("benchmarks", Benchmark.objects.order_by("order", "pk")))

    def partial_update(self, request, *args, **kwargs):
        section = self.get_object()
        body = SectionPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        section = services.section_update(section=section, by=request.user, **body.validated_data)
        return Response(SectionWithTemplateOut(self.get_queryset().get(pk=section.pk)).data)


@extend_schema_view(
    create=extend_schema(
        request=BenchmarkIn,
        responses={201: BenchmarkWithSectionOut, 400: _REFUSED, 403: _FORBIDDEN, 404: ErrorOut},
    ),
    partial_update=extend_schema(
        request=BenchmarkPatchIn,
        responses={200: BenchmarkWithSectionOut, 400: _REFUSED, 403: _FORBIDDEN},
    ),
    destroy=extend_schema(responses={204: None, 400: _REFUSED, 403: _FORBIDDEN}),
)
class BenchmarkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The benchmarks of the templates the user may read; a copy's are added, changed and
    removed by those who manage its initiative's backbone."""

    serializer_class = BenchmarkWithSectionOut
    filterset_class = BenchmarkFilter
    ordering_fields = ["id", "order"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return Benchmark.objects.filter(section__template__in=_visible_templates(self.request.user))

    def create(self, request, *args, **kwargs):
        body = BenchmarkIn(data=request.data)
        body.is_valid(raise_exception=True)
        section = (
            TemplateSection.objects.filter(template__in=_visible_templates(request.user))
            .filter(pk=body.validated_data["section"])
            .first()
        )
        if section is None:
            raise Http404
        made = services.benchmark_create(
            section=section, text=body.validated_data["text"], by=request.user
        )
        return Response(BenchmarkWithSectionOut(made).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        benchmark = self.get_object()
        body = BenchmarkPatchIn(data=request.data)
        body.is_valid(raise_exception=True)
        benchmark = services.benchmark_update(
            benchmark=benchmark, by=request.user, **body.validated_data
        )
        return Response(BenchmarkWithSectionOut(benchmark).data)

    def destroy(self, request, *args, **kwargs):
        services.benchmark_remove(benchmark=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    """Add this slice's viewsets to the /api/v1/ router."""
    router.register(
        "assessment-templates", AssessmentTemplateViewSet, basename="assessment-template"
    )
    router.register(
        "assessment-template-sections", TemplateSectionViewSet, basename="assessment-section"
    )
    router.register("assessment-benchmarks", BenchmarkViewSet, basename="assessment-benchmark")


# Paths outside the router (under /api/v1/), if the slice needs any.
paths: list = []
