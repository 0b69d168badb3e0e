"""What communication answers when an app below it asks.

`initiatives.signals.home_panels_wanted`: each person's home shows "my action items" (the
open items they owe: in this initiative on the partner home and the dashboard, in all their
initiatives on "my initiatives"); the backbone dashboard also shows the initiative's overdue
items (count and the first few). Two queries a panel, whatever the number of items."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import permissions
from .selectors import minutes as selectors

FIRST_FEW = 5


def _panel(template: str, items, request, **context) -> str:
    items = list(items[:FIRST_FEW])
    return render_to_string(
        template, {"items": items, "today": timezone.localdate(), **context}, request=request
    )


def home_panels_answer(sender, *, user, initiative, place, request=None, **kwargs):
    if not user.is_authenticated:
        return None
    if initiative is None:
        mine = selectors.my_open_action_items(user=user)
        return _panel(
            "communication/minutes/_home_panel.html",
            mine,
            request,
            count=mine.count(),
            show_initiative=True,
        )
    if not permissions.can_view_communication(user, initiative):
        return None
    mine = selectors.my_open_action_items(user=user, initiative=initiative)
    html = ""
    if place == "dashboard" and permissions.can_manage_communication(user, initiative):
        overdue = selectors.overdue_action_items(user=user, initiative=initiative)
        html += _panel(
            "communication/minutes/_overdue_panel.html",
            overdue,
            request,
            count=overdue.count(),
            initiative=initiative,
        )
    count = mine.count()
    if count or place == "partner_home":
        html += _panel("communication/minutes/_home_panel.html", mine, request, count=count)
    return mark_safe(html) if html else None
