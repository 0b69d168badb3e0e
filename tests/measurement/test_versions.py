"""Two people editing the same value: a save based on an older version is refused with what
changed (the form), or answered 409 with the value as it is now (the API); never lost."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from measurement.models import Submission
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


@pytest.fixture
def draft(world):
    indicator = IndicatorFactory(initiative=world.initiative, code="PUPILS")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    return report(
        indicator, world.partner_org, period, partner=world.partner, state="draft", value=10
    )


def post_form(client, world, draft, value, version):
    prefix = f"i{draft.indicator_id}"
    url = reverse(
        "measurement:reporting_save",
        args=[world.initiative.slug, draft.indicator_id, draft.period_id],
    )
    data = {
        f"{prefix}-value": value,
        f"{prefix}-version": version,
        "action": "draft",
        "organization_id": world.partner_org.pk,
    }
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_a_save_over_a_newer_change_is_refused_with_what_changed(client, world, draft):
    read_version = draft.version
    staff = APIClient()
    staff.force_authenticate(world.backbone)
    staff.patch(f"/api/v1/submissions/{draft.pk}/", {"value": "12"}, format="json")
    client.force_login(world.partner)

    response = post_form(client, world, draft, "11", read_version)

    assert response.status_code == 422
    assert "changed this value meanwhile" in response.text and "12" in response.text
    assert f'name="i{draft.indicator_id}-value" value="11"' in response.text  # kept
    draft.refresh_from_db()
    assert draft.value == Decimal(12)

    again = post_form(client, world, draft, "11", draft.version)  # they saw it, and insist

    assert again.status_code == 200
    draft.refresh_from_db()
    assert draft.value == Decimal(11)


def test_a_save_from_the_current_version_goes_through_and_the_form_follows(client, world, draft):
    client.force_login(world.partner)
    first = post_form(client, world, draft, "11", draft.version)
    assert first.status_code == 200
    draft.refresh_from_db()
    assert f'name="i{draft.indicator_id}-version" value="{draft.version}"' in first.text
    assert post_form(client, world, draft, "13", draft.version).status_code == 200


def test_the_api_answers_409_with_the_value_as_it_is_now(world, draft):
    api = APIClient()
    api.force_authenticate(world.partner)
    old = draft.version
    assert (
        api.patch(f"/api/v1/submissions/{draft.pk}/", {"value": "12", "version": old}).status_code
        == 200
    )

    response = api.patch(
        f"/api/v1/submissions/{draft.pk}/", {"value": "14", "version": old}, format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "conflict" and "version" in body["errors"]
    assert body["current"]["value"] == "12.000000" or Decimal(body["current"]["value"]) == 12
    assert body["current"]["version"] == old + 1
    assert Submission.objects.get(pk=draft.pk).value == Decimal(12)


def test_without_a_version_the_last_write_wins_as_before(world, draft):
    api = APIClient()
    api.force_authenticate(world.partner)
    api.patch(f"/api/v1/submissions/{draft.pk}/", {"value": "12"}, format="json")
    response = api.patch(f"/api/v1/submissions/{draft.pk}/", {"value": "14"}, format="json")
    assert response.status_code == 200
    assert Submission.objects.get(pk=draft.pk).value == Decimal(14)


def test_a_version_of_a_value_never_saved_is_a_400_at_the_version(world):
    """Found by schemathesis: this was a 500 (a conflict with nothing)."""
    indicator = IndicatorFactory(initiative=world.initiative, code="NEW")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    api = APIClient()
    api.force_authenticate(world.partner)
    body = {
        "indicator": indicator.pk,
        "organization": world.partner_org.pk,
        "period": period.pk,
        "value": "5",
        "version": 3,
    }

    response = api.post("/api/v1/submissions/", body, format="json")

    assert response.status_code == 400
    assert "version" in response.json()["errors"]
    assert not Submission.objects.filter(indicator=indicator).exists()
