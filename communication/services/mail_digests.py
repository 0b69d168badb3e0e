"""Digests: once per window, one message per person with the events they see of the kinds
they chose for that digest (and the reminders it carries).

Windows are days of the platform's TIME_ZONE: the daily digest of day D covers D-1; the weekly
digest sent on day D covers the 7 days before D, for those whose chosen day is D's weekday.
A window is one DigestRun (unique per frequency and end); each person sent to is one
DigestDelivery (unique per run and person), written in the same transaction as their message
is sent, batch by batch. So a batch that fails (an exception, the mail server down) records
nothing and the next beat sends it; batches done stay done, and the run resumes where it
stopped. Two workers lock different people (select_for_update with skip_locked) and never
take the same batch. A crash after the mail server accepted a batch and before the commit
would send that batch again: the side chosen, over losing it."""

import logging
import smtplib
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.models import Membership, User

from ..audience import audience_pairs
from ..messages import Section, event_line, message_build, reminder_line
from ..models import (
    DigestDelivery,
    DigestFrequency,
    DigestRun,
    DigestSettings,
    Event,
    ReminderSent,
    Weekday,
)
from ..preferences import EVENT_MESSAGE_KIND, chooses, deliveries_for
from ..sentences import FSI, PDI

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
LENGTH = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}


def digests_send(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Finish the runs left unfinished, then the daily and weekly runs whose window ended at
    the last midnight. Returns the number of messages sent."""
    now = now or timezone.now()
    end = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    for frequency in DigestFrequency.values:
        DigestRun.objects.get_or_create(
            frequency=frequency,
            window_end=end,
            defaults={"window_start": end - LENGTH[frequency]},
        )
    sent = 0
    for run in DigestRun.objects.filter(finished_at__isnull=True).order_by("window_end", "pk"):
        sent += digest_run_send(run=run, batch_size=batch_size)
    return sent


def digest_run_send(*, run: DigestRun, batch_size: int = BATCH_SIZE) -> int:
    """The run's batches until none is left to take. It is finished only when nobody is left
    to send to, locked or not: another worker's batch may still roll back, and a batch that
    could not send stops here for the next beat."""
    sent = 0
    while True:
        people, messages, complete = digest_batch_send(run=run, batch_size=batch_size)
        sent += messages
        if people == 0 or not complete:
            break
    if not recipients(run).exists():
        DigestRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
    return sent


def recipients(run: DigestRun):
    """The people the run is for and has not sent to yet."""
    people = User.objects.filter(
        Exists(Membership.objects.filter(user=OuterRef("pk"))),
        chooses(run.frequency),
        is_active=True,
    ).exclude(Exists(DigestDelivery.objects.filter(run=run, user=OuterRef("pk"))))
    if run.frequency == DigestFrequency.WEEKLY:
        day = timezone.localtime(run.window_end).weekday()
        on_day = Exists(DigestSettings.objects.filter(user=OuterRef("pk"), weekly_day=day))
        if day == Weekday.SUNDAY:  # the day of those who did not choose one
            on_day |= ~Exists(DigestSettings.objects.filter(user=OuterRef("pk")))
        people = people.filter(on_day)
    return people


def digest_batch_send(*, run: DigestRun, batch_size: int = BATCH_SIZE) -> tuple[int, int, bool]:
    """One batch of the run: (people done, messages sent, whether the whole batch went).

    The batch's people are locked for its transaction. Messages go one by one over one
    connection; the deliveries of those sent (and of those with nothing to send) are written
    in one statement before the commit. A send that fails stops the batch there: the people
    already sent to stay recorded, the rest are left to the next beat."""
    with transaction.atomic():
        users = list(
            recipients(run).select_for_update(skip_locked=True).order_by("pk")[:batch_size]
        )
        if not users:
            return 0, 0, True
        contents = digest_contents(run, users)
        deliveries = []
        sent = 0
        complete = True
        with get_connection() as connection:
            for user in users:
                events, reminders = contents.get(user.pk, ([], []))
                if events or reminders:
                    message = digest_message(run, user, events, reminders)
                    try:
                        connection.send_messages([message])
                    except (OSError, smtplib.SMTPException):
                        logger.warning(
                            "Digest %s to user %s not sent", run.pk, user.pk, exc_info=True
                        )
                        complete = False
                        break
                    sent += 1
                deliveries.append(
                    DigestDelivery(run=run, user=user, events=len(events) + len(reminders))
                )
        DigestDelivery.objects.bulk_create(deliveries)
    return len(deliveries), sent, complete


def digest_contents(run: DigestRun, users) -> dict[int, tuple[list, list]]:
    """Each person's events and reminders for the run, in a fixed number of queries."""
    ids = [user.pk for user in users]
    chosen = deliveries_for(ids)
    events = Event.objects.filter(
        occurred_at__gte=run.window_start, occurred_at__lt=run.window_end
    ).select_related("initiative")
    events = events.filter(
        initiative_id__in=Membership.objects.filter(user_id__in=ids).values("initiative_id")
    )
    events = list(events.order_by("initiative_id", "kind", "occurred_at", "pk"))
    by_id = {event.pk: event for event in events}
    contents: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for user_id, event_id in sorted(
        audience_pairs(events, ids, mail=True), key=lambda pair: pair[1]
    ):
        event = by_id[event_id]
        if (
            event.actor_id != user_id
            and chosen[user_id][EVENT_MESSAGE_KIND[event.kind]] == run.frequency
        ):
            contents[user_id][0].append(event)
    reminders = ReminderSent.objects.filter(
        user_id__in=ids,
        digest=run.frequency,
        sent_at__gte=run.window_start,
        sent_at__lt=run.window_end,
    ).select_related("initiative")
    for reminder in reminders.order_by("sent_at", "pk"):
        contents[reminder.user_id][1].append(reminder)
    return contents


def digest_message(run: DigestRun, user, events, reminders):
    def content():
        sections: dict[tuple, Section] = {}
        for event in sorted(events, key=lambda e: (e.initiative_id, e.kind, e.occurred_at)):
            key = (event.initiative_id, event.kind)
            if key not in sections:
                name = FSI + event.initiative.text("name") + PDI
                title = f"{name} · {event.get_kind_display()}"
                sections[key] = Section(title)
            sections[key].lines.append(event_line(event))
        if reminders:
            section = Section(str(_("Reminders")))
            section.lines = [reminder_line(reminder) for reminder in reminders]
            sections[("reminders",)] = section
        count = len(events) + len(reminders)
        if run.frequency == DigestFrequency.DAILY:
            subject = ngettext(
                "Your daily digest: %(count)d new item",
                "Your daily digest: %(count)d new items",
                count,
            ) % {"count": count}
            intro = _("What happened yesterday in your initiatives:")
        else:
            subject = ngettext(
                "Your weekly digest: %(count)d new item",
                "Your weekly digest: %(count)d new items",
                count,
            ) % {"count": count}
            intro = _("What happened in your initiatives in the past week:")
        return subject, intro, list(sections.values())

    return message_build(user=user, scope=run.frequency, content=content)
