"""Text entered through forms passes sheatufim.text.clean_text, once, for every field.

`CleanTextMixin` goes first in a form's bases (`class F(CleanTextMixin, forms.Form)`): after
the fields are cleaned, every string of `cleaned_data` is cleaned, so that a NUL is refused at
its field and bidi overrides are removed, whatever the field's class. Django's CharFields
already refuse NUL; the mixin also covers fields that are not CharFields and removes the
overrides, which Django keeps. Passwords are left as typed. It runs in `clean()`, after the
forms' own `clean_<field>` methods.
"""

from django import forms
from django.core.exceptions import ValidationError

from .text import clean_text


class CleanTextMixin:
    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, forms.PasswordInput):
                continue  # a password is compared as typed
            try:
                if isinstance(value, str):
                    cleaned[name] = clean_text(value)
                elif isinstance(value, list) and all(isinstance(item, str) for item in value):
                    cleaned[name] = [clean_text(item) for item in value]
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    """The base of admin forms (see the ModelAdmins' `form`)."""
