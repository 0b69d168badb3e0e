"""The map's endpoints: stakeholder-map (read) and relationships (read for members, record and
remove for managers); bad input is a 400 at its field, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Relationship
from tests.initiatives.stakeholder_map_factories import bridge_map, grow
from tests.personas import PERSONAS, api_client_as

pytestmark = pytest.mark.django_db

MAP = "/api/v1/stakeholder-map/"
RELATIONSHIPS = "/api/v1/relationships/"
READ = {
    "backbone": 200,
    "partner": 200,
    "facilitator": 200,
    "viewer": 200,
    "superuser": 200,
    "other_partner": 404,
    "outsider": 404,
    "anonymous": 401,
}
WRITE = {**READ, "backbone": 201, "superuser": 201, "partner": 403, "facilitator": 403}
WRITE["viewer"] = 403


def _body(world, **changes):
    return {
        "initiative": world.initiative.slug,
        "source": world.partner_org.pk,
        "target": world.second_org.pk,
        "kind": "partners_with",
        "note": "Joint programme",
        **changes,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_the_map(world, persona):
    response = api_client_as(world, persona).get(MAP, {"initiative": world.initiative.slug})
    assert response.status_code == READ[persona]
    if response.status_code == 200:
        names = {node["name"] for node in response.json()["nodes"]}
        assert names == {world.initiative.backbone.name, "Masar", "Gesher"}
        assert "Ofek" not in names


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_records_a_relationship(world, persona):
    response = api_client_as(world, persona).post(RELATIONSHIPS, _body(world), format="json")
    assert response.status_code == WRITE[persona], response.content
    assert Relationship.objects.count() == (1 if response.status_code == 201 else 0)
    if response.status_code == 201:
        assert response.json()["initiative"] == world.initiative.slug


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_lists_and_removes(world, persona):
    made = Relationship.objects.create(
        initiative=world.initiative, source=world.partner_org, target=world.second_org, kind="funds"
    )
    client = api_client_as(world, persona)
    listed = client.get(RELATIONSHIPS)
    if persona == "anonymous":
        assert listed.status_code == 401
    else:
        assert [r["id"] for r in listed.json()["results"]] == (
            [made.pk] if READ[persona] == 200 else []
        )
    response = client.delete(f"{RELATIONSHIPS}{made.pk}/")
    expected = {**WRITE, "backbone": 204, "superuser": 204}[persona]
    assert response.status_code == expected
    assert Relationship.objects.filter(pk=made.pk).exists() == (expected != 204)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target": "SELF"}, "target"),
        ({"kind": "loves"}, "kind"),
        ({"source": "OTHER"}, "source"),
        ({"source": 999999}, "source"),
        ({"note": "x" * 501}, "note"),
        ({"note": 5}, "note"),
        ({"source": "abc"}, "source"),
    ],
)
def test_bad_input_is_a_400_at_its_field(world, changes, field):
    replace = {"SELF": world.partner_org.pk, "OTHER": world.other_org.pk}
    changes = {k: replace.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    client = api_client_as(world, "backbone")
    response = client.post(RELATIONSHIPS, _body(world, **changes), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"] or field in str(response.json())
    assert not Relationship.objects.exists()


def test_the_same_relationship_twice_is_a_400(world):
    client = api_client_as(world, "backbone")
    assert client.post(RELATIONSHIPS, _body(world), format="json").status_code == 201
    response = client.post(RELATIONSHIPS, _body(world), format="json")
    assert response.status_code == 400
    assert Relationship.objects.count() == 1


def test_an_unknown_initiative_is_a_404(world):
    client = api_client_as(world, "backbone")
    assert (
        client.post(
            RELATIONSHIPS, _body(world, initiative=world.other_initiative.slug), format="json"
        ).status_code
        == 404
    )
    assert client.get(MAP, {"initiative": "nowhere"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"initiative": "bridge", "sector": "moon"},
        {"initiative": "bridge", "role": ""},
        {"initiative": "bridge", "goal": "abc"},
        {"initiative": "bridge", "former": "maybe"},
    ],
)
def test_bad_parameters_of_the_map_are_a_400(client, query):
    made = bridge_map()
    client.force_login(made.staff)
    assert client.get(MAP, query).status_code == 400


def test_the_map_answers_the_metrics_and_the_filters(client):
    made = bridge_map()
    client.force_login(made.staff)
    body = client.get(MAP, {"initiative": "bridge"}).json()
    assert body["metrics"] == {"isolates": [made.i.pk], "connectors": [made.x.pk]}
    x = next(node for node in body["nodes"] if node["id"] == made.x.pk)
    assert (x["degree"], x["betweenness"], x["sector"]) == (3, 0.3333, "government")
    assert len(body["edges"]) == 8
    narrowed = client.get(MAP, {"initiative": "bridge", "role": "funder"}).json()
    assert [node["name"] for node in narrowed["nodes"]] == ["Alpha fund"]


def _count(client, made):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(MAP, {"initiative": "bridge"}).status_code == 200
    return len(captured)


def test_the_maps_queries_do_not_grow(client):
    made = bridge_map()
    client.force_login(made.staff)
    grow(made.initiative, made.k, 3)
    small = _count(client, made)
    grow(made.initiative, made.k, 30, start=100)
    assert _count(client, made) == small


def test_the_endpoints_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/stakeholder-map/" in schema["paths"]
    assert "/api/v1/relationships/" in schema["paths"]
    assert "/api/v1/relationships/{id}/" in schema["paths"]


def test_a_strategy_wins_over_a_goal(client):
    from activities.models import Activity
    from agenda.models import Goal, Strategy

    made = bridge_map()
    goal = Goal.objects.create(initiative=made.initiative, title="Excellence")
    first, second = (Strategy.objects.create(goal=goal, title=t) for t in ("Clubs", "Labs"))
    for organization, strategy in [(made.a, first), (made.c, second)]:
        Activity.objects.create(
            initiative=made.initiative, organization=organization, strategy=strategy, title="T"
        )
    client.force_login(made.staff)
    body = client.get(MAP, {"initiative": "bridge", "goal": goal.pk}).json()
    assert {n["name"] for n in body["nodes"]} == {"Alpha fund", "Cedar college"}
    body = client.get(MAP, {"initiative": "bridge", "goal": goal.pk, "strategy": second.pk}).json()
    assert [n["name"] for n in body["nodes"]] == ["Cedar college"]
