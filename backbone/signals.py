"""What backbone answers to the apps below it (it reads every condition; none reads it).

- `initiatives.signals.home_panels_wanted`: the measurement dashboard shows the five lines of
  condition health at the top, to those who may see it (Action.VIEW_ASSESSMENT_RESULTS).
- `initiatives.signals.portfolio_columns_wanted`: the facilitator's portfolio shows a
  "Condition health" column, five marks per initiative linking to its page, for the
  initiatives whose condition health the reader may see.
Both read condition health in the same fixed number of queries, whatever the number of
initiatives and their data.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Membership
from initiatives.permissions import Action, can, role_actions


def health_panel_answer(sender, *, user, initiative, place, request=None, **kwargs):
    if place != "dashboard" or initiative is None:
        return None
    if not can(user, Action.VIEW_ASSESSMENT_RESULTS, initiative):
        return None
    from .selectors.health import condition_health

    health = condition_health([initiative.pk])[initiative.pk]
    html = render_to_string(
        "backbone/health_panel.html", {"health": health, "initiative": initiative}, request=request
    )
    return mark_safe(html)


def health_visible(user, initiative_ids) -> list[int]:
    """Of these initiatives, those whose condition health the user may see, in two queries
    (the policy's role table, read for all of them at once)."""
    if not user.is_authenticated or not user.is_active:
        return []
    kinds = dict(Initiative.objects.filter(pk__in=initiative_ids).values_list("pk", "kind"))
    if user.is_superuser:
        return [pk for pk in initiative_ids if pk in kinds]
    roles = dict(
        Membership.objects.filter(user_id=user.pk, initiative_id__in=initiative_ids).values_list(
            "initiative_id", "role"
        )
    )
    return [
        pk
        for pk in initiative_ids
        if pk in kinds and Action.VIEW_ASSESSMENT_RESULTS in role_actions(roles.get(pk), kinds[pk])
    ]


def health_column_answer(sender, *, user, initiative_ids, request=None, **kwargs):
    visible = health_visible(user, initiative_ids)
    if not visible:
        return None
    from .selectors.health import condition_health

    found = condition_health(visible)
    slugs = dict(Initiative.objects.filter(pk__in=visible).values_list("pk", "slug"))
    cells = {
        pk: mark_safe(
            render_to_string(
                "backbone/health_cell.html",
                {"health": health, "slug": slugs[pk]},
                request=request,
            )
        )
        for pk, health in found.items()
    }
    return {"title": _("Condition health"), "cells": cells}


def connect() -> None:
    from initiatives.signals import home_panels_wanted, portfolio_columns_wanted

    home_panels_wanted.connect(health_panel_answer, dispatch_uid="backbone_health_panel")
    portfolio_columns_wanted.connect(health_column_answer, dispatch_uid="backbone_health_column")
