"""Translatable texts in the API: the original (`name`), its `language`, and one field per
language (`name_en`, `name_he`, `name_ar`) holding the version given in it, or null."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sheatufim.translated import LANGUAGE_CODES
from sheatufim.translated_forms import LANGUAGE_NAMES, version_name


class VersionField(serializers.CharField):
    def __init__(self, *, field: str, lang: str, **kwargs):
        self.text_field, self.lang = field, lang
        kwargs.setdefault(
            "help_text",
            _("The %(field)s in %(language)s, where it was given; null where it was not.")
            % {"field": field, "language": LANGUAGE_NAMES[lang]},
        )
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, instance):
        return instance.version(self.text_field, self.lang) or None


class TranslatedFields:
    """A ModelSerializer mixin: `language` and a field per language after each text the model
    names in `translatable` (and the serializer shows)."""

    def get_fields(self):
        fields = super().get_fields()
        shown = {}
        for name, field in fields.items():
            shown[name] = field
            if name in self.Meta.model.translatable:
                for lang in LANGUAGE_CODES:
                    shown[version_name(name, lang)] = VersionField(field=name, lang=lang)
        shown["language"] = serializers.CharField(
            source="original_language",
            read_only=True,
            help_text=_("The language the original texts are written in (en, he or ar)."),
        )
        return shown
