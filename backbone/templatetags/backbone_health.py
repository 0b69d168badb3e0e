"""`{% condition_health_url initiative as url %}`: the condition-health page's address for a
reader who may see it (Action.VIEW_ASSESSMENT_RESULTS), else "" (the tabs then leave it out)."""

from django import template
from django.urls import reverse

from initiatives.permissions import Action, can

register = template.Library()


@register.simple_tag(takes_context=True)
def condition_health_url(context, initiative) -> str:
    request = context.get("request")
    if request is None or not can(request.user, Action.VIEW_ASSESSMENT_RESULTS, initiative):
        return ""
    return reverse("backbone:overview", args=[initiative.slug])
