"""Activities in Django admin, written through the one write path (activities.services):
adding, changing and deleting here are the same operations, with the same checks and
messages, as on the pages and through the API. Django admin's LogEntry keeps the history of
each change made here."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from sheatufim.admin_text import TextAdminMixin
from sheatufim.translated_forms import TranslatedAdmin, admin_form, version_name

from . import services
from .models import Activity

_TEXT_VERSIONS = admin_form(Activity, title=300, description=None)


class ActivityAdminForm(_TEXT_VERSIONS):
    """The service checks and writes when the form is validated: its errors become the
    form's, at their fields, and nothing is saved; valid, the activity is the service's.

    Django admin's view runs in one transaction, so the write and its LogEntry are kept or
    lost together. `user` is the admin user (set by ActivityAdmin.get_form)."""

    user = None

    def _post_clean(self):
        # In place of ModelForm's own instance.full_clean(): the service's checks are those.
        if self._errors:
            return
        try:
            self.instance = self._write()
        except ValidationError as error:
            self._update_errors(error)

    def _texts(self, changed: set[str] | None = None) -> dict:
        """`language` and `translations` (TranslatedTexts.clean), on a change only if the form
        changed the language or a version."""
        versions = {version_name(field, lang) for field, lang in self._versions()}
        if changed is not None and not changed & {"language", *versions}:
            return {}
        return {name: self.cleaned_data[name] for name in services.TEXT_VERSIONS}

    def _write(self) -> Activity:
        data = self.cleaned_data
        if self.instance.pk is None:
            draft = services.ActivityDraft(
                organization=data["organization"],
                indicators=list(data["indicators"]),
                **{name: data[name] for name in services.FIELDS},
                **self._texts(),
            )
            return services.activity_create(
                user=self.user, initiative=data["initiative"], draft=draft
            )
        changed = set(self.changed_data)
        changes = {name: data[name] for name in ("organization", *services.FIELDS)}
        return services.activity_update(
            user=self.user,
            activity=self.instance,
            indicators=list(data["indicators"]) if "indicators" in changed else None,
            **{name: value for name, value in changes.items() if name in changed},
            **self._texts(changed),
        )


@admin.register(Activity)
class ActivityAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = ActivityAdminForm
    list_display = [
        "title",
        "initiative",
        "organization",
        "strategy",
        "role",
        "status",
        "starts_on",
        "ends_on",
        "updated_at",
    ]
    list_filter = ["initiative", "status", "role", "organization__sector"]
    search_fields = [
        "title",
        "description",
        "population",
        "geography",
        "organization__name",
        "strategy__title",
    ]
    list_select_related = ["initiative", "organization", "strategy"]
    autocomplete_fields = ["organization", "strategy", "indicators"]
    readonly_fields = ["population_key", "geography_key", "created_by", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # An activity stays in its initiative (the service changes everything else).
        moved = ["initiative"] if obj is not None else []
        return [*moved, *super().get_readonly_fields(request, obj)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        """Saved already, by the service, when the form was validated (ActivityAdminForm)."""

    def save_related(self, request, form, formsets, change):
        # Not form.save_m2m(): the service set the indicators.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.activity_delete(user=request.user, activity=obj)

    def delete_queryset(self, request, queryset):
        for activity in queryset.select_related("initiative"):
            services.activity_delete(user=request.user, activity=activity)
