"""For pages of the apps before agenda (the initiative page), which may not import it:
`{% load agenda %}{% endorsement_share initiative as share %}` gives (endorsed, participants)."""

from django import template

from agenda import selectors

register = template.Library()


@register.simple_tag
def endorsement_share(initiative) -> tuple[int, int]:
    return selectors.endorsement_share(initiative=initiative)
