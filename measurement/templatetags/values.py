"""The one way a value is shown: `{{ value|number:indicator.decimals }}` (see measurement.numbers).

`{% figure value indicator %}` puts it in <bdi> with its unit; a number without an indicator
(a weight, a count of organizations) takes `{{ value|number }}`.
"""

import re
from decimal import Decimal
from functools import cache

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, gettext

from initiatives.templatetags.texts import text as text_tag
from measurement.numbers import number_text, plain
from measurement.services.values import OUTLIER_REASON
from sheatufim.text import isolate

register = template.Library()


@register.filter
def number(value, decimals=None) -> str:
    """The value as a plain decimal grouped per language; `decimals` places when given."""
    return number_text(value, None if decimals in (None, "") else int(decimals))


@register.filter(name="plain")
def plain_filter(value):
    """The value as a number input reads it back: no grouping, no exponent (value="170")."""
    return "" if value is None else format(plain(value), "f")  # a str: never localized


@register.simple_tag
def change_arrow() -> str:
    """The arrow from an old value to a new one, pointing the way the page reads."""
    return "←" if get_language_bidi() else "→"


@register.filter
def flag_reason(submission) -> str:
    """Why a submission is flagged, in the reader's language, its numbers isolated and written as
    every page writes them; the stored text as is when it is not a known sentence."""
    stored = submission.flag_reason
    for pattern in _outlier_patterns():
        found = pattern.match(stored)
        if found:
            numbers = {
                key: format_html("<bdi>{}</bdi>", number_text(Decimal(text)))
                for key, text in found.groupdict().items()
            }
            return mark_safe(escape(gettext(OUTLIER_REASON)) % numbers)  # every part is escaped
    return format_html('<span dir="auto">{}</span>', stored)


@cache
def _outlier_patterns() -> list[re.Pattern]:
    """The outlier sentence as each language's catalog words it, its numbers captured."""
    patterns = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            sentence = re.escape(gettext(OUTLIER_REASON))
        for key in ("value", "previous"):
            sentence = sentence.replace(re.escape(f"%({key})s"), rf"(?P<{key}>-?\d+(?:\.\d+)?)")
        patterns.append(re.compile(sentence))
    return patterns


@register.filter
def bdi(value) -> str:
    """The value isolated in <bdi>, for a placeholder of a translated sentence
    ({% blocktranslate with period=period.label|bdi %}), whose msgid then stays as it was."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter(name="isolate")
def isolate_filter(value) -> str:
    """The value in FSI…PDI, where <bdi> cannot go (an <option>, a title attribute)."""
    return isolate(value)


@register.simple_tag
def figure(value, indicator) -> str:
    """A figure of an indicator: the number with the indicator's decimals, then "%" for a
    percentage or the indicator's unit in the reader's language, all in <bdi> so that a negative
    number or a unit in another script keeps its order on right-to-left pages; "—" for none.

    A tag rather than an include: the dashboard shows a few thousand of them (the trend tables),
    and the unit's markup is made once per indicator and language."""
    if value is None:
        return "—"
    shown = number_text(value, indicator.decimals)
    if indicator.value_type == "percentage":
        return format_html("<bdi>{}%</bdi>", shown)
    if not indicator.unit:
        return format_html("<bdi>{}</bdi>", shown)
    return with_unit(format_html("<bdi>{}</bdi>", shown), indicator)


def with_unit(number: str, indicator) -> str:
    """A number's markup and the indicator's unit in the reader's language, isolated together in
    the page's direction. Said, not guessed: an isolate takes its direction from the first letter
    outside its inner isolates, and finding none here (the unit is one) it would be left to
    right, putting a Hebrew unit before its number."""
    units = indicator.__dict__.setdefault("_unit_markup", {})
    language = translation.get_language()
    if language not in units:
        direction = "rtl" if translation.get_language_bidi() else "ltr"
        units[language] = (
            direction,
            format_html('<span class="figure-unit">{}</span>', text_tag(indicator, "unit")),
        )
    direction, unit = units[language]
    return format_html('<bdi dir="{}">{} {}</bdi>', direction, number, unit)
