"""Meetings as iCalendar (RFC 5545), built with the icalendar package: one meeting's .ics and
a person's private feed. Calendar clients keep a meeting in step by its UID and SEQUENCE: a
moved meeting comes with a higher SEQUENCE, a cancelled one stays as STATUS:CANCELLED."""

import zoneinfo

import icalendar
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.selectors import initiative_list_for_user

from ..models import Meeting

PRODID = "-//Sheatufim//Meetings//EN"


def _description(meeting: Meeting, items) -> str:
    lines = []
    if meeting.online_url:
        lines += [_("Online: %(link)s") % {"link": meeting.online_url}, ""]
    if meeting.description:
        lines += [str(meeting.text("description")), ""]
    if items:
        lines.append(_("Agenda:"))
        for number, item in enumerate(items, start=1):
            line = f"{number}. {item.text('title')}"
            if item.minutes_allotted:
                line += " " + _("(%(minutes)s min)") % {"minutes": item.minutes_allotted}
            lines.append(line)
    return "\n".join(lines).strip()


def _vevent(meeting: Meeting, url: str, stamp) -> icalendar.Event:
    zone = zoneinfo.ZoneInfo(meeting.time_zone)
    items = list(meeting.items.all())
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", str(meeting.text("title")))
    # Both, where both are given: some clients show only LOCATION, others only DESCRIPTION.
    event.add("location", " · ".join(part for part in (meeting.place, meeting.online_url) if part))
    event.add("description", _description(meeting, items))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def calendar_of(meetings, *, name: str, url_of) -> bytes:
    """A VCALENDAR of `meetings` (with their agenda items prefetched); `url_of(meeting)` is
    the absolute address of its page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(_vevent(meeting, url_of(meeting), stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_meetings(*, user) -> QuerySet:
    """Every meeting of the user's initiatives they are invited to or run (convene, or
    convene its working group), cancelled ones included."""
    mine = Q(invitations__user_id=user.pk) | Q(convener_id=user.pk)
    mine |= Q(working_group__convener_id=user.pk)
    ids = Meeting.objects.filter(mine, initiative__in=initiative_list_for_user(user=user))
    return (
        Meeting.objects.filter(pk__in=ids.values("pk"))
        .select_related("initiative")
        .prefetch_related("items")
        .order_by("starts_at", "id")
    )
