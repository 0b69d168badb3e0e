"""The schema says what responses always hold, and the API keeps to what the schema says."""

import re

import pytest
from django.core.cache import cache
from rest_framework.exceptions import ValidationError
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from sheatufim.api import fields
from sheatufim.api.errors import ERROR_CODES

SCHEMA = "/api/v1/schema/"


@pytest.fixture
def schema(client, db):
    return client.get(SCHEMA, HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def _outputs(schema) -> dict:
    return {
        name: component
        for name, component in schema["components"]["schemas"].items()
        if "properties" in component and not name.endswith("Request")
    }


def test_every_field_of_every_response_is_required(schema):
    outputs = _outputs(schema)
    assert {"SubmissionOut", "PeriodOut", "IndicatorOut", "InitiativeOut", "RollupOut"} <= set(
        outputs
    )
    assert {"YearlyRollupOut", "ActivityOut", "GoalOut", "ErrorOut"} <= set(outputs)
    optional = {
        (name, field)
        for name, component in outputs.items()
        for field in component["properties"]
        if field not in component.get("required", [])
    }
    # Only the field errors of a 400, absent for a body that is not JSON (`parse_error`).
    assert optional == {("ValidationErrorOut", "errors")}


def test_nullable_where_null_is_possible(schema):
    props = schema["components"]["schemas"]["SubmissionOut"]["properties"]
    nullable = {name for name, field in props.items() if field.get("nullable")}
    assert nullable == {
        "value",
        "numerator",
        "denominator",
        "weight",
        "submitted_at",
        "reviewed_at",
    }
    page = schema["components"]["schemas"]["PaginatedRollupOutList"]
    assert page["properties"]["next"]["nullable"] and page["properties"]["previous"]["nullable"]
    assert not page["properties"]["count"].get("nullable")


def test_rollups_carry_the_id_of_their_detail_route(as_persona, api_world, schema):
    for name in ("RollupOut", "CategoryRollupOut"):
        assert "id" in schema["components"]["schemas"][name]["required"]
    client = as_persona("backbone")
    (row,) = client.get("/api/v1/rollups/", {"indicator": api_world.own_indicator.pk}).json()[
        "results"
    ]
    assert row["id"] == api_world.rollup.pk
    assert client.get(f"/api/v1/rollups/{row['id']}/").json() == row


def test_ordering_lists_its_values_and_takes_them_repeated_or_with_commas(
    as_persona, world, api_world, schema
):
    (ordering,) = [
        p
        for p in schema["paths"]["/api/v1/periods/"]["get"]["parameters"]
        if p["name"] == "ordering"
    ]
    assert ordering["schema"]["items"]["enum"] == [
        "start",
        "-start",
        "due_date",
        "-due_date",
        "id",
        "-id",
    ]
    client = as_persona("backbone")
    commas = client.get("/api/v1/organizations/", {"ordering": "-name,id"}).json()["results"]
    repeated = client.get("/api/v1/organizations/", {"ordering": ["-name", "id"]}).json()
    assert repeated["results"] == commas
    refused = client.get("/api/v1/organizations/", {"ordering": ["name", "nmae"]})
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["ordering"]


def test_the_error_code_is_an_enum_of_the_codes_used(schema, as_persona, api_world):
    components = schema["components"]["schemas"]
    assert components["ErrorCodeEnum"]["enum"] == ERROR_CODES
    assert components["ValidationErrorCodeEnum"]["enum"] == ["invalid", "parse_error"]
    anonymous = APIClient()
    backbone = as_persona("backbone")
    seen = {
        anonymous.get("/api/v1/initiatives/").json()["code"],
        APIClient(HTTP_AUTHORIZATION="Bearer sht_nope").get("/api/v1/initiatives/").json()["code"],
        backbone.get("/api/v1/submissions/999999/").json()["code"],
        backbone.delete("/api/v1/indicators/").json()["code"],
        backbone.post("/api/v1/submissions/", "x", content_type="text/plain").json()["code"],
        backbone.post("/api/v1/submissions/", "{", content_type="application/json").json()["code"],
        backbone.get("/api/v1/periods/", {"ordering": "x"}).json()["code"],
        as_persona("partner")
        .post(f"/api/v1/submissions/{api_world.own.pk}/approve/")
        .json()["code"],
    }
    assert seen == {
        "not_authenticated",
        "authentication_failed",
        "not_found",
        "method_not_allowed",
        "unsupported_media_type",
        "parse_error",
        "invalid",
        "permission_denied",
    }
    assert seen <= set(ERROR_CODES)


def test_the_decimal_pattern_refuses_what_is_not_a_number(schema):
    pattern = schema["components"]["schemas"]["ValuesInRequest"]["properties"]["value"]["pattern"]
    for text in ("", "-", ".", "-.", "1.2.3", "1" * 15):
        assert not re.fullmatch(pattern, text), text
    for text in ("0", "-12", "12.5", "12.", ".5", "-0.000001", "1" * 14):
        assert re.fullmatch(pattern, text), text
    out = schema["components"]["schemas"]["RollupOut"]["properties"]["value"]["pattern"]
    assert re.fullmatch(out, "172.000000") and not re.fullmatch(out, "")


@pytest.mark.parametrize("text", ["", " ", "-", "."])
def test_the_server_refuses_what_the_pattern_refuses(as_persona, world, api_world, text):
    body = {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
        "value": text,
    }
    response = as_persona("partner").post("/api/v1/submissions/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["value"]


@pytest.mark.parametrize("text", ["", " ", "-", "."])
def test_the_api_decimal_field_refuses_blank(text):
    field = fields.DecimalField(max_digits=20, decimal_places=6, allow_null=True)
    with pytest.raises(ValidationError):
        field.run_validation(text)
    assert field.run_validation(None) is None


def test_an_anonymous_flood_of_api_paths_is_throttled(db, monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "3/minute")
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 6000.0)
    client = APIClient()
    answers = [client.get("/api/v1/submissions/").status_code for _ in range(3)]
    assert answers == [401, 401, 401]
    refused = client.get("/api/v1/rollups/")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    assert "Retry-After" in refused
    guessed = APIClient(HTTP_AUTHORIZATION="Bearer sht_guess").get("/api/v1/initiatives/")
    assert guessed.status_code == 429  # guessing tokens costs the same budget
    assert client.get(SCHEMA).status_code == 429  # one budget with the schema and docs
    probe = client.get("/api/v1/no-such-thing/")  # probing paths costs the same budget
    assert probe.status_code == 429 and probe.json()["code"] == "throttled"
    assert "Retry-After" in probe
    cache.clear()
    assert client.get("/api/v1/no-such-thing/").status_code == 404


def test_a_number_where_the_schema_says_text_is_400_at_its_field(as_persona, api_world):
    url = f"/api/v1/submissions/{api_world.own.pk}/"
    response = as_persona("partner").patch(url, {"comment": 5, "submit": False}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["comment"]
    api_world.own.refresh_from_db()
    assert api_world.own.comment == "" and api_world.own.state == "submitted"
