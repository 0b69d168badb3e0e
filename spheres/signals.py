"""What spheres answers to the apps below it.

- `initiatives.signals.home_panels_wanted` (place "dashboard"): a collective impact
  initiative's dashboard lists the spheres inside it (the integrated model): name (a link for
  those who may view the sphere), member organizations, the seated representative. In three
  queries, whatever the number of spheres and members.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from initiatives.models import InitiativeKind
from initiatives.permissions import Action, can


def spheres_panel_answer(sender, *, user, initiative, place, request=None, **kwargs):
    if place != "dashboard" or initiative is None:
        return None
    if initiative.kind != InitiativeKind.COLLECTIVE_IMPACT:
        return None
    if not can(user, Action.VIEW_INITIATIVE, initiative):
        return None
    from .selectors.home import spheres_in

    rows = spheres_in(user=user, parent=initiative)
    if not rows:
        return None
    html = render_to_string(
        "spheres/parent_panel.html",
        {
            "rows": rows,
            "initiative": initiative,
            "can_seat": can(user, Action.MANAGE_PARTICIPANTS, initiative),
        },
        request=request,
    )
    return mark_safe(html)


def connect() -> None:
    from initiatives.signals import home_panels_wanted

    home_panels_wanted.connect(spheres_panel_answer, dispatch_uid="spheres_parent_panel")
