"""Uploaded files (evidence) are never served from MEDIA_URL, under DEBUG neither: only the
view that asks the policy hands them out."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse


@pytest.fixture
def debug_urls(settings):
    """The URLs as `make run` builds them (DEBUG on at import)."""
    import sheatufim.urls

    settings.DEBUG = True
    importlib.reload(sheatufim.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(sheatufim.urls)
    clear_url_caches()


def test_uploaded_evidence_is_never_served_from_media(
    client,
    world,
    measured,
    settings,
    tmp_path,
    debug_urls,
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.partner)
    client.post(
        reverse(
            "measurement:reporting_save",
            args=[world.initiative.slug, measured.indicator.pk, measured.period.pk],
        ),
        {
            f"i{measured.indicator.pk}-value": "8",
            f"i{measured.indicator.pk}-evidence": SimpleUploadedFile("list.pdf", b"%PDF-1.4 x"),
            "action": "submit",
        },
    )
    measured.own.refresh_from_db()
    assert (tmp_path / measured.own.evidence.name).read_bytes() == b"%PDF-1.4 x"
    media_url = "/" + settings.MEDIA_URL.lstrip("/") + measured.own.evidence.name
    with pytest.raises(Resolver404):
        resolve(media_url)

    assert client.get(media_url).status_code == 404
    client.logout()
    assert client.get(media_url).status_code == 404

    download = reverse(
        "measurement:submission_evidence", args=[world.initiative.slug, measured.own.pk]
    )
    client.force_login(world.backbone)
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 x"
    client.force_login(world.other_partner)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302
