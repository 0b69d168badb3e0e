"""The .ics of a meeting and the private feed parse back with icalendar and carry what
calendar clients need; a moved meeting keeps its UID with a higher SEQUENCE, a cancelled one
stays as CANCELLED; the feed's address is secret, renewable, and needs no login."""

import zoneinfo
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from communication.models import CalendarFeed, Meeting
from communication.services import calendars as calendar_services
from communication.services import meetings as services
from tests.communication.meet_factories import meeting

pytestmark = pytest.mark.django_db


def ics_of(client, world, m):
    client.force_login(world.backbone)
    response = client.get(reverse("communication:meeting_ics", args=["stem", m.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_meetings_ics_carries_what_clients_need(client, world):
    m = meeting(world, online_url="https://meet.example.org/abc", description="Bring data")
    services.agenda_item_add(user=world.backbone, meeting=m, title="Budget", minutes_allotted=20)
    calendar = ics_of(client, world, m)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["PRODID"] and calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == "Steering committee"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Jerusalem"
    event = only_event(calendar)
    assert event["UID"] == m.uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTAMP"]
    start = event["DTSTART"]
    assert start.params["TZID"] == "Asia/Jerusalem"
    assert start.dt == m.starts_at
    assert str(start.dt.tzinfo) == "Asia/Jerusalem"
    assert event["DTEND"].dt == m.ends_at
    assert event["SUMMARY"] == "Steering committee"
    assert event["LOCATION"] == "Tel Aviv · https://meet.example.org/abc"
    description = str(event["DESCRIPTION"])
    assert "https://meet.example.org/abc" in description
    assert "1. Budget (20 min)" in description and "Bring data" in description
    assert event["URL"] == f"http://testserver/initiatives/stem/meetings/{m.pk}/"
    assert event["STATUS"] == "CONFIRMED"


def test_the_location_is_the_link_when_there_is_no_place(client, world):
    m = meeting(world, place="", online_url="https://meet.example.org/abc")
    event = only_event(ics_of(client, world, m))
    assert event["LOCATION"] == "https://meet.example.org/abc"


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence(client, world):
    m = meeting(world)
    later = m.starts_at + timedelta(days=1)
    services.meeting_change(
        user=world.backbone, meeting=m, starts_at=later, ends_at=later + timedelta(hours=2)
    )
    event = only_event(ics_of(client, world, m))
    assert event["UID"] == m.uid and event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == later
    assert event["DTSTART"].dt.astimezone(zoneinfo.ZoneInfo("UTC")) == later


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(client, world):
    m = services.meeting_cancel(user=world.backbone, meeting=meeting(world))
    event = only_event(ics_of(client, world, m))
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1 and event["UID"] == m.uid


def test_the_ics_of_a_meeting_the_reader_does_not_see_is_a_404(client, world):
    m = meeting(world, shared=False)
    client.force_login(world.partner)
    assert client.get(reverse("communication:meeting_ics", args=["stem", m.pk])).status_code == 404
    client.force_login(world.other_partner)
    assert client.get(reverse("communication:meeting_ics", args=["stem", m.pk])).status_code == 404


def feed(client, raw):
    return client.get(reverse("communication:calendar_feed", args=[raw]))


def test_the_feed_lists_the_users_meetings_cancelled_ones_included(client, world):
    invited = meeting(world, title="Invited")
    services.invitations_add(user=world.backbone, meeting=invited, people=[world.partner])
    cancelled = meeting(world, title="Cancelled", days=3)
    services.invitations_add(user=world.backbone, meeting=cancelled, people=[world.partner])
    services.meeting_cancel(user=world.backbone, meeting=cancelled)
    meeting(world, title="Not invited")
    raw = calendar_services.calendar_feed_renew(user=world.partner)
    response = feed(client, raw)  # no login
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH" and calendar["X-WR-CALNAME"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Invited", "Cancelled"}
    assert events["Cancelled"]["STATUS"] == "CANCELLED"
    assert events["Cancelled"]["SEQUENCE"] == 1
    assert calendar.walk("VTIMEZONE")


def test_the_feed_keeps_only_the_tokens_hash_and_renewing_stops_the_old_one(client, world):
    first = calendar_services.calendar_feed_renew(user=world.partner)
    assert CalendarFeed.objects.get().token_hash != first
    assert first not in CalendarFeed.objects.get().token_hash
    second = calendar_services.calendar_feed_renew(user=world.partner)
    assert feed(client, first).status_code == 404
    assert feed(client, second).status_code == 200
    assert feed(client, "cal_guess").status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_the_feed_of_a_deactivated_user_is_gone(client, world):
    raw = calendar_services.calendar_feed_renew(user=world.partner)
    world.partner.is_active = False
    world.partner.save()
    assert feed(client, raw).status_code == 404


def test_my_calendar_shows_the_address_once(client, world):
    client.force_login(world.partner)
    url = reverse("communication:my_calendar")
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert b"/calendar/cal_" in response.content
    assert b"/calendar/cal_" not in client.get(url).content
    assert client.post(url).status_code == 302


def test_my_calendar_needs_a_login(client):
    response = client.get(reverse("communication:my_calendar"))
    assert response.status_code == 302


def test_an_agenda_change_moves_last_modified_and_keeps_the_sequence(client, world):
    m = meeting(world)
    # An hour back: iCalendar keeps whole seconds, and the change may come within the same one.
    Meeting.objects.filter(pk=m.pk).update(updated_at=m.updated_at - timedelta(hours=1))
    before = only_event(ics_of(client, world, m))["LAST-MODIFIED"].dt
    services.agenda_item_add(user=world.backbone, meeting=m, title="Budget")
    event = only_event(ics_of(client, world, m))
    assert event["LAST-MODIFIED"].dt > before
    assert event["SEQUENCE"] == 0 and "Budget" in str(event["DESCRIPTION"])
