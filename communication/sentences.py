"""The sentence of an event, in the reader's language: one place for the feed, the digests and
the immediate emails. Names inside the sentence (a meeting's title, a period) are isolated
(`<bdi>` in HTML, FSI…PDI in plain text) so that a Hebrew title in an English sentence, or a
Latin one in Arabic, keeps its own direction."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Event, EventKind

FSI, PDI = "\u2068", "\u2069"

# What each kind says; %(name)s is the object's title as the event recorded it.
TEMPLATES = {
    EventKind.UPDATE_POSTED: lambda: _("News: %(name)s"),
    EventKind.AGENDA_ADOPTED: lambda: _("Version %(name)s of the common agenda was adopted"),
    EventKind.FIGURES_APPROVED: lambda: _("The figures of %(name)s were approved"),
    EventKind.MEETING_SCHEDULED: lambda: _("Meeting scheduled: %(name)s, %(when)s"),
    EventKind.MEETING_INVITED: lambda: _("You are invited to %(name)s, %(when)s"),
    EventKind.MEETING_CHANGED: lambda: _("Meeting changed: %(name)s, now %(when)s"),
    EventKind.MEETING_CANCELLED: lambda: _("Meeting cancelled: %(name)s, %(when)s"),
    EventKind.MINUTES_CIRCULATED: lambda: _("The minutes of %(name)s are open for corrections"),
    EventKind.MINUTES_APPROVED: lambda: _("The minutes of %(name)s were approved"),
    EventKind.DECISION_TAKEN: lambda: _("Decision: %(name)s"),
    EventKind.ACTION_ITEM_ASSIGNED: lambda: _("An action item for you: %(name)s, due %(when)s"),
}
NAME_LENGTH = 120


def when_text(value: str, zone_name: str = "") -> str:
    """A date, or a moment: in the meeting's own zone with the zone's name where the event
    recorded one (a meeting in Jerusalem reads 10:00 Asia/Jerusalem for a reader anywhere),
    else in the platform's zone."""
    if not value:
        return _("no date set")
    moment = parse_datetime(value)
    if moment is not None:
        if timezone.is_aware(moment):
            zone = _zone(zone_name)
            moment = moment.astimezone(zone) if zone else timezone.localtime(moment)
            if zone:
                return f"{formats.date_format(moment, 'DATETIME_FORMAT')} ({zone_name})"
        return formats.date_format(moment, "DATETIME_FORMAT")
    day = parse_date(value)
    return formats.date_format(day, "DATE_FORMAT") if day else value


def _zone(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _event_when(event: Event) -> str:
    return when_text(event.params.get("when", ""), event.params.get("time_zone", ""))


def _name(event: Event) -> str:
    name = " ".join(str(event.params.get("name", "")).split())
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def sentence_text(event: Event) -> str:
    """Plain text (emails' text part, subjects), the name isolated with FSI…PDI."""
    return TEMPLATES[event.kind]() % {
        "name": FSI + _name(event) + PDI,
        "when": FSI + _event_when(event) + PDI,
    }


def sentence_html(event: Event) -> SafeString:
    """HTML (pages, emails' HTML part), the name escaped inside `<bdi>`."""
    return mark_safe(
        conditional_escape(TEMPLATES[event.kind]())
        % {
            "name": format_html("<bdi>{}</bdi>", _name(event)),
            "when": format_html("<bdi>{}</bdi>", _event_when(event)),
        }
    )
