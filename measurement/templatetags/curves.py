"""Who is working on an indicator's curve, in words: `{% curve_summary work %}` gives
"3 activities by 2 organizations" (work: measurement.signals.CurveSummary)."""

from django import template
from django.utils.translation import npgettext

register = template.Library()


@register.simple_tag
def curve_summary(work) -> str:
    """Each number with its own plural form: the organizations' phrase goes into the sentence."""
    organizations = npgettext(
        "who works on a curve",
        "%(count)s organization",
        "%(count)s organizations",
        work.organization_count,
    ) % {"count": work.organization_count}
    return npgettext(
        "who works on a curve",
        "%(count)s activity by %(organizations)s",
        "%(count)s activities by %(organizations)s",
        work.activity_count,
    ) % {"count": work.activity_count, "organizations": organizations}
