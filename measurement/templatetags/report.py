"""The period report's words and drawings: its trend chart, a change with its sign and unit, and
the summary's sentences, each a translatable sentence whose parts are isolated in <bdi>."""

from decimal import Decimal

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from initiatives.templatetags.texts import text as text_tag
from measurement.numbers import number_text
from measurement.report_chart import trend_svg

from .values import figure, with_unit

register = template.Library()

MINUS = "\u2212"


def sentence(words: str, **parts) -> SafeString:
    """A translated sentence with its %(name)s parts filled in, the words escaped and the parts
    kept as they are (already safe markup) or escaped."""
    return mark_safe(
        conditional_escape(words) % {key: conditional_escape(v) for key, v in parts.items()}
    )


@register.simple_tag
def trend_chart(trend) -> SafeString:
    return trend_svg(trend)


@register.simple_tag
def change(value: Decimal | None, indicator, signed: bool = True) -> SafeString:
    """A change of a figure: "+3 students", "−1.5 percentage points", "No change"; without its
    sign where the sentence says which way ("rose by 3 students")."""
    if value is None:
        return mark_safe("—")
    if value == 0 or number_text(abs(value), indicator.decimals) == number_text(0, 0):
        return mark_safe(conditional_escape(gettext("No change")))
    sign = ("+" if value > 0 else MINUS) if signed else ""
    # Left to right: a sign and digits hold no letter to take the direction from, and WeasyPrint
    # would then write "3−" on a right-to-left page.
    number = format_html(
        '<span dir="ltr">{}{}</span>', sign, number_text(abs(value), indicator.decimals)
    )
    if indicator.value_type == "percentage":
        words = ngettext(
            "%(number)s percentage point", "%(number)s percentage points", _count(value)
        )
        return format_html("<bdi>{}</bdi>", sentence(words, number=number))
    if not indicator.unit:
        return format_html("<bdi>{}</bdi>", number)
    return with_unit(number, indicator)


def _count(value: Decimal) -> int:
    """The whole number a plural form is chosen by (1.5 points reads as 'points')."""
    whole = abs(value)
    return int(whole) if whole == int(whole) else 2


@register.simple_tag
def moved(section) -> SafeString:
    """What moved: 'MATH5 Math students rose by 3 students to 12 students.'"""
    indicator = section.indicator
    words = (
        gettext("%(indicator)s rose by %(change)s to %(value)s.")
        if section.change > 0
        else gettext("%(indicator)s fell by %(change)s to %(value)s.")
    )
    return sentence(
        words,
        indicator=format_html("<bdi>{}</bdi> {}", indicator.code, text_tag(indicator, "name")),
        change=change(section.change, indicator, signed=False),
        value=figure(section.point.value, indicator),
    )
