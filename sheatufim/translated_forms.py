"""One field per language for each translatable text, in every form and in the admin.

    class IndicatorForm(translation_fields(name=200, definition=None, unit=50), forms.ModelForm)

adds `name_en`, `name_he`, `name_ar`… (max length that of the original; None: a text area)
and `language`, the language the originals are written in (empty: found from their letters).
Cleaned, they become `cleaned_data["translations"]` ({"name": {"he": "…"}}) and
`cleaned_data["language"]`, and, on a model form, the instance's fields of those names.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .forms_text import CleanTextMixin
from .text import clean_text
from .translated import detect_language

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def version_name(field: str, lang: str) -> str:
    return f"{field}_{lang}"


def _version_field(field: str, lang: str, max_length: int | None) -> forms.CharField:
    label = LANGUAGE_NAMES[lang]  # the form names the text too, with its own label
    widget = forms.Textarea(attrs={"rows": 2}) if max_length is None else forms.TextInput
    return forms.CharField(
        label=label, required=False, max_length=max_length, strip=True, widget=widget
    )


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Language of the original"),
        choices=[("", _("Find it from the letters")), *settings.LANGUAGES],
        required=False,
        help_text=_("The language the texts above are written in."),
    )


class TranslatedTexts:
    """The behaviour of the fields that `translation_fields` declares."""

    translated: dict[str, int | None] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, lang in self._versions():
            if field in self.fields:
                self.fields[version_name(field, lang)].label = format_lazy(
                    _("{text} ({language})"),
                    text=self.fields[field].label,
                    language=LANGUAGE_NAMES[lang],
                )
        instance = getattr(self, "instance", None)
        if instance is not None and not self.is_bound:
            self.initial.setdefault("language", instance.language)
            for field, lang in self._versions():
                self.initial.setdefault(version_name(field, lang), instance.version(field, lang))
        self.order_fields(ordered(self.fields, self.translated))

    def _versions(self):
        return [(field, lang) for field in self.translated for lang in LANGUAGE_NAMES]

    def clean(self):
        cleaned = super().clean()
        translations: dict[str, dict[str, str]] = {}
        for field, lang in self._versions():
            name = version_name(field, lang)
            value = cleaned.pop(name, "") or ""
            try:
                value = clean_text(value)
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            if value:
                translations.setdefault(field, {})[lang] = value
        first = next(iter(self.translated))
        language = cleaned.get("language") or detect_language(str(cleaned.get(first) or ""))
        cleaned["translations"], cleaned["language"] = translations, language
        instance = getattr(self, "instance", None)
        if instance is not None:
            instance.translations, instance.language = translations, language
        return cleaned


def ordered(names, translated) -> list[str]:
    """The field names with `language` before the first text and each version after its own."""
    versions = {version_name(field, lang) for field in translated for lang in LANGUAGE_NAMES}
    order: list[str] = []
    for name in names:
        if name in versions or name == "language":
            continue
        if name in translated and "language" not in order:
            order.append("language")
        order.append(name)
        if name in translated:
            order.extend(version_name(name, lang) for lang in LANGUAGE_NAMES)
    return order


def translation_fields(**max_lengths: int | None) -> type:
    """A form mixin with a field per language for each named text, and `language`."""
    fields = {
        version_name(field, lang): _version_field(field, lang, max_length)
        for field, max_length in max_lengths.items()
        for lang in LANGUAGE_NAMES
    }
    fields["language"] = _language_field()
    # Form metaclasses collect `declared_fields` from every base, so these are form fields.
    return type(
        "TranslationFields",
        (TranslatedTexts,),
        {"declared_fields": fields, "translated": dict(max_lengths)},
    )


def _https_urls(field, **kwargs):
    # The admin builds its own form with its own callback; this one is for the base class.
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def admin_form(model, **max_lengths: int | None) -> type[forms.ModelForm]:
    """The admin's form of `model`: its own fields (the admin chooses them) and the versions."""
    meta = type(
        "Meta",
        (),
        {"model": model, "exclude": ["translations"], "formfield_callback": _https_urls},
    )
    bases = (CleanTextMixin, translation_fields(**max_lengths), forms.ModelForm)
    return type(f"{model.__name__}AdminForm", bases, {"Meta": meta})


class TranslatedAdmin:
    """A ModelAdmin whose form comes from `translation_fields`: the versions beside their
    original, the JSON kept out of sight."""

    exclude = ["translations"]

    def get_fields(self, request, obj=None):
        return ordered(super().get_fields(request, obj), self.form.translated)
