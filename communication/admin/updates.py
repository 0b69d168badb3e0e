"""Updates in Django admin, written through the one write path (communication.services.updates):
posting, changing and removing here are the operations of the pages and the API, with their
checks; files added inline pass the same checks. Events are read only: they are what happened.
Django admin's LogEntry keeps the history of each change made here."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from sheatufim.admin_text import TextAdminMixin
from sheatufim.translated_forms import TranslatedAdmin, admin_form, version_name

from ..models import Event, Update, UpdateAttachment
from ..services import updates as services

_TEXT_VERSIONS = admin_form(Update, title=300, body=None)


class UpdateAdminForm(_TEXT_VERSIONS):
    """The service checks and writes when the form is validated (as ActivityAdminForm)."""

    user = None

    class Meta(_TEXT_VERSIONS.Meta):
        fields = ["initiative", "title", "body", "language"]

    def _post_clean(self):
        if self._errors:
            return
        try:
            self.instance = self._write()
        except ValidationError as error:
            self._update_errors(error)

    def _write(self) -> Update:
        data = self.cleaned_data
        texts = {
            "title": data["title"],
            "body": data["body"],
            "language": data["language"],
            "translations": data["translations"],
        }
        if self.instance.pk is None:
            return services.update_post(user=self.user, initiative=data["initiative"], **texts)
        versions = {version_name(field, lang) for field, lang in self._versions()}
        changed = set(self.changed_data)
        if not changed & {"language", *versions}:
            texts.pop("language"), texts.pop("translations")
        return services.update_edit(user=self.user, update=self.instance, **texts)


class AttachmentInlineForm(forms.ModelForm):
    class Meta:
        model = UpdateAttachment
        fields = ["file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and self.instance.pk is None:
            refusal = services.attachment_refusal(upload)
            if refusal:
                raise ValidationError(refusal)
        return upload


class AttachmentInline(admin.TabularInline):
    model = UpdateAttachment
    form = AttachmentInlineForm
    extra = 1
    readonly_fields = ["name", "size"]

    def has_change_permission(self, request, obj=None):
        return False  # a file is replaced by removing it and adding another


@admin.register(Update)
class UpdateAdmin(TextAdminMixin, TranslatedAdmin, admin.ModelAdmin):
    form = UpdateAdminForm
    inlines = [AttachmentInline]
    list_display = ["title", "initiative", "author", "published_at"]
    list_filter = ["initiative"]
    search_fields = ["title", "body"]
    list_select_related = ["initiative", "author"]
    readonly_fields = ["author", "published_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        moved = ["initiative"] if obj is not None else []
        return [*moved, *super().get_readonly_fields(request, obj)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        """Saved already, by the service, when the form was validated (UpdateAdminForm)."""

    def save_formset(self, request, form, formset, change):
        update = form.instance
        removed = [inline.instance for inline in formset.deleted_forms if inline.instance.pk]
        for attachment in removed:
            services.attachment_remove(user=request.user, attachment=attachment)
        files = [
            inline.cleaned_data["file"]
            for inline in formset.extra_forms
            if inline.has_changed() and inline not in formset.deleted_forms
        ]
        added = (
            services.attachments_add(user=request.user, update=update, files=files) if files else []
        )
        # What the admin's history says of the inline (as formset.save() would have set it).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = added, [], removed

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Shown again after a POST: something was refused (an inline file). The service wrote
        # the update when its form was validated; the admin's transaction must not keep it.
        if request.method == "POST":
            transaction.set_rollback(True)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_deleted_objects(self, objs, request):
        # An update's feed line goes with it (services.update_remove): it is not the admin
        # user's to delete on its own, so it does not stop the removal.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(str(Event._meta.verbose_name))
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.update_remove(user=request.user, update=obj)

    def delete_queryset(self, request, queryset):
        for update in queryset.select_related("initiative"):
            services.update_remove(user=request.user, update=update)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["__str__", "initiative", "kind", "actor", "occurred_at"]
    list_filter = ["kind", "initiative"]
    list_select_related = ["initiative", "actor"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
