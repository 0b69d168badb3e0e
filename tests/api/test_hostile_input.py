"""Hostile input through the API: NUL bytes, bidi overrides, broken rows, odd paths.

Each answer is a 400 at the field (or a 404 for a path), never a 500, never a partial save.
"""

import pytest

from measurement.models import Submission, SubmissionEvent

BULK = "/api/v1/submissions/bulk/"


def _row(world, api_world, **extra):
    return {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
        "value": 8,
        **extra,
    }


def test_a_format_suffix_is_not_a_route(as_persona, api_world):
    client = as_persona("backbone")
    for url in [f"/api/v1/completeness/{api_world.own_period.pk}.json", "/api/v1/initiatives.json"]:
        response = client.get(url, follow=True)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_category_row_without_its_category_is_400_at_the_field(as_persona, api_world, method):
    url = f"/api/v1/submissions/{api_world.own.pk}/"
    body = {"value": 7, "categories": [{"value": 3}]}
    response = getattr(as_persona("partner"), method)(url, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"categories.0.category": ["This field is required."]}


def test_a_nul_in_a_bulk_comment_is_400_at_the_row_and_nothing_is_saved(
    as_persona, world, api_world
):
    before = Submission.objects.count(), SubmissionEvent.objects.count()
    rows = [_row(world, api_world), _row(world, api_world, comment="bad\x00comment")]
    rows[0]["organization"] = world.second_org.pk
    response = as_persona("backbone").post(BULK, {"values": rows}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "values": [{"row": 1, "field": "comment", "message": "Null characters are not allowed."}]
    }
    assert (Submission.objects.count(), SubmissionEvent.objects.count()) == before


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/initiatives/%00/",
        "/api/v1/organizations/?name=%00",
        "/api/v1/submissions/?ordering=%00",
        "/api/v1/periods/?page=%00",
        "/api/v1/%00/",
    ],
)
def test_a_nul_in_a_path_or_query_is_a_4xx(as_persona, api_world, url):
    response = as_persona("backbone").get(url)
    assert response.status_code in (400, 404)
    assert response.json()["code"] in ("invalid", "not_found")


def test_a_nul_in_a_json_body_is_400_at_its_field(as_persona, api_world):
    url = f"/api/v1/submissions/{api_world.own.pk}/"
    response = as_persona("partner").patch(url, {"comment": "a\x00b"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["Null characters are not allowed."]}
    api_world.own.refresh_from_db()
    assert "\x00" not in api_world.own.comment


def test_a_nul_in_a_key_of_a_json_body_is_400(as_persona, api_world):
    url = f"/api/v1/submissions/{api_world.own.pk}/"
    response = as_persona("partner").patch(url, {"comm\x00ent": "x"}, format="json")
    assert response.status_code == 400


def test_bidi_overrides_are_removed_from_an_api_comment(as_persona, api_world):
    url = f"/api/v1/submissions/{api_world.own.pk}/"
    response = as_persona("partner").patch(
        url, {"comment": "ok\u202eevil\u202c", "submit": False}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["comment"] == "okevil"
    api_world.own.refresh_from_db()
    assert api_world.own.comment == "okevil"


def test_bidi_overrides_are_removed_from_a_bulk_comment(as_persona, world, api_world):
    row = _row(world, api_world, organization=world.second_org.pk, comment="\u202dx\u202c")
    response = as_persona("backbone").post(BULK, {"values": [row], "submit": False}, format="json")
    assert response.status_code == 200
    saved = Submission.objects.get(indicator=api_world.own_indicator, organization=world.second_org)
    assert saved.comment == "x"


def test_a_nul_in_a_return_note_is_400(as_persona, api_world):
    url = f"/api/v1/submissions/{api_world.own.pk}/return/"
    response = as_persona("backbone").post(url, {"note": "fix\x00"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"note": ["Null characters are not allowed."]}
    api_world.own.refresh_from_db()
    assert api_world.own.state == "submitted"


def test_the_schema_bounds_the_bulk_list_and_the_categories(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    bodies = schema["components"]["schemas"]
    assert bodies["BulkInRequest"]["properties"]["values"] | {"items": None} == {
        "type": "array",
        "items": None,
        "minItems": 1,
        "maxItems": 10_000,
    }
    assert bodies["ValuesInRequest"]["properties"]["categories"]["maxItems"] == 200


@pytest.mark.parametrize(
    "count, message",
    [(0, "Send a non-empty list of values."), (10_001, "At most 10000 values per request.")],
)
def test_an_empty_or_overlong_batch_is_400_at_values(as_persona, api_world, count, message):
    rows = [{"indicator": 1, "organization": 1, "period": 1}] * count
    response = as_persona("backbone").post(BULK, {"values": rows}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"values": [message]}


@pytest.mark.parametrize("ordering", ["nmae", "name,", "", "-", "name,--id", "password"])
def test_an_unknown_ordering_is_400_at_the_parameter(as_persona, api_world, ordering):
    response = as_persona("backbone").get("/api/v1/organizations/", {"ordering": ordering})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "ordering": ["Order by one of: name, id (with - before a field for descending)."]
    }


def test_a_known_ordering_is_followed(as_persona, world, api_world):
    response = as_persona("backbone").get("/api/v1/organizations/", {"ordering": "-name,id"})
    assert response.status_code == 200
    names = [row["name"] for row in response.json()["results"]]
    assert names == sorted(names, reverse=True) and len(names) > 1


def test_the_schema_gives_the_orderings_accepted(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    (ordering,) = [
        p
        for p in schema["paths"]["/api/v1/organizations/"]["get"]["parameters"]
        if p["name"] == "ordering"
    ]
    assert ordering["schema"] == {
        "type": "array",
        "items": {"type": "string", "enum": ["name", "-name", "id", "-id"]},
        "minItems": 1,
    }
    assert (ordering["style"], ordering["explode"]) == ("form", False)  # commas between
