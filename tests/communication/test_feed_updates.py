"""Updates and their attachments through the service: who may post, what a file must be, and
what posting tells the feed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from communication.models import Event, EventKind, Update, UpdateAttachment
from communication.services import updates as services
from tests.communication.feed_factories import PDF, csv, media, pdf, png, posted
from tests.initiatives.factories import MembershipFactory, SphereFactory, UserFactory

__all__ = ["media"]
pytestmark = pytest.mark.usefixtures("media")


def test_posting_records_the_event_with_the_title_and_the_page(world):
    update = posted(world, title="  The  Q1 figures  ", files=[pdf(), png()])
    assert update.title == "The Q1 figures"
    event = Event.objects.get()
    assert (event.kind, event.update, event.actor) == (
        EventKind.UPDATE_POSTED,
        update,
        world.backbone,
    )
    assert event.params == {"name": "The Q1 figures"}
    assert event.path == f"/initiatives/stem/news/updates/{update.pk}/"
    names = list(update.attachments.values_list("name", flat=True))
    assert names == ["report.pdf", "chart.png"]
    stored = update.attachments.first().file.name
    assert "report" not in stored and stored.endswith(".pdf")  # a random name in storage


@pytest.mark.parametrize("persona", ["partner", "viewer", "facilitator", "other_partner"])
def test_only_staff_post(world, persona):
    with pytest.raises(PermissionDenied):
        services.update_post(
            user=getattr(world, persona), initiative=world.initiative, title="x", body="y"
        )
    assert not Update.objects.exists()


def test_a_spheres_facilitator_posts(world):
    sphere = SphereFactory()
    facilitator = UserFactory()
    MembershipFactory(user=facilitator, initiative=sphere, role="facilitator")
    update = services.update_post(user=facilitator, initiative=sphere, title="Hi", body="News")
    assert update.initiative == sphere


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("photo.png", PDF),
        SimpleUploadedFile("sheet.xlsx", b"%PDF-1.4"),
        SimpleUploadedFile("data.csv", b"a,b\x00c"),
        SimpleUploadedFile("empty.pdf", b""),
        SimpleUploadedFile("noextension", PDF),
    ],
    ids=["exe", "fake-pdf", "pdf-as-png", "pdf-as-xlsx", "binary-csv", "empty", "no-ext"],
)
def test_a_bad_file_is_refused_at_attachments_and_nothing_is_saved(world, upload):
    with pytest.raises(ValidationError) as caught:
        posted(world, files=[pdf(), upload])
    assert list(caught.value.message_dict) == ["attachments"]
    assert not Update.objects.exists() and not Event.objects.exists()
    assert not UpdateAttachment.objects.exists()


def test_a_file_above_the_cap_is_refused(world, settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        posted(world, files=[pdf(content=PDF + b"0" * 200)])
    assert "larger than" in caught.value.message_dict["attachments"][0]


def test_at_most_ten_attachments(world):
    with pytest.raises(ValidationError) as caught:
        posted(world, files=[pdf(f"{i}.pdf") for i in range(services.MAX_ATTACHMENTS + 1)])
    assert "at most" in caught.value.message_dict["attachments"][0]


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("", "text", "title"), ("   ", "text", "title"), ("t", "", "body"), ("a\x00b", "t", "title")],
)
def test_bad_texts_are_refused_at_their_field(world, title, body, field):
    with pytest.raises(ValidationError) as caught:
        posted(world, title=title, body=body)
    assert field in caught.value.message_dict
    assert not Update.objects.exists()


def test_the_name_a_reader_sees_is_cleaned(world):
    update = posted(world, files=[pdf("../../etc/\u202epasswd.pdf"), csv()])
    assert list(update.attachments.values_list("name", flat=True)) == ["passwd.pdf", "figures.csv"]


def test_editing_changes_the_texts_adds_and_removes_files_and_records_no_event(
    world, media, django_capture_on_commit_callbacks
):
    update = posted(world, files=[pdf()])
    first = update.attachments.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_edit(
            user=world.backbone,
            update=update,
            title="New title",
            translations={"title": {"he": " כותרת "}},
            files=[png()],
            remove=[first.pk],
        )
    update.refresh_from_db()
    assert update.title == "New title"
    assert update.text("title", "he") == "כותרת"
    assert list(update.attachments.values_list("name", flat=True)) == ["chart.png"]
    assert Event.objects.count() == 1
    assert not (media / first.file.name).exists()


def test_a_partner_cannot_edit_or_remove(world):
    update = posted(world, files=[pdf()])
    with pytest.raises(PermissionDenied):
        services.update_edit(user=world.partner, update=update, title="Mine")
    with pytest.raises(PermissionDenied):
        services.update_remove(user=world.partner, update=update)
    with pytest.raises(PermissionDenied):
        services.attachment_remove(user=world.partner, attachment=update.attachments.get())


def test_removing_takes_the_files_and_the_feed_line(
    world, media, django_capture_on_commit_callbacks
):
    update = posted(world, files=[pdf()])
    path = media / update.attachments.get().file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_remove(user=world.backbone, update=update)
    assert not Update.objects.exists() and not Event.objects.exists()
    assert not path.exists()


def test_attachments_add_checks_the_count_with_those_already_there(world):
    update = posted(world, files=[pdf(f"{i}.pdf") for i in range(services.MAX_ATTACHMENTS)])
    with pytest.raises(ValidationError):
        services.attachments_add(user=world.backbone, update=update, files=[pdf()])
    with pytest.raises(ValidationError):
        services.attachments_add(user=world.backbone, update=update, files=[])
