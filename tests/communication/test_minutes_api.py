"""The minutes, decisions and action-item endpoints: who reads, who acts, 400 at the field."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from communication.models import MinutesState
from tests.communication import minutes_factories as f
from tests.personas import PERSONAS, api_client_as

SEES = {"backbone", "partner", "facilitator", "viewer", "superuser"}
RUNS = {"backbone", "superuser"}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Anonymous calls count against the anonymous limit, all from 127.0.0.1."""
    cache.clear()


@pytest.fixture
def setup(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner, world.partner_org)
    minutes = f.approved(world, meeting, body="Approved text")
    decision = f.decision(world, meeting=meeting)
    item = f.action_item(world, meeting=meeting)
    return world, meeting, minutes, decision, item


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("kind", ["minutes", "decisions", "action-items"])
def test_lists_and_details(setup, persona, kind):
    world, _meeting, minutes, decision, item = setup
    pk = {"minutes": minutes.pk, "decisions": decision.pk, "action-items": item.pk}[kind]
    client = api_client_as(world, persona)
    listed = client.get(f"/api/v1/{kind}/")
    detail = client.get(f"/api/v1/{kind}/{pk}/")
    if persona == "anonymous":
        assert listed.status_code == detail.status_code == 401
        return
    assert listed.status_code == 200
    ids = [row["id"] for row in listed.json()["results"]]
    assert ids == ([pk] if persona in SEES else [])
    assert detail.status_code == (200 if persona in SEES else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_correct_approved_minutes(setup, persona):
    world, _meeting, minutes, *_ = setup
    client = api_client_as(world, persona)
    response = client.post(
        f"/api/v1/minutes/{minutes.pk}/correct/", {"body": "New", "reason": "Typo"}
    )
    if persona == "anonymous":
        expected = 401
    else:
        expected = 201 if persona in RUNS else 403 if persona in SEES else 404
    assert response.status_code == expected, response.content
    if expected == 201:
        assert response.json()["body_after"] == "New"


def test_the_lifecycle_through_the_api(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    minutes = f.drafted(world, meeting)
    staff, partner = api_client_as(world, "backbone"), api_client_as(world, "partner")
    assert partner.get(f"/api/v1/minutes/{minutes.pk}/").status_code == 404  # a draft
    assert staff.post(f"/api/v1/minutes/{minutes.pk}/approve/").status_code == 400
    assert staff.post(f"/api/v1/minutes/{minutes.pk}/circulate/").json()["state"] == "circulated"
    response = partner.post(f"/api/v1/minutes/{minutes.pk}/comments/", {"text": "Fix"})
    assert response.status_code == 201
    assert partner.post(f"/api/v1/minutes/{minutes.pk}/comments/", {"text": 5}).status_code == 400
    assert partner.post(f"/api/v1/minutes/{minutes.pk}/approve/").status_code == 403
    assert len(staff.get(f"/api/v1/minutes/{minutes.pk}/comments/").json()) == 1
    assert staff.post(f"/api/v1/minutes/{minutes.pk}/approve/").json()["state"] == "approved"
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.APPROVED
    response = staff.post(f"/api/v1/minutes/{minutes.pk}/correct/", {"body": "x", "reason": ""})
    assert response.status_code == 400


def test_record_a_decision_and_change_its_status(world):
    staff = api_client_as(world, "backbone")
    body = {
        "initiative": world.initiative.slug,
        "statement": "Adopt",
        "decided_on": timezone.localdate().isoformat(),
        "decided_by": "The committee",
    }
    response = staff.post("/api/v1/decisions/", body)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = staff.post(f"/api/v1/decisions/{pk}/status/", {"status": "revoked", "note": "Old"})
    assert response.json()["status"] == "revoked" and len(response.json()["changes"]) == 1
    for bad, field in [
        ({**body, "decided_by": ""}, "decided_by"),
        ({**body, "meeting": 999999}, "meeting"),
        ({**body, "decided_on": "soon"}, "decided_on"),
    ]:
        response = staff.post("/api/v1/decisions/", bad)
        assert response.status_code == 400
        assert field in str(response.json()), response.json()
    assert api_client_as(world, "partner").post("/api/v1/decisions/", body).status_code == 403
    other = api_client_as(world, "other_partner").post("/api/v1/decisions/", body)
    assert other.status_code == 404


def test_action_items_owner_patches_status_and_note_only(setup):
    world, *_rest, item = setup
    partner = api_client_as(world, "partner")
    response = partner.patch(f"/api/v1/action-items/{item.pk}/", {"status": "done", "note": "Ok"})
    assert response.status_code == 200 and response.json()["completed_at"]
    assert partner.patch(f"/api/v1/action-items/{item.pk}/", {"title": "Mine"}).status_code == 403
    assert partner.patch(f"/api/v1/action-items/{item.pk}/", {"status": "x"}).status_code == 400
    viewer = api_client_as(world, "viewer")
    assert viewer.patch(f"/api/v1/action-items/{item.pk}/", {"status": "open"}).status_code == 403
    staff = api_client_as(world, "backbone")
    response = staff.patch(f"/api/v1/action-items/{item.pk}/", {"owner": world.other_partner.pk})
    assert response.status_code == 400 and "owner" in str(response.json())


def test_give_an_action_item(world):
    staff = api_client_as(world, "backbone")
    body = {"initiative": world.initiative.slug, "title": "Send", "owner": world.partner.pk}
    response = staff.post("/api/v1/action-items/", body)
    assert response.status_code == 201 and response.json()["organization"] == world.partner_org.pk
    response = staff.post("/api/v1/action-items/", {**body, "title": ""})
    assert response.status_code == 400
