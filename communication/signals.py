"""What communication answers when an app below it tells of something partners should hear.

Each receiver records its event in a savepoint of its own: the lower app sends with
send_robust, so a receiver's failure is logged and leaves the lower app's action whole.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from .models import EventKind
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
