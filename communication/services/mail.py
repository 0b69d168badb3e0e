"""Email of communication: each person's preferences, and an event emailed at once to those
of its audience who asked for its kind at once (the digests: services/mail_digests.py, the
reminders: services/mail_reminders.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from initiatives.models import User

from ..audience import audience_pairs
from ..messages import Section, event_line, message_build
from ..models import (
    CommunicationSettings,
    Delivery,
    DigestFrequency,
    DigestSettings,
    EmailPreference,
    Event,
    EventDelivery,
    MessageKind,
    Weekday,
)
from ..preferences import EVENT_MESSAGE_KIND, deliveries_for
from ..sentences import FSI, PDI


def email_preferences_save(
    *, user, deliveries: dict[str, str], weekly_day: int, language: str
) -> None:
    """Set the person's delivery for each kind named in `deliveries`, their weekly digest's
    day and the language of their emails ("" follows the site's language)."""
    errors = {}
    for kind, delivery in deliveries.items():
        if kind not in MessageKind.values:
            errors.setdefault("deliveries", []).append(_("Unknown kind of message: %s") % kind)
        elif delivery not in Delivery.values:
            errors[kind] = _("Choose one of the ways of delivery.")
    if weekly_day not in Weekday.values:
        errors["weekly_day"] = _("Choose a day of the week.")
    if language not in {"", *dict(settings.LANGUAGES)}:
        errors["language"] = _("Choose one of the languages.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
        DigestSettings.objects.update_or_create(user=user, defaults={"weekly_day": weekly_day})
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


def email_unsubscribe(*, user, scope: str) -> list[str]:
    """Stop one kind of message, or every kind a digest (`scope` daily/weekly) carries.
    Returns the kinds stopped."""
    if scope in DigestFrequency.values:
        chosen = deliveries_for([user.pk])[user.pk]
        kinds = [kind for kind, delivery in chosen.items() if delivery == scope]
    else:
        kinds = [scope]
    email_preferences_save(
        user=user,
        deliveries=dict.fromkeys(kinds, Delivery.NONE),
        weekly_day=_weekly_day(user),
        language=user.language,
    )
    return kinds


def _weekly_day(user) -> int:
    settings_row = DigestSettings.objects.filter(user=user).first()
    return settings_row.weekly_day if settings_row else Weekday.SUNDAY


def event_deliver(event_id: int) -> int:
    """Email the event to each person of its audience but its actor who chose its kind at
    once; a person already sent it (a retried task) is skipped. Returns the number sent.
    Each message is recorded and sent in one transaction: a failed send records nothing and
    the retry sends it (a crash between the server's acceptance and the commit may send it
    twice: the side chosen, over losing it)."""
    event = Event.objects.select_related("initiative").filter(pk=event_id).first()
    if event is None:
        return 0
    kind = EVENT_MESSAGE_KIND[event.kind]
    audience = {user_id for user_id, _event in audience_pairs([event], mail=True)} - {
        event.actor_id
    }
    audience -= set(EventDelivery.objects.filter(event=event).values_list("user_id", flat=True))
    chosen = deliveries_for(audience)
    wanted = [pk for pk in audience if chosen[pk][kind] == Delivery.IMMEDIATE]
    people = list(User.objects.filter(pk__in=wanted, is_active=True).order_by("pk"))
    sent = 0
    if not people:
        return sent
    with get_connection() as connection:  # one connection to the mail server for them all
        for user in people:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        EventDelivery.objects.create(event=event, user=user)
                except IntegrityError:
                    continue  # another run of the task got there first
                connection.send_messages([event_message(event, user)])
                sent += 1
    return sent


def event_message(event, user):
    def content():
        name = str(event.initiative.text("name"))
        subject = _("%(initiative)s: %(what)s") % {
            "initiative": FSI + name + PDI,
            "what": event.get_kind_display(),
        }
        return (
            subject,
            _("This just happened in your initiative:"),
            [Section(name, [event_line(event)])],
        )

    return message_build(user=user, scope=EVENT_MESSAGE_KIND[event.kind], content=content)


def communication_settings_save(*, initiative, reporting_reminder_days: int):
    """The initiative's settings of communication (how early reporting reminders go out)."""
    row = CommunicationSettings.objects.filter(initiative=initiative).first()
    row = row or CommunicationSettings(initiative=initiative)
    row.reporting_reminder_days = reporting_reminder_days
    row.full_clean()
    row.save()
    return row
