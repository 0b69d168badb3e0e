"""The community's endpoints: who reads, who writes, the library's search and filters, bad
input is a 400 at the field, the file downloaded through the policy."""

import pytest
from rest_framework.test import APIClient

from community.models import Resource
from tests.community.factories import pdf, resource

READERS = {"facilitator", "superuser", "backbone", "other_leader"}
WRITERS = {"facilitator", "superuser"}
PERSONAS = ["facilitator", "superuser", "backbone", "other_leader", "leader", "partner", "outsider"]


def _client(community, persona) -> APIClient:
    client = APIClient()
    if persona != "anonymous":
        client.force_authenticate(
            getattr(community, persona, None) or getattr(community.world, persona)
        )
    return client


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
@pytest.mark.parametrize("path", ["community-cohorts", "community-profiles", "community-resources"])
def test_who_reads(community, persona, path):
    response = _client(community, persona).get(f"/api/v1/{path}/")
    if path == "community-resources":
        resource()
        response = _client(community, persona).get(f"/api/v1/{path}/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    # Outside the community a list is empty (and an object a 404), as outside an initiative.
    assert (response.json()["count"] > 0) is (persona in READERS)


def test_cohorts_list_their_members(community):
    body = _client(community, "backbone").get("/api/v1/community-cohorts/").json()
    row = next(item for item in body["results"] if item["id"] == community.cohort.pk)
    assert row["host"] == "stem" and row["member_count"] == 2
    assert sorted(row["members"]) == sorted(m.profile_id for m in community.cohort.members.all())
    assert row["name_he"] is None and row["language"] == "en"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_writes(community, persona):
    client = _client(community, persona)
    body = {"title": "Toolkit", "kind": "tool", "url": "https://example.org/t", "phase": 1}
    response = client.post("/api/v1/community-resources/", body, format="json")
    if persona in WRITERS:
        assert response.status_code == 201, response.json()
        made = response.json()
        assert made["phase"] == 1 and made["download"] is None and made["language"] == "en"
        patched = client.patch(
            f"/api/v1/community-resources/{made['id']}/", {"condition": "backbone"}, format="json"
        )
        assert patched.status_code == 200 and patched.json()["condition"] == "backbone"
        assert client.delete(f"/api/v1/community-resources/{made['id']}/").status_code == 204
    else:
        assert response.status_code == 403
        assert not Resource.objects.exists()


def test_search_and_filters(community):
    resource("מדידה משותפת", description="מדריך", language="he", condition="shared_measurement")
    resource("Collective Impact", description="five conditions")
    client = _client(community, "backbone")
    found = client.get("/api/v1/community-resources/", {"q": "משותפת"}).json()["results"]
    assert [row["title"] for row in found] == ["מדידה משותפת"]
    found = client.get("/api/v1/community-resources/", {"language": "en"}).json()["results"]
    assert [row["title"] for row in found] == ["Collective Impact"]
    found = client.get(
        "/api/v1/community-resources/", {"condition": "shared_measurement", "q": "conditions"}
    ).json()["results"]
    assert found == []


@pytest.mark.parametrize(
    "query", [{"phase": "9"}, {"kind": "video"}, {"language": "fr"}, {"ordering": "nope"}]
)
def test_a_wrong_filter_is_a_400(community, query):
    response = _client(community, "backbone").get("/api/v1/community-resources/", query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"kind": "link", "url": "https://e.org"}, "title"),
        ({"title": 5, "kind": "link", "url": "https://e.org"}, "title"),
        ({"title": "T", "kind": "video", "url": "https://e.org"}, "kind"),
        ({"title": "T", "kind": "link"}, "url"),
        ({"title": "T", "kind": "link", "url": "javascript:alert(1)"}, "url"),
        ({"title": "T", "kind": "document"}, "file"),
        ({"title": "T", "kind": "link", "url": "https://e.org", "phase": 8}, "phase"),
        ({"title": "T", "kind": "link", "url": "https://e.org", "condition": "x"}, "condition"),
        ({"title": "T\x00", "kind": "link", "url": "https://e.org"}, "title"),
    ],
)
def test_bad_input_is_a_400_at_the_field(community, body, field):
    response = _client(community, "facilitator").post(
        "/api/v1/community-resources/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not Resource.objects.exists()


def test_a_document_by_multipart_and_its_download(community):
    client = _client(community, "facilitator")
    response = client.post(
        "/api/v1/community-resources/",
        {"title": "Charter", "kind": "document", "file": pdf("charter.pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    made = response.json()
    assert made["file_name"] == "charter.pdf"
    download = _client(community, "backbone").get(made["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert _client(community, "leader").get(made["download"]).status_code == 404


def test_a_wrong_file_by_multipart_is_a_400(community):
    response = _client(community, "facilitator").post(
        "/api/v1/community-resources/",
        {"title": "Charter", "kind": "document", "file": pdf("charter.exe")},
        format="multipart",
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_the_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("community-cohorts", "community-profiles", "community-resources"):
        assert f"/api/v1/{path}/" in schema
