"""The agenda endpoints × personas: members read their initiatives' rows, only the partner
endorses, other initiatives' rows never appear."""

import pytest

from agenda.models import Endorsement, Goal
from tests.agenda.factories import adopted_agenda
from tests.personas import PERSONAS, api_client_as

MEMBERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}


@pytest.fixture
def two_agendas(world):
    adopted_agenda(world)
    world.initiative, world.other_initiative = world.other_initiative, world.initiative
    world.backbone, backbone = world.superuser, world.backbone
    adopted_agenda(world)
    world.initiative, world.other_initiative = world.other_initiative, world.initiative
    world.backbone = backbone
    return world


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", ["agenda-versions", "goals", "strategies", "endorsements"])
def test_lists_hold_only_the_users_initiatives(world, two_agendas, persona, endpoint):
    response = api_client_as(world, persona).get(f"/api/v1/{endpoint}/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    rows = response.json()["results"]
    if endpoint == "goals":
        initiatives = {row["initiative"] for row in rows}
        expected = {
            "superuser": {"stem", "employment"},
            "other_partner": {"employment"},
            "outsider": set(),
        }.get(persona, {"stem"})
        assert initiatives == expected


def test_a_version_has_its_snapshot(world, two_agendas):
    response = api_client_as(world, "viewer").get("/api/v1/agenda-versions/?initiative=stem")
    (version,) = response.json()["results"]
    assert version["state"] == "adopted"
    goal = Goal.objects.get(initiative=world.initiative)
    assert version["snapshot"]["goals"][0]["id"] == goal.pk


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_partner_endorses(world, two_agendas, persona):
    response = api_client_as(world, persona).post(
        "/api/v1/endorsements/", {"initiative": "stem", "decision": "endorsed"}, format="json"
    )
    expected = {"partner": 201, "anonymous": 401, "other_partner": 404, "outsider": 404}
    assert response.status_code == expected.get(persona, 403), response.content
    assert Endorsement.objects.exists() is (persona == "partner")


def test_declining_without_a_reason_is_a_400_at_the_field(world, two_agendas):
    response = api_client_as(world, "partner").post(
        "/api/v1/endorsements/", {"initiative": "stem", "decision": "declined"}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    assert not Endorsement.objects.exists()
