"""Recorded relationships in Django admin, written through the one write path
(initiatives.stakeholder_map.services): recorded with the checks of the page and the API (a
refusal is an error at the field) and removed through the service, one at a time or as a
list's action. A relationship does not change: remove it and record another. Django admin's
LogEntry keeps who did what (the history button)."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from sheatufim.forms_text import CleanTextModelForm

from ..relationships import Relationship
from . import services

FIELDS = ["initiative", "source", "kind", "target", "note"]


class RelationshipAdminForm(CleanTextModelForm):
    user = None

    class Meta:
        model = Relationship
        fields = FIELDS

    def _post_clean(self):
        if self._errors:
            return
        try:
            self.instance = services.relationship_create(
                by=self.user, **{name: self.cleaned_data[name] for name in FIELDS}
            )
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    form = RelationshipAdminForm
    list_display = ["source", "kind", "target", "initiative", "created_by", "created_at"]
    list_filter = ["kind", "initiative"]
    search_fields = ["source__name", "target__name", "note"]
    autocomplete_fields = ["initiative", "source", "target"]
    list_select_related = ["source", "target", "initiative", "created_by"]
    readonly_fields = ["created_by", "created_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # recorded: it does not change
            return [*FIELDS, "created_by", "created_at"]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        pass  # written by the form, through the service

    def delete_model(self, request, obj):
        services.relationship_delete(relationship=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for relationship in queryset.select_related("initiative"):
            services.relationship_delete(relationship=relationship, by=request.user)
