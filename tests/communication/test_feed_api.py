"""The feed's endpoints × personas: updates (staff write, members read, another initiative's a
404), their attachments (multipart, checked, downloaded with the policy), the events (the feed
of each reader, the sentence in the request's language), bad bodies at the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communication.models import EventKind, Update
from tests.communication.feed_factories import PDF, event, group, media, pdf, posted
from tests.personas import PERSONAS, api_client_as

__all__ = ["media"]
pytestmark = pytest.mark.usefixtures("media")

UPDATES = "/api/v1/updates/"
FILES = "/api/v1/update-attachments/"
EVENTS = "/api/v1/events/"
IN_INITIATIVE = {"backbone", "partner", "facilitator", "viewer", "superuser"}
WRITERS = {"backbone", "superuser"}


def status_for(persona, allowed, *, ok, denied=403, absent=404):
    if persona == "anonymous":
        return 401
    if persona in allowed:
        return ok
    return denied if persona in IN_INITIATIVE else absent


@pytest.fixture
def update(world):
    return posted(world, title="Q1", files=[pdf()])


@pytest.mark.parametrize("persona", PERSONAS)
def test_members_list_and_read_updates(world, update, persona):
    client = api_client_as(world, persona)
    response = client.get(UPDATES)
    assert response.status_code == (401 if persona == "anonymous" else 200)
    ids = [row["id"] for row in response.data["results"]] if response.status_code == 200 else []
    assert ids == ([update.pk] if persona in IN_INITIATIVE else [])
    detail = client.get(f"{UPDATES}{update.pk}/")
    assert detail.status_code == status_for(persona, IN_INITIATIVE, ok=200, denied=200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_post_change_and_remove(world, update, persona):
    client = api_client_as(world, persona)
    created = client.post(UPDATES, {"initiative": "stem", "title": "New", "body": "Text"})
    assert created.status_code == status_for(persona, WRITERS, ok=201)
    changed = client.patch(f"{UPDATES}{update.pk}/", {"title": "Changed"})
    assert changed.status_code == status_for(persona, WRITERS, ok=200)
    removed = client.delete(f"{UPDATES}{update.pk}/")
    assert removed.status_code == status_for(persona, WRITERS, ok=204)


def test_a_post_says_the_versions_and_enters_the_feed(world):
    client = api_client_as(world, "backbone")
    body = {"initiative": "stem", "title": "Assembly", "title_ar": "اجتماع", "body": "Come"}
    response = client.post(UPDATES, body)
    assert response.status_code == 201
    assert response.data["title_ar"] == "اجتماع" and response.data["title_he"] is None
    assert response.data["attachments"] == []
    lines = client.get(EVENTS, {"kind": "update_posted"}).data["results"]
    assert [line["update"] for line in lines] == [response.data["id"]]


def test_a_patch_keeps_what_it_does_not_name(world, update):
    client = api_client_as(world, "backbone")
    client.patch(f"{UPDATES}{update.pk}/", {"title_he": "רבעון"})
    response = client.patch(f"{UPDATES}{update.pk}/", {"body": "New body"})
    assert response.data["title"] == "Q1" and response.data["title_he"] == "רבעון"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"initiative": "stem", "title": "", "body": "b"}, "title"),
        ({"initiative": "stem", "title": "   ", "body": "b"}, "title"),
        ({"initiative": "stem", "title": "t", "body": ""}, "body"),
        ({"initiative": "stem", "title": 5, "body": "b"}, "title"),
        ({"initiative": "stem", "title": "t", "body": "b", "language": "fr"}, "language"),
        ({"initiative": "stem", "title": "t" * 301, "body": "b"}, "title"),
        ({"initiative": "stem", "title": "t\x00", "body": "b"}, "title"),
        ({"title": "t", "body": "b"}, "initiative"),
    ],
)
def test_bad_bodies_are_400_at_the_field(world, body, field):
    response = api_client_as(world, "backbone").post(UPDATES, body)
    assert response.status_code == 400, response.data
    assert field in response.data["errors"]
    assert not Update.objects.exists()


def test_another_initiative_is_404(world):
    response = api_client_as(world, "backbone").post(
        UPDATES, {"initiative": "employment", "title": "t", "body": "b"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_attach_and_remove_files(world, update, persona):
    client = api_client_as(world, persona)
    response = client.post(FILES, {"update": update.pk, "file": pdf("b.pdf")}, format="multipart")
    expected = status_for(persona, WRITERS, ok=201)
    if persona in {"other_partner", "outsider"}:
        expected = 400  # an update the user cannot see is "no such update", at its field
    assert response.status_code == expected
    attachment = update.attachments.first()
    removed = client.delete(f"{FILES}{attachment.pk}/")
    assert removed.status_code == status_for(persona, WRITERS, ok=204)


@pytest.mark.parametrize(
    "upload",
    [SimpleUploadedFile("x.exe", b"MZ"), SimpleUploadedFile("x.pdf", b"MZ not pdf")],
)
def test_a_bad_file_is_400_at_file(world, update, upload):
    client = api_client_as(world, "backbone")
    response = client.post(FILES, {"update": update.pk, "file": upload}, format="multipart")
    assert response.status_code == 400 and list(response.data["errors"]) == ["file"]
    assert update.attachments.count() == 1


def test_no_file_is_400_at_file(world, update):
    client = api_client_as(world, "backbone")
    response = client.post(FILES, {"update": update.pk}, format="multipart")
    assert response.status_code == 400 and "file" in response.data["errors"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_members_download_a_file(world, update, persona):
    client = api_client_as(world, persona)
    attachment = update.attachments.get()
    response = client.get(f"{FILES}{attachment.pk}/download/")
    assert response.status_code == status_for(persona, IN_INITIATIVE, ok=200, denied=200)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_events_are_each_readers_feed(world, persona):
    public = event(world, name="For all")
    closed = event(world, name="Group", working_group=group(world, members=[world.viewer]))
    event(world, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.partner)
    foreign = event(world, initiative=world.other_initiative, name="Elsewhere")
    response = api_client_as(world, persona).get(EVENTS)
    if persona == "anonymous":
        assert response.status_code == 401
        return
    ids = {row["id"] for row in response.data["results"]}
    expected = {
        "backbone": {public.pk, closed.pk},
        "superuser": {public.pk, closed.pk, foreign.pk},
        "viewer": {public.pk, closed.pk},
        "partner": {public.pk},
        "facilitator": {public.pk},
        "other_partner": {foreign.pk},
        "outsider": set(),
    }[persona]
    assert ids == expected


def test_an_event_says_its_sentence_in_the_requests_language(world):
    event(world, EventKind.AGENDA_ADOPTED, name="3")
    client = api_client_as(world, "partner")
    row = client.get(EVENTS, {"initiative": "stem"}).data["results"][0]
    assert row["sentence"] == "Version \u20683\u2069 of the common agenda was adopted"
    assert row["sentence_html"] == "Version <bdi>3</bdi> of the common agenda was adopted"
    assert row["path"] == "/x/" and row["kind"] == "agenda_adopted"
    hebrew = client.get(EVENTS, HTTP_ACCEPT_LANGUAGE="he").data["results"][0]
    assert hebrew["kind"] == "agenda_adopted" and "\u20683\u2069" in hebrew["sentence"]


@pytest.mark.parametrize("query", [{"kind": "nonsense"}, {"kind": ""}, {"page": "0"}])
def test_a_bad_filter_is_400(world, query):
    response = api_client_as(world, "partner").get(EVENTS, query)
    assert response.status_code == 400
