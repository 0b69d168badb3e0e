"""GET /api/v1/field-view/: the page's permission and content; a bad filter is a 400."""

import pytest

from tests.community.field_data import build_field
from tests.personas import api_client_as

pytestmark = pytest.mark.django_db

URL = "/api/v1/field-view/"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("backbone", 200),
        ("facilitator", 200),
        ("superuser", 200),
        ("partner", 403),
        ("viewer", 403),
        ("other_partner", 403),
        ("outsider", 403),
        ("anonymous", 401),
    ],
)
def test_who_may_read_the_field_view(world, persona, expected):
    assert api_client_as(world, persona).get(URL).status_code == expected


def test_the_rows_and_aggregates(world):
    build_field(world)
    body = api_client_as(world, "facilitator").get(URL).json()
    assert [r["slug"] for r in body["rows"]] == ["jobs", "youth", "stem"]
    jobs = body["rows"][0]
    assert jobs["kind"] == "collective_impact" and jobs["phase"] == 1
    assert jobs["round"]["anonymous"] is True and jobs["round"]["respondents"] == 3
    cells = {c["condition"]: c for c in jobs["conditions"]}
    assert len(cells) == 5
    assert cells["agenda"]["mean"] == "3.00"
    assert cells["measurement"]["mean"] is None
    assert cells["measurement"]["score_state"] == "withheld"
    assert cells["agenda"]["health"] in {"good", "attention", "act", "no_data"}
    total = body["aggregates"][-1]
    assert total["group"] == "all" and total["initiatives"] == 3
    means = {m["condition"]: m for m in total["means"]}
    assert means["agenda"] == {"condition": "agenda", "mean": "2.83", "over": 3, "withheld": 0}
    assert means["measurement"]["withheld"] == 1 and means["measurement"]["over"] == 2


def test_the_filters(world):
    build_field(world)
    client = api_client_as(world, "facilitator")
    body = client.get(URL, {"kind": "sphere"}).json()
    assert [r["slug"] for r in body["rows"]] == ["youth"]
    body = client.get(URL, {"phase": "2"}).json()
    assert [r["slug"] for r in body["rows"]] == ["stem"]


@pytest.mark.parametrize(
    "query", [{"kind": "galaxy"}, {"phase": "7"}, {"phase": "II"}, {"phase": ""}, {"kind": "\x00"}]
)
def test_a_bad_filter_is_a_400(world, query):
    response = api_client_as(world, "facilitator").get(URL, query)
    assert response.status_code == 400


def test_the_schema_describes_it(world):
    response = api_client_as(world, "anonymous").get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/field-view/" in response.json()["paths"]
