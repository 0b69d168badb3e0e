"""Bad input on every form of working groups and meetings: a 400 with the message at the
field, never a 500, and nothing saved."""

import pytest
from django.urls import reverse

from communication.models import AgendaItem, Meeting, MeetingInvitation, WorkingGroup
from tests.communication.meet_factories import group, meeting, started

pytestmark = pytest.mark.django_db

GOOD_MEETING = {
    "kind": "steering_committee",
    "title": "Committee",
    "starts_at": "2031-03-10T18:00",
    "ends_at": "2031-03-10T20:00",
    "time_zone": "Asia/Jerusalem",
    "place": "Haifa",
}


def field_errors(response, field) -> list:
    assert response.status_code == 400, response.status_code
    return response.context["form"].errors.get(field, [])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"kind": "party"}, "kind"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"ends_at": "2031-03-10T17:00"}, "ends_at"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"place": "", "online_url": ""}, "place"),
        ({"online_url": "not a link"}, "online_url"),
        ({"working_group": "999999"}, "working_group"),
        ({"working_group": "abc"}, "working_group"),
    ],
)
def test_the_meeting_form(client, world, change, field):
    client.force_login(world.backbone)
    response = client.post(
        reverse("communication:meeting_create", args=["stem"]), {**GOOD_MEETING, **change}
    )
    assert field_errors(response, field)
    assert not Meeting.objects.exists()


def test_the_meeting_form_when_changing(client, world):
    m = meeting(world)
    client.force_login(world.backbone)
    url = reverse("communication:meeting_edit", args=["stem", m.pk])
    response = client.post(url, {**GOOD_MEETING, "ends_at": GOOD_MEETING["starts_at"]})
    assert field_errors(response, "ends_at")
    m.refresh_from_db()
    assert m.sequence == 0 and m.place == "Tel Aviv"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Data", "goal": "999999"}, "goal"),
        ({"name": "Data", "strategy": "x"}, "strategy"),
        ({"name": "Data", "convener": "999999"}, "convener"),
        ({"name": "Data", "members": ["999999"]}, "members"),
        ({"name": "Curriculum"}, "name"),
    ],
)
def test_the_group_form(client, world, data, field):
    group(world)
    client.force_login(world.backbone)
    response = client.post(reverse("communication:group_create", args=["stem"]), data)
    assert field_errors(response, field)
    assert WorkingGroup.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "T", "minutes_allotted": "0"}, "minutes_allotted"),
        ({"title": "T", "minutes_allotted": "1441"}, "minutes_allotted"),
        ({"title": "T", "minutes_allotted": "ten"}, "minutes_allotted"),
        ({"title": "T", "presenter": "999999"}, "presenter"),
        ({"title": "T", "goal": "999999"}, "goal"),
        ({"title": "T", "indicator": "999999"}, "indicator"),
    ],
)
def test_the_agenda_item_form(client, world, data, field):
    m = meeting(world)
    client.force_login(world.backbone)
    response = client.post(reverse("communication:item_create", args=["stem", m.pk]), data)
    assert field_errors(response, field)
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("people", [["999999"], ["x"]])
def test_the_invite_form(client, world, people):
    m = meeting(world)
    client.force_login(world.backbone)
    response = client.post(reverse("communication:invite", args=["stem", m.pk]), {"people": people})
    assert field_errors(response, "people")
    assert not MeetingInvitation.objects.exists()


def test_the_invite_form_refuses_another_initiatives_person(client, world):
    m = meeting(world)
    client.force_login(world.backbone)
    url = reverse("communication:invite", args=["stem", m.pk])
    response = client.post(url, {"people": [str(world.other_partner.pk)]})
    assert field_errors(response, "people")


@pytest.mark.parametrize(
    ("data", "field"),
    [({"answer": "sure"}, "answer"), ({"answer": "maybe", "note": "x" * 301}, "note")],
)
def test_the_answer_form(client, world, data, field):
    from communication.services import meetings as services

    m = meeting(world)
    services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])
    client.force_login(world.partner)
    response = client.post(reverse("communication:answer", args=["stem", m.pk]), data)
    assert field_errors(response, field)
    assert m.invitations.get().answer == "pending"


def test_the_attendance_form(client, world):
    m = started(meeting(world))
    client.force_login(world.backbone)
    url = reverse("communication:attendance", args=["stem", m.pk])
    response = client.post(url, {"people": [str(world.other_partner.pk)]})
    assert field_errors(response, "people")
    assert not m.attendance.exists()


def test_a_bad_filter_of_the_meetings_list_is_a_400(client, world):
    client.force_login(world.backbone)
    url = reverse("communication:meeting_list", args=["stem"])
    assert client.get(url, {"working_group": "abc"}).status_code == 400
    assert client.get(url, {"page": "abc"}).status_code == 200
