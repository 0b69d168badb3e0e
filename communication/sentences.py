"""The sentence of an event, in the reader's language: one place for the feed, the digests and
the immediate emails. Names inside the sentence (a meeting's title, a period) are isolated
(`<bdi>` in HTML, FSI…PDI in plain text) so that a Hebrew title in an English sentence, or a
Latin one in Arabic, keeps its own direction."""

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
    EventKind.MEETING_CHANGED: lambda: _("Meeting changed: %(name)s, now %(when)s"),
    EventKind.MEETING_CANCELLED: lambda: _("Meeting cancelled: %(name)s, %(when)s"),
    EventKind.MINUTES_CIRCULATED: lambda: _("The minutes of %(name)s are open for corrections"),
    EventKind.MINUTES_APPROVED: lambda: _("The minutes of %(name)s were approved"),
    EventKind.DECISION_TAKEN: lambda: _("Decision: %(name)s"),
    EventKind.ACTION_ITEM_ASSIGNED: lambda: _("An action item for you: %(name)s, due %(when)s"),
}
NAME_LENGTH = 120


def _when(value: str) -> str:
    if not value:
        return _("no date set")
    moment = parse_datetime(value)
    if moment is not None:
        # In the reader's time zone, whatever offset the moment was written with.
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "DATETIME_FORMAT")
    day = parse_date(value)
    return formats.date_format(day, "DATE_FORMAT") if day else value


def _name(event: Event) -> str:
    name = " ".join(str(event.params.get("name", "")).split())
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def sentence_text(event: Event) -> str:
    """Plain text (emails' text part, subjects), the name isolated with FSI…PDI."""
    return TEMPLATES[event.kind]() % {
        "name": FSI + _name(event) + PDI,
        "when": FSI + _when(event.params.get("when", "")) + PDI,
    }


def sentence_html(event: Event) -> SafeString:
    """HTML (pages, emails' HTML part), the name escaped inside `<bdi>`."""
    return mark_safe(
        conditional_escape(TEMPLATES[event.kind]())
        % {
            "name": format_html("<bdi>{}</bdi>", _name(event)),
            "when": format_html("<bdi>{}</bdi>", _when(event.params.get("when", ""))),
        }
    )
