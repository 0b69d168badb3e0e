"""What communication's admin pages share: a form that writes through the service when it is
validated (a refusal is an error at the field, not a message after a save that did not
happen), and inlines of the rows the pages write."""

from django.core.exceptions import ValidationError

from sheatufim.forms_text import CleanTextModelForm


class ReadOnlyInline:
    """Rows the pages write (members, agenda, invitations, attendance), shown here."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceWriteForm(CleanTextModelForm):
    """Writes through the service when the form is validated, so a refusal is a field error."""

    user = None

    def _post_clean(self):
        if self._errors:
            return
        try:
            self.instance = self._write()
        except ValidationError as error:
            self._update_errors(error)

    def _changes(self, fields) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in fields}


class WithUser:
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        pass  # written by the form, through the service

    def has_add_permission(self, request):
        return False
