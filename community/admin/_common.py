"""The admin's forms write through the services, so a refusal is a field error."""

from django.core.exceptions import ValidationError

from sheatufim.translated_forms import admin_form


class ServiceFormMixin:
    user = None

    def _post_clean(self):
        if self._errors:
            return
        try:
            self.instance = self._write()
        except ValidationError as error:
            self._update_errors(error)

    def _changes(self, fields) -> dict:
        data = {name: self.cleaned_data[name] for name in self.changed_data if name in fields}
        for name in ("language", "translations"):
            if name in fields and name in self.cleaned_data:
                data[name] = self.cleaned_data[name]
        return data


def service_admin_form(model, write, **max_lengths):
    base = admin_form(model, **max_lengths)
    return type(f"{model.__name__}ServiceForm", (ServiceFormMixin, base), {"_write": write})


class WithUser:
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        pass  # written by the form, through the service

    def save_related(self, request, form, formsets, change):
        # The inlines are read only: nothing of theirs is saved (the history says so).
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
