"""Texts that people write once and readers read in English, Hebrew or Arabic.

Each text keeps its column as the original, as written, in the object's `language`; its
versions in the other languages live in the object's `translations` JSON field:
{"name": {"he": "…", "ar": "…"}, "definition": {…}}. A reader gets the version in their
language where one was given, else the original, always with the language it is in, so
that pages can mark it (`<bdi lang="…">`) and a screen reader uses the right voice.
"""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
HEBREW_LETTERS = re.compile(r"[\u05d0-\u05ea]")
ARABIC_LETTERS = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")


class Text(str):
    """A text with the language it is written in (`lang`); it is the text everywhere else."""

    lang: str

    def __new__(cls, value: str, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text


def detect_language(value: str) -> str:
    """The language of a text from its letters: Hebrew, Arabic, else English."""
    hebrew = len(HEBREW_LETTERS.findall(value or ""))
    arabic = len(ARABIC_LETTERS.findall(value or ""))
    if not hebrew and not arabic:
        return "en"
    return "he" if hebrew >= arabic else "ar"


def reader_language(lang: str | None = None) -> str:
    """The reader's language as one of ours ("he-il" is "he"); English if it is none."""
    code = (lang or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def text_of(
    original: str, language: str, translations: dict | None, field: str, lang: str | None = None
) -> Text:
    """The text of `field` for a reader of `lang` (default: the active language).

    For rows read as values (`values_list("name", "language", "translations")`) as much as
    for objects; `Translatable.text` calls it.
    """
    original = original or ""
    written_in = language or detect_language(original)
    wanted = reader_language(lang)
    if wanted != written_in:
        version = ((translations or {}).get(field) or {}).get(wanted)
        if isinstance(version, str) and version.strip():
            return Text(version, wanted)
    return Text(original, written_in)


class Translatable(models.Model):
    """A model whose texts named in `translatable` carry a version per language."""

    translatable: tuple[str, ...] = ()

    language = models.CharField(
        _("language of the original"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the texts are written in. Empty: found from their letters."),
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def text(self, field: str, lang: str | None = None) -> Text:
        return text_of(getattr(self, field), self.language, self.translations, field, lang)

    def version(self, field: str, lang: str) -> str:
        """The version given in `lang` ("" where none was)."""
        return ((self.translations or {}).get(field) or {}).get(lang, "")

    def original_language(self) -> str:
        first = getattr(self, self.translatable[0], "") if self.translatable else ""
        return self.language or detect_language(first)


def texts_by_id(queryset, field: str = "name", lang: str | None = None) -> dict[int, Text]:
    """In one query, the `field` of each row in the reader's language, by id: for exports and
    tables that read values (`values_list("indicator_id", …)`) rather than objects."""
    rows = queryset.order_by().values_list("pk", field, "language", "translations")
    return {
        pk: text_of(original, language, translations, field, lang)
        for pk, original, language, translations in rows
    }
