"""The working group and meeting endpoints × personas (plus a partner who convenes a group),
what they write through the services, bad bodies (400 at the field), and flat query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from communication.models import Answer, Meeting, MeetingStatus
from communication.services import meetings as services
from tests.communication.meet_factories import convener_partner, group, meeting, started
from tests.personas import PERSONAS, api_client_as

pytestmark = pytest.mark.django_db

API = "/api/v1/"
IN_INITIATIVE = {"backbone", "partner", "facilitator", "viewer", "superuser"}
RUNS = {"backbone", "superuser"}


@pytest.fixture
def setting(world):
    world.convener = convener_partner(world)
    g = group(world, convener=world.convener, members=[world.partner])
    shared = meeting(world, title="Assembly")
    item = services.agenda_item_add(user=world.backbone, meeting=shared, title="Budget")
    (invitation,) = services.invitations_add(
        user=world.backbone, meeting=shared, people=[world.partner]
    )
    hidden = started(meeting(world, working_group=g, title="Group meeting"))
    return {"group": g, "meeting": shared, "item": item, "invitation": invitation, "hidden": hidden}


def convener_client(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.convener)
    return client


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_lists_show_what_the_persona_sees(world, setting, persona):
    client = api_client_as(world, persona)
    response = client.get(API + "meetings/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    seen = ids(response)
    m, hidden = setting["meeting"].pk, setting["hidden"].pk
    expected = {
        "backbone": {m, hidden},
        "superuser": {m, hidden},
        "partner": {m, hidden},
        "facilitator": {m},
        "viewer": {m},
    }.get(persona, set())
    assert seen == expected
    groups = ids(client.get(API + "working-groups/"))
    assert groups == ({setting["group"].pk} if persona in IN_INITIATIVE else set())
    items = ids(client.get(API + "agenda-items/"))
    assert items == ({setting["item"].pk} if persona in IN_INITIATIVE else set())
    invitations = ids(client.get(API + "meeting-invitations/"))
    assert invitations == ({setting["invitation"].pk} if persona in IN_INITIATIVE else set())


@pytest.mark.parametrize("persona", PERSONAS)
def test_retrieving_a_meeting_not_seen_is_a_404(world, setting, persona):
    client = api_client_as(world, persona)
    response = client.get(f"{API}meetings/{setting['hidden'].pk}/")
    expected = {"backbone": 200, "superuser": 200, "partner": 200, "anonymous": 401}
    assert response.status_code == expected.get(persona, 404)
    if response.status_code == 200:
        body = response.json()
        assert body["uid"] == setting["hidden"].uid and body["items"] == []


def schedule_body(**extra) -> dict:
    start = timezone.now() + timedelta(days=3)
    return {
        "initiative": "stem",
        "kind": "partners_assembly",
        "title": "Assembly",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "time_zone": "Asia/Jerusalem",
        "place": "Haifa",
        **extra,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_schedules_a_meeting(world, persona):
    response = api_client_as(world, persona).post(API + "meetings/", schedule_body())
    expected = {
        "backbone": 201,
        "superuser": 201,
        "partner": 403,
        "facilitator": 403,
        "viewer": 403,
        "other_partner": 404,
        "outsider": 404,
        "anonymous": 401,
    }[persona]
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        assert body["sequence"] == 0 and body["shared"] and body["status"] == "scheduled"


def test_the_convener_schedules_in_their_group_only(world, setting):
    client = convener_client(world)
    g = setting["group"].pk
    response = client.post(API + "meetings/", schedule_body(working_group=g, kind="working_group"))
    assert response.status_code == 201 and response.json()["shared"] is False
    assert client.post(API + "meetings/", schedule_body()).status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"place": "", "online_url": ""}, "place"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"title": 5}, "title"),
        ({"online_url": "nope"}, "online_url"),
        ({"working_group": 999999}, "working_group"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_a_bad_meeting_is_a_400_at_the_field(world, change, field):
    client = api_client_as(world, "backbone")
    response = client.post(API + "meetings/", schedule_body(**change))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Meeting.objects.exists()


def test_a_patch_that_moves_the_meeting_raises_its_sequence(world, setting):
    m = setting["meeting"]
    client = api_client_as(world, "backbone")
    later = {
        "starts_at": (m.starts_at + timedelta(hours=1)).isoformat(),
        "ends_at": (m.ends_at + timedelta(hours=1)).isoformat(),
    }
    response = client.patch(f"{API}meetings/{m.pk}/", later, format="json")
    assert response.status_code == 200 and response.json()["sequence"] == 1
    response = client.patch(f"{API}meetings/{m.pk}/", {"description": "x"}, format="json")
    assert response.json()["sequence"] == 1
    bad = client.patch(f"{API}meetings/{m.pk}/", {"ends_at": m.starts_at.isoformat()})
    assert bad.status_code == 400 and "ends_at" in bad.json()["errors"]
    partner = api_client_as(world, "partner")
    assert partner.patch(f"{API}meetings/{m.pk}/", {"title": "Mine"}).status_code == 403


def test_cancel_through_the_api(world, setting):
    m = setting["meeting"]
    assert api_client_as(world, "partner").post(f"{API}meetings/{m.pk}/cancel/").status_code == 403
    response = api_client_as(world, "backbone").post(f"{API}meetings/{m.pk}/cancel/")
    assert response.status_code == 200
    assert response.json()["status"] == MeetingStatus.CANCELLED and response.json()["sequence"] == 1


def test_agenda_items_are_written_by_those_who_run_the_meeting(world, setting):
    m = setting["meeting"]
    client = api_client_as(world, "backbone")
    response = client.post(
        API + "agenda-items/", {"meeting": m.pk, "title": "Data", "minutes_allotted": 15}
    )
    assert response.status_code == 201 and response.json()["position"] == 1
    new = response.json()["id"]
    assert (
        client.post(f"{API}agenda-items/{new}/move/", {"direction": "up"}).json()["position"] == 0
    )
    bad = client.post(API + "agenda-items/", {"meeting": m.pk, "title": "X", "minutes_allotted": 0})
    assert bad.status_code == 400 and "minutes_allotted" in bad.json()["errors"]
    bad = client.post(API + "agenda-items/", {"meeting": m.pk, "title": "X", "goal": 999999})
    assert bad.status_code == 400 and "goal" in bad.json()["errors"]
    unseen = api_client_as(world, "other_partner").post(
        API + "agenda-items/", {"meeting": m.pk, "title": "X"}
    )
    assert unseen.status_code == 400 and "meeting" in unseen.json()["errors"]
    partner = api_client_as(world, "partner")
    assert partner.post(API + "agenda-items/", {"meeting": m.pk, "title": "X"}).status_code == 403
    assert partner.delete(f"{API}agenda-items/{new}/").status_code == 403
    assert client.delete(f"{API}agenda-items/{setting['item'].pk}/").status_code == 204
    assert list(m.items.values_list("position", flat=True)) == [0]
    meeting_body = client.get(f"{API}meetings/{m.pk}/").json()
    assert [item["title"] for item in meeting_body["items"]] == ["Data"]


def test_invitations_and_answers_through_the_api(world, setting):
    m, invitation = setting["meeting"], setting["invitation"]
    client = api_client_as(world, "backbone")
    response = client.post(
        API + "meeting-invitations/",
        {"meeting": m.pk, "people": [world.viewer.pk, world.partner.pk]},
    )
    assert response.status_code == 201
    assert [row["user"] for row in response.json()] == [world.viewer.pk]
    bad = client.post(
        API + "meeting-invitations/", {"meeting": m.pk, "people": [world.other_partner.pk]}
    )
    assert bad.status_code == 400 and "people" in bad.json()["errors"]
    url = f"{API}meeting-invitations/{invitation.pk}/"
    assert client.patch(url, {"answer": "attending"}).status_code == 403
    partner = api_client_as(world, "partner")
    mine = partner.get(API + "meeting-invitations/", {"mine": "true"})
    assert ids(mine) == {invitation.pk}
    assert partner.patch(url, {"answer": "pending"}).status_code == 400
    response = partner.patch(url, {"answer": "maybe", "note": "Late"})
    assert response.status_code == 200 and response.json()["answer"] == Answer.MAYBE
    started(m)
    late = partner.patch(url, {"answer": "attending"})
    assert late.status_code == 400


def test_attendance_through_the_api(world, setting):
    hidden = setting["hidden"]
    client = convener_client(world)
    response = client.post(
        API + "attendance/", {"meeting": hidden.pk, "people": [world.partner.pk]}
    )
    assert response.status_code == 201
    assert [(r["user"], r["organization"]) for r in response.json()] == [
        (world.partner.pk, world.partner_org.pk)
    ]
    future = client.post(API + "attendance/", {"meeting": setting["meeting"].pk, "people": []})
    assert future.status_code == 403
    early = api_client_as(world, "backbone").post(
        API + "attendance/", {"meeting": setting["meeting"].pk, "people": []}
    )
    assert early.status_code == 400
    assert ids(api_client_as(world, "viewer").get(API + "attendance/")) == set()


def test_working_groups_through_the_api(world, setting):
    client = api_client_as(world, "backbone")
    response = client.post(
        API + "working-groups/",
        {
            "initiative": "stem",
            "name": "Data",
            "members": [world.partner.pk],
            "convener": world.partner.pk,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["members"] == [{"user": world.partner.pk, "organization": world.partner_org.pk}]
    url = f"{API}working-groups/{body['id']}/"
    assert client.patch(url, {"archived": True}).json()["archived"] is True
    bad = client.post(API + "working-groups/", {"initiative": "stem", "name": "Data"})
    assert bad.status_code == 400 and "name" in bad.json()["errors"]
    bad = client.post(
        API + "working-groups/", {"initiative": "stem", "name": "X", "members": [999999]}
    )
    assert bad.status_code == 400 and "members" in bad.json()["errors"]
    assert api_client_as(world, "partner").patch(url, {"name": "Mine"}).status_code == 403
    assert api_client_as(world, "other_partner").patch(url, {"name": "Mine"}).status_code == 404


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def grow(world, n: int) -> None:
    for i in range(n):
        m = meeting(world, title=f"Meeting {i}", days=i + 1)
        services.agenda_item_add(user=world.backbone, meeting=m, title="Item")
        services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_the_api_lists_query_counts_are_flat(world, setting, persona):
    client = api_client_as(world, persona)
    urls = [
        API + name + "/"
        for name in (
            "meetings",
            "agenda-items",
            "meeting-invitations",
            "attendance",
            "working-groups",
        )
    ]
    count(client, urls[0])  # the token's first use is noted once
    small = [count(client, url) for url in urls]
    grow(world, 8)
    assert [count(client, url) for url in urls] == small


def test_a_time_without_its_offset_is_refused_at_its_field(world):
    body = schedule_body(starts_at="2026-12-10T16:30:00", time_zone="Pacific/Auckland")
    response = api_client_as(world, "backbone").post(API + "meetings/", body)
    assert response.status_code == 400
    assert "starts_at" in response.json()["errors"]
    assert not Meeting.objects.filter(title="Assembly").exists()
