"""Texts written in three languages, in the reader's one: `{% text indicator "name" %}`
gives `<bdi lang="he">…</bdi>`, so the text keeps its own direction and a screen reader its
own voice; `{{ indicator|text:"name" }}` gives the plain text, for attributes and titles."""

from django import template
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.utils.html import conditional_escape, format_html

from sheatufim.translated import Text

register = template.Library()


def _text(obj, field: str) -> Text:
    if obj is None:
        return Text("", "")
    return obj.text(field)


@register.simple_tag
def text(obj, field: str, lines: bool = False, truncate: int | None = None):
    value = _text(obj, field)
    if not value:
        return ""
    shown = truncatechars(value, truncate) if truncate else value
    body = linebreaksbr(shown, autoescape=True) if lines else conditional_escape(shown)
    return format_html('<bdi lang="{}">{}</bdi>', value.lang, body)


@register.filter(name="text")
def text_filter(obj, field: str) -> str:
    return _text(obj, field)


@register.filter
def lang_of(obj, field: str) -> str:
    """The language a text is shown in, for a `lang` attribute on an element that holds it."""
    return _text(obj, field).lang
