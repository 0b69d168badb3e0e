"""The measurement policy for templates that no measurement view renders (the initiative's
page lives in `initiatives`, which may not import this app): `{% measurement_can "submit"
initiative as can_submit %}`. Names map to the predicates of measurement/permissions.py."""

from django import template

from .. import permissions

register = template.Library()

PREDICATES = {
    "manage": permissions.can_manage_measurement,
    "review": permissions.can_review,
    "submit": permissions.can_submit_values,
    "view_completeness": permissions.can_view_completeness,
}


@register.simple_tag(takes_context=True)
def measurement_can(context, action: str, initiative) -> bool:
    return PREDICATES[action](context["request"].user, initiative)
