"""What communication answers when an app below it tells or asks.

- `agenda.signals.version_adopted`, `measurement.signals.period_locked`: a line of the feed.
  Each receiver records its event in a savepoint of its own: the lower app sends with
  send_robust, so a receiver's failure is logged and leaves the lower app's action whole.
- `initiatives.signals.home_panels_wanted`: each person's home shows "my action items" (the
  open items they owe: in this initiative on the partner home and the dashboard, in all their
  initiatives on "my initiatives"); the backbone dashboard also shows the initiative's overdue
  items (count and the first few). Two queries a panel, whatever the number of items.
- `django.contrib.auth.signals.user_logged_in`: the language of a person's emails.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from initiatives.models import User

from . import permissions
from .models import EventKind
from .selectors import minutes as selectors
from .services.events import event_record


def agenda_adopted_record(sender, *, version, user=None, **kwargs) -> None:
    """agenda.signals.version_adopted: a line "Version 3 of the common agenda was adopted"."""
    initiative = version.initiative
    with transaction.atomic():
        event_record(
            initiative,
            EventKind.AGENDA_ADOPTED,
            actor=user,
            params={"name": str(version.number)},
            path=reverse("agenda:version_detail", args=[initiative.slug, version.number]),
        )


def figures_approved_record(sender, *, period, user=None, **kwargs) -> None:
    """measurement.signals.period_locked: "The figures of 2026 Q1 were approved". The label
    is written in the site's language, as it was when the period was locked."""
    initiative = period.initiative
    with translation.override(settings.LANGUAGE_CODE):
        label = period.label
    with transaction.atomic():
        event_record(
            initiative,
            EventKind.FIGURES_APPROVED,
            actor=user,
            params={"name": label},
            path=reverse("measurement:period_report", args=[initiative.slug, period.pk]),
        )


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


def language_from_sign_in(sender, request, user, **kwargs) -> None:
    """A person who never chose the language of their emails gets the one they use on the
    site when they sign in (they may change it on their email preferences page)."""
    language = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    if user.language or language not in dict(settings.LANGUAGES):
        return
    User.objects.filter(pk=user.pk, language="").update(language=language)
    user.language = language
