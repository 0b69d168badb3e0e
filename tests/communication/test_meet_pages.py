"""Role × action matrix of every page of working groups and meetings (PERSONAS, plus a
partner who convenes a working group), the actions shown only to those who may take them,
and the pages' behaviour."""

import pytest
from django.urls import reverse

from communication.models import Answer, Meeting, MeetingStatus
from communication.services import meetings as services
from tests.communication.meet_factories import convener_partner, group, meeting, started
from tests.personas import PERSONAS, check, login_as

pytestmark = pytest.mark.django_db

READ = {
    "backbone": 200,
    "partner": 200,
    "facilitator": 200,
    "viewer": 200,
    "superuser": 200,
    "other_partner": 404,
    "outsider": 404,
    "anonymous": "login",
}
MANAGE = {**READ, "partner": 403, "facilitator": 403, "viewer": 403}


@pytest.fixture
def setting(world):
    """A working group convened by a partner, a meeting of it that has started, and a shared
    initiative meeting with an agenda item; the partner is invited to it."""
    world.convener = convener_partner(world)
    g = group(world, convener=world.convener, members=[world.partner])
    group_meeting = started(meeting(world, working_group=g, title="Group meeting"))
    shared = meeting(world, title="Assembly")
    item = services.agenda_item_add(user=world.backbone, meeting=shared, title="Budget")
    services.invitations_add(user=world.backbone, meeting=shared, people=[world.partner])
    return {"group": g, "group_meeting": group_meeting, "meeting": shared, "item": item}


def pages(setting):
    g, m, gm, item = setting["group"], setting["meeting"], setting["group_meeting"], setting["item"]
    return {
        "group_list": ("group_list", [], READ),
        "group_detail": ("group_detail", [g.pk], READ),
        "group_create": ("group_create", [], MANAGE),
        "group_edit": ("group_edit", [g.pk], MANAGE),
        "meeting_list": ("meeting_list", [], READ),
        "meeting_detail": ("meeting_detail", [m.pk], READ),
        "meeting_ics": ("meeting_ics", [m.pk], READ),
        "meeting_create": ("meeting_create", [], MANAGE),
        "meeting_edit": ("meeting_edit", [m.pk], MANAGE),
        "meeting_cancel": ("meeting_cancel", [m.pk], MANAGE),
        "item_create": ("item_create", [m.pk], MANAGE),
        "item_edit": ("item_edit", [m.pk, item.pk], MANAGE),
        "invite": ("invite", [m.pk], MANAGE),
        "attendance": ("attendance", [gm.pk], {**MANAGE, "facilitator": 404, "viewer": 404}),
    }


PAGES = [
    "group_list",
    "group_detail",
    "group_create",
    "group_edit",
    "meeting_list",
    "meeting_detail",
    "meeting_ics",
    "meeting_create",
    "meeting_edit",
    "meeting_cancel",
    "item_create",
    "item_edit",
    "invite",
    "attendance",
]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(client, world, setting, name, persona):
    url_name, args, expected = pages(setting)[name]
    login_as(client, world, persona)
    response = client.get(reverse(f"communication:{url_name}", args=["stem", *args]))
    check(response, expected[persona])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("group_detail", 200),
        ("group_create", 403),
        ("group_edit", 403),
        ("meeting_create", 200),
        ("attendance", 200),
        ("meeting_edit", 403),
        ("invite", 403),
    ],
)
def test_the_convener_partner_runs_only_their_groups_meetings(
    client, world, setting, name, expected
):
    url_name, args, _ = pages(setting)[name]
    client.force_login(world.convener)
    check(client.get(reverse(f"communication:{url_name}", args=["stem", *args])), expected)


def test_a_meeting_not_shared_is_seen_by_its_group_and_invitees_only(client, world, setting):
    url = reverse("communication:meeting_detail", args=["stem", setting["group_meeting"].pk])
    for persona, expected in [("partner", 200), ("viewer", 404), ("facilitator", 404)]:
        client.force_login(getattr(world, persona))
        check(client.get(url), expected)
    client.force_login(world.viewer)
    listing = client.get(reverse("communication:meeting_list", args=["stem"]))
    assert b"Group meeting" not in listing.content and b"Assembly" in listing.content


def test_only_the_actions_the_reader_may_take_are_shown(client, world, setting):
    url = reverse("communication:meeting_detail", args=["stem", setting["meeting"].pk])
    client.force_login(world.backbone)
    page = client.get(url).content.decode()
    assert "/edit/" in page and "/invite/" in page and "/cancel/" in page
    assert 'name="answer"' not in page
    client.force_login(world.partner)
    page = client.get(url).content.decode()
    assert "/invite/" not in page and "/cancel/" not in page and "items/new" not in page
    assert 'name="answer"' in page
    client.force_login(world.viewer)
    assert 'name="answer"' not in client.get(url).content.decode()


def test_the_meeting_time_is_shown_in_its_zone_with_its_name(client, world, setting):
    m = setting["meeting"]
    client.force_login(world.backbone)
    page = client.get(reverse("communication:meeting_detail", args=["stem", m.pk])).content
    local = m.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Jerusalem"))
    assert b"Asia/Jerusalem" in page
    assert (
        f"{local:%H:%M}".lstrip("0").encode() in page or local.strftime("%-I:%M").encode() in page
    )


