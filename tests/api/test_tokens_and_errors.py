"""Personal tokens (hashed, shown once, revoked at once), the error format, bad input, schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from initiatives.models import ApiToken
from measurement.models import Submission, SubmissionEvent


def bearer(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_a_token_is_created_on_the_profile_page_shown_once_and_stored_hashed(client, world):
    client.force_login(world.partner)
    response = client.post(reverse("api_tokens"), {"name": "Our CRM"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("sht_") and raw in response.text
    token = ApiToken.objects.get(user=world.partner)
    assert raw not in token.token_hash and token.prefix == raw[:12]
    assert raw not in client.get(reverse("api_tokens")).text  # never shown again
    assert bearer(raw).get("/api/v1/initiatives/").status_code == 200


def test_a_revoked_token_is_refused_on_the_next_request(client, world):
    client.force_login(world.partner)
    raw = client.post(reverse("api_tokens"), {"name": "Script"}).context["new_token"]
    api = bearer(raw)
    assert api.get("/api/v1/submissions/").status_code == 200
    token = ApiToken.objects.get(user=world.partner)
    client.post(reverse("api_tokens"), {"revoke": token.pk})
    response = api.get("/api/v1/submissions/")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "This token is not valid or was revoked.",
        "code": "authentication_failed",
    }


def test_a_user_cannot_revoke_someone_elses_token(client, world):
    from initiatives.services import api_token_create

    token, raw = api_token_create(user=world.backbone, name="Backbone")
    client.force_login(world.partner)
    assert client.post(reverse("api_tokens"), {"revoke": token.pk}).status_code == 404
    assert bearer(raw).get("/api/v1/initiatives/").status_code == 200


@pytest.mark.parametrize("header", ["Bearer", "Bearer sht_nope", "Bearer a b", "Token sht_x"])
def test_bad_credentials_are_401(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/initiatives/")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "code"}


def test_a_token_of_a_deactivated_user_is_refused(world):
    from initiatives.services import api_token_create

    _token, raw = api_token_create(user=world.partner, name="x")
    world.partner.is_active = False
    world.partner.save()
    assert bearer(raw).get("/api/v1/initiatives/").status_code == 401


def test_an_empty_token_name_is_refused_at_the_field(client, world):
    client.force_login(world.partner)
    response = client.post(reverse("api_tokens"), {"name": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"value": "twelve"}, "value"),
        ({"value": "-3"}, "value"),
        ({"value": "1e40"}, "value"),
        ({"value": None, "submit": True}, "value"),
        ({"indicator": 999999}, "indicator"),
        ({"period": "x"}, "period"),
        ({"categories": [{"category": "a"}]}, "categories.0.category"),
        ({"categories": "nope"}, "categories"),
    ],
)
def test_bad_input_is_a_400_with_errors_at_the_field(as_persona, world, api_world, payload, field):
    body = {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
        "value": "5",
        "submit": True,
    } | payload
    before = (
        list(Submission.objects.values_list("pk", "value", "state")),
        SubmissionEvent.objects.count(),
    )
    response = as_persona("partner").post("/api/v1/submissions/", body, format="json")
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["code"] == "invalid" and field in data["errors"], data
    assert (
        list(Submission.objects.values_list("pk", "value", "state")),
        SubmissionEvent.objects.count(),
    ) == before


def test_malformed_json_is_a_400(as_persona, api_world):
    client = as_persona("partner")
    response = client.post("/api/v1/submissions/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_locked_period_refuses_api_writes(as_persona, world, api_world):
    api_world.own_period.state = "locked"
    api_world.own_period.save()
    response = as_persona("partner").patch(
        f"/api/v1/submissions/{api_world.own.pk}/", {"value": "8"}, format="json"
    )
    assert response.status_code == 400
    assert "locked" in str(response.json()["errors"])
    approve = as_persona("backbone").post(f"/api/v1/submissions/{api_world.own.pk}/approve/")
    assert approve.status_code == 400


def test_update_then_submit_then_approve_through_the_api(as_persona, world, api_world):
    partner, backbone = as_persona("partner"), as_persona("backbone")
    response = partner.patch(
        f"/api/v1/submissions/{api_world.own.pk}/", {"value": "11", "submit": False}, format="json"
    )
    assert response.status_code == 200 and response.json()["value"] == "11.000000"
    assert response.json()["state"] == "draft" and response.json()["submitted_at"] is None
    assert (
        partner.post(f"/api/v1/submissions/{api_world.own.pk}/submit/").json()["state"]
        == "submitted"
    )
    assert (
        backbone.post(f"/api/v1/submissions/{api_world.own.pk}/approve/").json()["state"]
        == "approved"
    )
    again = backbone.post(f"/api/v1/submissions/{api_world.own.pk}/approve/")
    assert again.status_code == 400 and "non_field_errors" in again.json()["errors"]
    returned = backbone.post(
        f"/api/v1/submissions/{api_world.second.pk}/return/", {}, format="json"
    )
    assert returned.status_code == 400 and "note" in returned.json()["errors"]


def test_filters_reject_bad_values_with_400(as_persona, api_world):
    client = as_persona("backbone")
    assert client.get("/api/v1/submissions/", {"state": "bogus"}).status_code == 400
    assert client.get("/api/v1/submissions/", {"indicator": "abc"}).status_code == 400
    assert client.get("/api/v1/submissions/", {"ordering": "secret_field"}).status_code == 400
    assert client.get("/api/v1/submissions/", {"page": "999"}).status_code == 404


def test_schema_and_docs_are_served(client, world):
    client.force_login(world.partner)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/submissions/{id}/approve/" in paths and "/api/v1/rollups/" in paths
    assert client.get("/api/v1/docs/").status_code == 200
    assert client.get("/api/v1/redoc/").status_code == 200
