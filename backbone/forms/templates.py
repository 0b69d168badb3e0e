"""The forms of the template pages: a copy's name and description, a section's, a benchmark's
text, each with its versions in the other languages. The rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sheatufim.forms_text import CleanTextMixin
from sheatufim.translated_forms import translation_fields

from ..services.templates import DESCRIPTION_MAX, NAME_MAX, TEXT_MAX


class TemplateForm(CleanTextMixin, translation_fields(name=NAME_MAX, description=None), forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=DESCRIPTION_MAX
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and not kwargs.get("data"):
            kwargs.setdefault("initial", {}).update(_initial(instance, ("name", "description")))
        super().__init__(*args, **kwargs)


class SectionForm(TemplateForm):
    """A section's name and description (the same fields as a template's)."""


class BenchmarkForm(CleanTextMixin, translation_fields(text=None), forms.Form):
    text = forms.CharField(label=_("Benchmark"), widget=forms.Textarea, max_length=TEXT_MAX)

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and not kwargs.get("data"):
            kwargs.setdefault("initial", {}).update(_initial(instance, ("text",)))
        super().__init__(*args, **kwargs)


def _initial(instance, fields) -> dict:
    """The texts of an object and their versions, as the form's fields name them. (Read from
    the JSON: a template's `version` field hides Translatable.version().)"""
    initial = {"language": instance.language}
    for field in fields:
        initial[field] = getattr(instance, field)
        for lang, value in ((instance.translations or {}).get(field) or {}).items():
            initial[f"{field}_{lang}"] = value
    return initial
