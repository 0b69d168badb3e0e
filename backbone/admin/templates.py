"""Assessment templates in Django admin: the one place where the platform's own templates
(those with no initiative) may be changed, by admins. A template with its sections inline,
a section with its benchmarks inline; texts with their versions (`translations`, JSON:
{"name": {"he": "…", "ar": "…"}}). Django admin's LogEntry keeps who changed what.

A template that a round open or closed has used is read only here too: its answers and results
refer to its benchmarks; a change to it is a new version (or, for an initiative, a copy)."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from sheatufim.forms_text import CleanTextModelForm

from ..models import AssessmentTemplate, Benchmark, TemplateSection
from ..services import templates as services


def _template_of(obj) -> AssessmentTemplate | None:
    """The template a template, a section or a benchmark belongs to (None while unsaved)."""
    if isinstance(obj, Benchmark):
        obj = obj.section if obj.section_id else None
    if isinstance(obj, TemplateSection):
        obj = obj.template if obj.template_id else None
    return obj


def _used(obj) -> bool:
    template = _template_of(obj)
    return (
        template is not None and template.pk is not None and services.template_is_frozen(template)
    )


class _FrozenForm(CleanTextModelForm):
    """Refuses any change to a template (or a part of one) that rounds have used."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and self.has_changed() and _used(self.instance):
            raise ValidationError(services.FROZEN)
        return cleaned


class TemplateAdminForm(_FrozenForm):
    class Meta:
        model = AssessmentTemplate
        fields = [
            "key",
            "version",
            "kind",
            "initiative",
            "based_on",
            "language",
            "name",
            "description",
            "translations",
        ]


class SectionAdminForm(_FrozenForm):
    class Meta:
        model = TemplateSection
        fields = ["key", "order", "language", "name", "description", "translations"]


class BenchmarkAdminForm(_FrozenForm):
    class Meta:
        model = Benchmark
        fields = ["key", "order", "language", "text", "translations"]


class _FrozenInline(admin.TabularInline):
    extra = 0
    show_change_link = True

    # `obj` is the parent: the template of the sections, the section of the benchmarks.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _used(obj)


class SectionInline(_FrozenInline):
    model = TemplateSection
    form = SectionAdminForm
    fields = ["key", "order", "language", "name", "description", "translations"]


class BenchmarkInline(_FrozenInline):
    model = Benchmark
    form = BenchmarkAdminForm
    fields = ["key", "order", "language", "text", "translations"]


@admin.register(AssessmentTemplate)
class AssessmentTemplateAdmin(admin.ModelAdmin):
    form = TemplateAdminForm
    list_display = ["name", "key", "version", "kind", "initiative", "based_on", "created_at"]
    list_filter = ["kind", ("initiative", admin.EmptyFieldListFilter)]
    list_select_related = ["initiative", "based_on"]
    search_fields = ["name", "key"]
    raw_id_fields = ["initiative", "based_on"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [SectionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _used(obj)


@admin.register(TemplateSection)
class TemplateSectionAdmin(admin.ModelAdmin):
    form = SectionAdminForm
    list_display = ["name", "key", "order", "template"]
    list_filter = ["template__kind"]
    list_select_related = ["template"]
    search_fields = ["name", "key", "template__key"]
    raw_id_fields = ["template"]
    inlines = [BenchmarkInline]

    def get_fields(self, request, obj=None):
        return ["template", *SectionAdminForm.Meta.fields]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and _used(obj.template))
