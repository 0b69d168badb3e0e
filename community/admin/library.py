"""The resource library in admin, through community.services.resources (a document's file
passes the evidence checks there)."""

from django.contrib import admin

from sheatufim.translated_forms import TranslatedAdmin

from ..models import Resource
from ..services import resources as services
from ._common import WithUser, service_admin_form

FIELDS = ["title", "description", "kind", "condition", "phase", "url", "file"]


def _write(form) -> Resource:
    data = form.cleaned_data
    extra = {"language": data["language"], "translations": data["translations"]}
    if form.instance.pk is None:
        fields = {name: data[name] for name in FIELDS}
        return services.resource_create(by=form.user, **fields, **extra)
    changes = form._changes([*FIELDS, "language", "translations"])
    if not changes.get("file"):
        changes.pop("file", None)
    return services.resource_update(resource=form.instance, by=form.user, **changes)


@admin.register(Resource)
class ResourceAdmin(WithUser, TranslatedAdmin, admin.ModelAdmin):
    form = service_admin_form(Resource, _write, title=300, description=None)
    fields = [*FIELDS, "language"]
    list_display = ["title", "kind", "condition", "phase", "language", "added_at"]
    list_filter = ["kind", "condition", "phase", "language"]
    search_fields = ["title", "description"]

    def delete_model(self, request, obj):
        services.resource_remove(resource=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for resource in queryset:
            services.resource_remove(resource=resource, by=request.user)
