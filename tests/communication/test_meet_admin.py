"""Working groups, meetings and calendar feeds in Django admin: every page opens for a
superuser, a change goes through the service (the sequence rises, the invitees are told, the
history is kept), meetings are scheduled on the pages, and a calendar feed is read-only."""

import zoneinfo

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from communication.models import CalendarFeed, Event, EventKind
from communication.services import calendars
from tests.communication.meet_factories import group, meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["workinggroup", "meeting", "calendarfeed"])
def test_the_lists_open(client, world, name):
    client.force_login(world.superuser)
    assert client.get(reverse(f"admin:communication_{name}_changelist")).status_code == 200


def test_the_change_pages_open(client, world):
    g = group(world, members=[world.partner])
    m = meeting(world)
    calendars.calendar_feed_renew(user=world.partner)
    client.force_login(world.superuser)
    for url in (
        reverse("admin:communication_workinggroup_change", args=[g.pk]),
        reverse("admin:communication_meeting_change", args=[m.pk]),
        reverse("admin:communication_calendarfeed_change", args=[CalendarFeed.objects.get().pk]),
    ):
        assert client.get(url).status_code == 200, url
    for name in ("calendarfeed", "meeting", "workinggroup"):
        assert client.get(reverse(f"admin:communication_{name}_add")).status_code == 403


def post_data(m, **changes) -> dict:
    local = zoneinfo.ZoneInfo("UTC")
    data = {
        "initiative": m.initiative_id,
        "working_group": "",
        "kind": m.kind,
        "title": m.title,
        "description": m.description,
        "starts_at_0": m.starts_at.astimezone(local).strftime("%Y-%m-%d"),
        "starts_at_1": m.starts_at.astimezone(local).strftime("%H:%M:%S"),
        "ends_at_0": m.ends_at.astimezone(local).strftime("%Y-%m-%d"),
        "ends_at_1": m.ends_at.astimezone(local).strftime("%H:%M:%S"),
        "time_zone": m.time_zone,
        "place": m.place,
        "online_url": m.online_url,
        "convener": m.convener_id or "",
        "shared": "on",
        "status": m.status,
        "created_by": m.created_by_id or "",
        "language": "",
        "translations": "{}",
    }
    for prefix in ("items", "invitations", "attendance"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def test_a_change_of_place_in_admin_raises_the_sequence_and_is_logged(client, world, settings):
    settings.TIME_ZONE = "UTC"
    m = meeting(world)
    client.force_login(world.superuser)
    url = reverse("admin:communication_meeting_change", args=[m.pk])
    response = client.post(url, post_data(m, place="Haifa"))
    assert response.status_code == 302, response.content[:2000]
    m.refresh_from_db()
    assert m.place == "Haifa" and m.sequence == 1
    assert LogEntry.objects.filter(object_id=str(m.pk)).exists()
    changed = Event.objects.get(meeting=m, kind=EventKind.MEETING_CHANGED)
    assert changed.actor == world.superuser


def test_cancelling_in_admin_goes_through_the_service_and_cannot_be_undone(client, world, settings):
    settings.TIME_ZONE = "UTC"
    m = meeting(world)
    client.force_login(world.superuser)
    url = reverse("admin:communication_meeting_change", args=[m.pk])
    assert client.post(url, post_data(m, status="cancelled")).status_code == 302
    m.refresh_from_db()
    assert m.is_cancelled and m.cancelled_at and m.sequence == 1
    assert Event.objects.filter(meeting=m, kind=EventKind.MEETING_CANCELLED).exists()
    response = client.post(url, post_data(m, status="scheduled"))
    assert response.status_code == 200
    m.refresh_from_db()
    assert m.is_cancelled


def test_admin_refuses_a_meeting_without_place_or_link(client, world, settings):
    settings.TIME_ZONE = "UTC"
    m = meeting(world)
    client.force_login(world.superuser)
    url = reverse("admin:communication_meeting_change", args=[m.pk])
    response = client.post(url, post_data(m, place="", online_url=""))
    assert response.status_code == 200
    m.refresh_from_db()
    assert m.place == "Tel Aviv" and m.sequence == 0
