"""An uploaded evidence file is seen after saving, by its name, as a link to the download
that checks who may read it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measurement.models import Submission
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign


@pytest.fixture
def reporting(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    return indicator, period


def _save(client, world, indicator, period, **headers):
    url = reverse(
        "measurement:reporting_save", args=[world.initiative.slug, indicator.pk, period.pk]
    )
    prefix = f"i{indicator.pk}"
    return client.post(
        url,
        {
            f"{prefix}-value": "12",
            f"{prefix}-version": "0",
            f"{prefix}-evidence": SimpleUploadedFile("attendance.pdf", b"%PDF-1.4 test"),
            "action": "submit",
        },
        **headers,
    )


def _download_url(world, submission) -> str:
    return reverse("measurement:submission_evidence", args=[world.initiative.slug, submission.pk])


def test_htmx_answer_shows_the_saved_file_by_name_with_its_download(client, world, reporting):
    indicator, period = reporting
    client.force_login(world.partner)

    response = _save(client, world, indicator, period, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    submission = Submission.objects.get(indicator=indicator, organization=world.partner_org)
    assert response.status_code == 200
    assert submission.evidence.name.endswith("/attendance.pdf")
    assert f'<a href="{_download_url(world, submission)}" download>' in html
    assert "<bdi>attendance.pdf</bdi>" in html
    assert f"{world.initiative.pk}/{period.pk}/attendance.pdf" not in html


def test_the_form_page_after_saving_shows_the_file(client, world, reporting):
    indicator, period = reporting
    client.force_login(world.partner)

    response = _save(client, world, indicator, period, follow=True)

    html = response.content.decode()
    submission = Submission.objects.get(indicator=indicator, organization=world.partner_org)
    assert response.redirect_chain  # saved, then the reporting page
    assert f'href="{_download_url(world, submission)}"' in html
    assert "<bdi>attendance.pdf</bdi>" in html


@pytest.mark.parametrize("page", ["review_queue", "submission_detail"])
def test_the_reviewer_sees_the_file_by_name(client, world, reporting, page):
    indicator, period = reporting
    client.force_login(world.partner)
    _save(client, world, indicator, period)
    submission = Submission.objects.get(indicator=indicator, organization=world.partner_org)
    client.force_login(world.backbone)
    args = [world.initiative.slug] + ([submission.pk] if page == "submission_detail" else [])

    html = client.get(reverse(f"measurement:{page}", args=args)).content.decode()
    download = client.get(_download_url(world, submission))

    assert f'href="{_download_url(world, submission)}"' in html
    assert "<bdi>attendance.pdf</bdi>" in html
    assert f"{world.initiative.pk}/{period.pk}/attendance.pdf" not in html
    assert download.status_code == 200
    assert 'filename="attendance.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_the_download_is_not_for_those_who_may_not_see_the_value(client, world, reporting):
    indicator, period = reporting
    client.force_login(world.partner)
    _save(client, world, indicator, period)
    submission = Submission.objects.get(indicator=indicator, organization=world.partner_org)
    client.force_login(world.viewer)

    assert client.get(_download_url(world, submission)).status_code == 404
