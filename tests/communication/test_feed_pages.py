"""The news pages × personas (staff write; every member reads; outsiders and other initiatives
404; visitors to the sign-in page), what they show, bad input at the field, the download."""

import pytest
from django.urls import reverse

from communication.models import Event, EventKind, Update
from communication.services import updates as services
from tests.communication.feed_factories import PDF, event, group, media, pdf, posted
from tests.personas import PERSONAS, check, login_as

__all__ = ["media"]
pytestmark = pytest.mark.usefixtures("media")

READERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
WRITERS = {"backbone", "superuser"}


def expected(persona, allowed, *, ok=200):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return ok if persona in allowed else 403


def url(name, world, *args):
    return reverse(f"communication:{name}", args=[world.initiative.slug, *args])


@pytest.fixture
def update(world):
    return posted(world, title="Q1 figures", files=[pdf()])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["news", "update_list", "update_detail", "attachment"])
def test_readers_open_the_news_pages(client, world, update, persona, page):
    login_as(client, world, persona)
    args = {"update_detail": [update.pk], "attachment": [update.attachments.get().pk]}
    check(client.get(url(page, world, *args.get(page, []))), expected(persona, READERS))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["update_create", "update_edit", "update_delete"])
def test_only_staff_open_the_forms(client, world, update, persona, page):
    login_as(client, world, persona)
    args = [] if page == "update_create" else [update.pk]
    check(client.get(url(page, world, *args)), expected(persona, WRITERS))


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_post(client, world, persona):
    login_as(client, world, persona)
    data = {"title": "Assembly on May 3", "body": "Come!", "attachments": [pdf()]}
    response = client.post(url("update_create", world), data)
    check(response, expected(persona, WRITERS, ok=302))
    assert Update.objects.exists() == (persona in WRITERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_edit_and_remove(client, world, update, persona):
    login_as(client, world, persona)
    response = client.post(url("update_edit", world, update.pk), {"title": "T", "body": "B"})
    check(response, expected(persona, WRITERS, ok=302))
    response = client.post(url("update_delete", world, update.pk))
    check(response, expected(persona, WRITERS, ok=302))
    assert Update.objects.exists() == (persona not in WRITERS)


def test_another_initiatives_update_and_file_are_404(client, world):
    other = posted(world, files=[pdf()])
    other.initiative = world.other_initiative
    other.save()
    client.force_login(world.backbone)
    assert client.get(url("update_detail", world, other.pk)).status_code == 404
    assert client.get(url("attachment", world, other.attachments.get().pk)).status_code == 404


def test_posting_with_versions_and_files_shows_them(client, world):
    client.force_login(world.backbone)
    data = {
        "title": "Assembly",
        "title_he": "אספה",
        "body": "Come",
        "attachments": [pdf("agenda.pdf"), pdf("slides.pdf")],
    }
    response = client.post(url("update_create", world), data, follow=True)
    update = Update.objects.get()
    assert update.text("title", "he") == "אספה"
    assert list(update.attachments.values_list("name", flat=True)) == ["agenda.pdf", "slides.pdf"]
    assert "<bdi>agenda.pdf</bdi>" in response.content.decode()
    news = client.get(url("news", world), HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert "אספה" in news
    assert Event.objects.get().kind == EventKind.UPDATE_POSTED


def test_the_form_offers_the_other_languages(client, world):
    client.force_login(world.backbone)
    page = client.get(url("update_create", world)).content.decode()
    for name in ("title_he", "title_ar", "body_he", "body_ar", "language", "attachments"):
        assert f'name="{name}"' in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "body": "b"}, "title"),
        ({"title": "t", "body": ""}, "body"),
        ({"title": "x" * 301, "body": "b"}, "title"),
        ({"title": "t\x00", "body": "b"}, "title"),
        ({"title": "t", "body": "b", "title_he": "\x00"}, "title_he"),
        ({"title": "t", "body": "b", "language": "fr"}, "language"),
        ({"title": "t", "body": "b", "attachments": "fake.exe"}, "attachments"),
        ({"title": "t", "body": "b", "attachments": "fake.pdf"}, "attachments"),
    ],
)
def test_bad_input_is_400_at_the_field_and_nothing_is_saved(client, world, data, field):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if "attachments" in data:
        data = {**data, "attachments": SimpleUploadedFile(data["attachments"], b"MZ\x90")}
    client.force_login(world.backbone)
    response = client.post(url("update_create", world), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Update.objects.exists()


def test_bad_input_on_the_edit_form_keeps_the_update(client, world, update):
    client.force_login(world.backbone)
    response = client.post(url("update_edit", world, update.pk), {"title": "", "body": "b"})
    assert response.status_code == 400 and "title" in response.context["form"].errors
    update.refresh_from_db()
    assert update.title == "Q1 figures"


def test_a_body_above_the_cap_is_refused_at_attachments(client, world, settings):
    settings.UPLOAD_MAX_BODY_BYTES = 1000
    client.force_login(world.backbone)
    data = {"title": "t", "body": "b", "attachments": pdf(content=PDF + b"0" * 5000)}
    response = client.post(url("update_create", world), data)
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not Update.objects.exists()


def test_the_edit_form_removes_a_checked_attachment(client, world, update):
    client.force_login(world.backbone)
    attachment = update.attachments.get()
    data = {"title": "Q1", "body": "b", "remove": [attachment.pk]}
    assert client.post(url("update_edit", world, update.pk), data).status_code == 302
    assert not update.attachments.exists()


def test_the_download_is_an_attachment_with_a_safe_name(client, world):
    update = posted(world, files=[pdf('דו"ח\r\nSet-Cookie: x.pdf')])
    client.force_login(world.partner)
    response = client.get(url("attachment", world, update.attachments.get().pk))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\n" not in disposition
    assert "filename*=utf-8''" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_the_feed_shows_sentence_link_who_and_when_and_filters_by_kind(client, world):
    posted(world, title="News one")
    event(world, EventKind.DECISION_TAKEN, name="Meet monthly")
    client.force_login(world.partner)
    page = client.get(url("news", world)).content.decode()
    assert "Decision: <bdi>Meet monthly</bdi>" in page
    assert "News: <bdi>News one</bdi>" in page
    assert (
        'href="/x/"' in page and "<time datetime=" in page and ">now<" in page
    )  # naturaltime: just happened
    only = client.get(url("news", world), {"kind": "decision_taken"}).content.decode()
    assert "Meet monthly" in only and "News: <bdi>" not in only
    assert 'value="decision_taken" selected' in only


def test_an_unknown_kind_is_400_at_the_filter(client, world):
    client.force_login(world.partner)
    response = client.get(url("news", world), {"kind": "nonsense"})
    assert response.status_code == 400 and "kind" in response.context["form"].errors


def test_the_feed_hides_a_groups_lines_from_others_and_never_shows_personal_ones(client, world):
    event(world, name="Group only", working_group=group(world, members=[world.viewer]))
    event(world, EventKind.ACTION_ITEM_ASSIGNED, name="Yours", recipient=world.partner)
    client.force_login(world.partner)
    page = client.get(url("news", world)).content.decode()
    assert "Group only" not in page and "Yours" not in page
    client.force_login(world.viewer)
    assert "Group only" in client.get(url("news", world)).content.decode()


def test_the_feed_is_paginated_newest_first(client, world):
    for i in range(30):
        event(world, name=f"Line {i:02}")
    client.force_login(world.partner)
    first = client.get(url("news", world)).content.decode()
    assert "Line 29" in first and "Line 04" not in first and "Page 1 of 2" in first
    second = client.get(url("news", world), {"page": 2}).content.decode()
    assert "Line 04" in second and "Line 29" not in second


def test_the_news_page_reads_right_to_left_in_arabic(client, world):
    posted(world, title="Hello")
    client.force_login(world.partner)
    page = client.get(url("news", world), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page and "<bdi>Hello</bdi>" in page


def test_removing_through_the_service_removes_the_feed_line(world, update):
    services.update_remove(user=world.backbone, update=update)
    assert not Event.objects.exists()


def test_the_pages_keep_the_kind_in_the_address(client, world):
    for i in range(30):
        event(world, name=f"Line {i:02}")
    client.force_login(world.partner)
    page = client.get(url("news", world), {"kind": "decision_taken"}).content.decode()
    assert "?kind=decision_taken&amp;page=2" in page


def test_a_spheres_facilitator_posts_and_its_partners_read(client, world):
    from initiatives.models import Role
    from tests.initiatives.factories import SphereFactory
    from tests.personas import member

    sphere = SphereFactory(slug="sphere")
    facilitator = member("f@sphere.org", Role.FACILITATOR, sphere)
    partner = member("p@sphere.org", Role.PARTNER, sphere, world.partner_org)
    create = reverse("communication:update_create", args=["sphere"])
    client.force_login(facilitator)
    response = client.post(create, {"title": "Session notes", "body": "Thanks"})
    assert response.status_code == 302
    client.force_login(partner)
    assert client.get(create).status_code == 403
    news = client.get(reverse("communication:news", args=["sphere"])).content.decode()
    assert "Session notes" in news
