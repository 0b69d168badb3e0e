"""Uploads above the cap are refused before they are received, with a message at the field."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import RequestFactory
from django.urls import reverse

from sheatufim import uploads
from tests.measurement.test_imports import snapshot, upload

OVER = settings.UPLOAD_MAX_BODY_BYTES + 1024 * 1024


def test_a_body_over_the_cap_is_not_read_past_its_first_file(monkeypatch):
    spooled = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        spooled.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    request = RequestFactory().post(
        "/", {"period": "1", "file": SimpleUploadedFile("big.csv", b"x" * OVER)}
    )
    assert request.POST["period"] == "1"
    assert "file" not in request.FILES
    assert getattr(request, uploads.REFUSED) is True
    assert spooled == []
    assert len(request.META["wsgi.input"]) > OVER - 128 * 1024  # read: one buffer, no more


def test_a_body_within_the_cap_is_received_whole():
    content = b"x" * (settings.UPLOAD_MAX_BYTES - 10)
    request = RequestFactory().post("/", {"file": SimpleUploadedFile("ok.csv", content)})
    assert request.FILES["file"].read() == content
    assert not hasattr(request, uploads.REFUSED)


def test_an_oversized_import_gets_the_message_at_the_file_field(client, world, measured):
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, measured.period, SimpleUploadedFile("huge.csv", b"x" * OVER))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is larger than 5 MB, so it was not received. Choose a smaller file."
    ]
    assert "so it was not received" in response.text
    assert snapshot() == before


def test_oversized_evidence_refuses_the_value_instead_of_saving_it_without(client, world, measured):
    client.force_login(world.partner)
    before = snapshot()
    prefix = f"i{measured.indicator.pk}-"
    response = client.post(
        reverse(
            "measurement:reporting_save",
            args=[world.initiative.slug, measured.indicator.pk, measured.period.pk],
        ),
        {
            prefix + "value": "3",
            prefix + "evidence": SimpleUploadedFile("scan.pdf", b"%PDF" + b"x" * OVER),
            "action": "draft",
        },
    )
    assert response.status_code == 400
    assert "so it was not received" in response.text
    assert snapshot() == before