def test_the_invitee_answers_from_the_page(client, world, setting):
    m = setting["meeting"]
    client.force_login(world.partner)
    url = reverse("communication:answer", args=["stem", m.pk])
    response = client.post(url, {"answer": "maybe", "note": "Late"})
    assert response.status_code == 302
    assert m.invitations.get().answer == Answer.MAYBE
    page = client.get(reverse("communication:meeting_detail", args=["stem", m.pk])).content
    assert b"Maybe: 1" in page
    check(client.post(url, {"answer": "sure"}), 400)
    client.force_login(world.viewer)
    check(client.post(url, {"answer": "maybe"}), 403)


def test_scheduling_from_the_page_stores_utc_from_the_meetings_zone(client, world):
    client.force_login(world.backbone)
    response = client.post(
        reverse("communication:meeting_create", args=["stem"]),
        {
            "kind": "partners_assembly",
            "title": "Assembly",
            "starts_at": "2031-03-10T18:00",
            "ends_at": "2031-03-10T20:00",
            "time_zone": "Asia/Jerusalem",
            "place": "Haifa",
            "shared": "on",
        },
    )
    assert response.status_code == 302
    m = Meeting.objects.get()
    assert m.starts_at.isoformat() == "2031-03-10T16:00:00+00:00"
    assert m.shared and m.sequence == 0


def test_cancel_from_the_page_keeps_the_meeting_listed_as_cancelled(client, world, setting):
    m = setting["meeting"]
    client.force_login(world.backbone)
    response = client.post(reverse("communication:meeting_cancel", args=["stem", m.pk]))
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.status == MeetingStatus.CANCELLED
    listing = client.get(reverse("communication:meeting_list", args=["stem"])).content
    assert b"Assembly" in listing and b"Cancelled" in listing


def test_the_list_filters_by_group_and_kind_in_the_address(client, world, setting):
    client.force_login(world.backbone)
    url = reverse("communication:meeting_list", args=["stem"])
    page = client.get(url, {"working_group": setting["group"].pk}).content
    assert b"Group meeting" in page and b"Assembly" not in page
    page = client.get(url, {"kind": "steering_committee"}).content
    assert b"Assembly" in page
    assert client.get(url, {"kind": "party"}).status_code == 400


def test_upcoming_meetings_come_first_then_past(client, world, setting):
    meeting(world, title="Later", days=30)
    client.force_login(world.backbone)
    page = client.get(reverse("communication:meeting_list", args=["stem"])).content.decode()
    assert page.index("Assembly") < page.index("Later") < page.index("Group meeting")


def test_agenda_moves_and_removes_from_the_page(client, world, setting):
    m, first = setting["meeting"], setting["item"]
    second = services.agenda_item_add(user=world.backbone, meeting=m, title="Data")
    client.force_login(world.backbone)
    client.post(reverse("communication:item_move", args=["stem", m.pk, second.pk]), {"to": "up"})
    assert list(m.items.values_list("title", flat=True)) == ["Data", "Budget"]
    client.post(reverse("communication:item_remove", args=["stem", m.pk, first.pk]))
    assert list(m.items.values_list("title", "position")) == [("Data", 0)]
    client.force_login(world.partner)
    check(client.post(reverse("communication:item_remove", args=["stem", m.pk, second.pk])), 403)


def test_invite_the_working_groups_members_and_every_partner(client, world, setting):
    gm = setting["group_meeting"]
    Meeting.objects.filter(pk=gm.pk).update(
        starts_at=setting["meeting"].starts_at, ends_at=setting["meeting"].ends_at
    )
    client.force_login(world.backbone)
    url = reverse("communication:invite", args=["stem", gm.pk])
    assert client.post(url, {"group_members": "on"}).status_code == 302
    assert set(gm.invitations.values_list("user_id", flat=True)) == {world.partner.pk}
    assert client.post(url, {"partners": "on", "people": [world.viewer.pk]}).status_code == 302
    assert set(gm.invitations.values_list("user_id", flat=True)) == {
        world.partner.pk,
        world.convener.pk,
        world.viewer.pk,
    }


def test_attendance_from_the_page(client, world, setting):
    gm = setting["group_meeting"]
    client.force_login(world.convener)
    url = reverse("communication:attendance", args=["stem", gm.pk])
    assert client.post(url, {"people": [world.partner.pk, world.viewer.pk]}).status_code == 302
    assert gm.attendance.count() == 2
    page = client.get(reverse("communication:meeting_detail", args=["stem", gm.pk])).content
    assert b"Masar" in page
    client.force_login(world.backbone)
    future = reverse("communication:attendance", args=["stem", setting["meeting"].pk])
    check(client.get(future), 403)


def test_group_pages_create_and_archive(client, world):
    client.force_login(world.backbone)
    response = client.post(
        reverse("communication:group_create", args=["stem"]),
        {"name": "Data", "convener": world.partner.pk, "members": [world.partner.pk]},
    )
    assert response.status_code == 302
    g = world.initiative.working_groups.get()
    assert g.convener == world.partner and g.memberships.count() == 1
    client.post(reverse("communication:group_archive", args=["stem", g.pk]), {"archived": "1"})
    g.refresh_from_db()
    assert g.archived
    client.force_login(world.partner)
    check(client.post(reverse("communication:group_archive", args=["stem", g.pk])), 403)
