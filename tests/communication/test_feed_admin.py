"""Updates in the admin go through the services (the same checks, the same event); files added
inline are checked; events are read only."""

import pytest
from django.urls import reverse

from communication.models import Event, EventKind, Update
from tests.communication.feed_factories import event, media, pdf, posted

__all__ = ["media"]
pytestmark = pytest.mark.usefixtures("media")


def _form(world, **changes) -> dict:
    data = {
        "initiative": world.initiative.pk,
        "title": "From the admin",
        "body": "Text",
        "language": "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_adding_an_update_with_a_file_posts_it(client, world):
    client.force_login(world.superuser)
    data = _form(world, **{"attachments-0-file": pdf()})
    response = client.post(reverse("admin:communication_update_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    update = Update.objects.get()
    assert update.author == world.superuser
    assert list(update.attachments.values_list("name", flat=True)) == ["report.pdf"]
    assert Event.objects.get().kind == EventKind.UPDATE_POSTED


def test_a_bad_file_or_title_is_refused_and_nothing_is_saved(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.superuser)
    bad = _form(world, **{"attachments-0-file": SimpleUploadedFile("x.pdf", b"MZ")})
    assert client.post(reverse("admin:communication_update_add"), bad).status_code == 200
    blank = _form(world, title="  ")
    response = client.post(reverse("admin:communication_update_add"), blank)
    assert response.status_code == 200
    assert "title" in response.context["adminform"].form.errors
    assert not Update.objects.exists()


def test_the_change_and_delete_pages_go_through_the_services(client, world):
    update = posted(world, files=[pdf()])
    client.force_login(world.superuser)
    url = reverse("admin:communication_update_change", args=[update.pk])
    assert client.get(url).status_code == 200
    attachment = update.attachments.get()
    data = _form(
        world,
        title="Changed",
        **{
            "attachments-TOTAL_FORMS": "2",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": attachment.pk,
            "attachments-0-update": update.pk,
            "attachments-0-DELETE": "on",
        },
    )
    data.pop("initiative")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    update.refresh_from_db()
    assert update.title == "Changed" and not update.attachments.exists()
    delete = reverse("admin:communication_update_delete", args=[update.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Update.objects.exists() and not Event.objects.exists()


def test_events_are_read_only(client, world):
    line = event(world)
    client.force_login(world.superuser)
    assert client.get(reverse("admin:communication_event_changelist")).status_code == 200
    assert client.get(reverse("admin:communication_event_add")).status_code == 403
    change = client.get(reverse("admin:communication_event_change", args=[line.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
    delete = client.post(
        reverse("admin:communication_event_delete", args=[line.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403 and Event.objects.exists()
