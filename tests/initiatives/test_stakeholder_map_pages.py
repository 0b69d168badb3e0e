"""The map's pages: who may see, export and record; what the page and its exports hold; bad
input at its field; queries that do not grow with the data."""

import csv
import io
import json

import networkx as nx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Relationship, RelationshipKind
from tests.initiatives.stakeholder_map_factories import bridge_map, grow
from tests.personas import PERSONAS, check, login_as

pytestmark = pytest.mark.django_db

READ = {
    "backbone": 200,
    "partner": 200,
    "facilitator": 200,
    "viewer": 200,
    "superuser": 200,
    "other_partner": 404,
    "outsider": 404,
    "anonymous": "login",
}
MANAGE = {**READ, "partner": 403, "facilitator": 403, "viewer": 403}
PAGES = [
    "stakeholder_map",
    "stakeholder_map_nodes",
    "stakeholder_map_edges",
    "stakeholder_map_gexf",
]


def _url(name, slug, *args):
    return reverse(f"initiatives:{name}", args=[slug, *args])


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_map_and_its_exports(client, world, persona, name):
    login_as(client, world, persona)
    check(client.get(_url(name, world.initiative.slug)), READ[persona])


def _record(client, world, **changes):
    data = {
        "source": world.partner_org.pk,
        "kind": "funds",
        "target": world.second_org.pk,
        "note": "Grant",
        **changes,
    }
    return client.post(_url("relationship_create", world.initiative.slug), data)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_records_a_relationship(client, world, persona):
    login_as(client, world, persona)
    response = _record(client, world)
    expected = MANAGE[persona]
    if expected == 200:
        assert response.status_code == 302
        assert Relationship.objects.count() == 1
    else:
        check(response, expected)
        assert not Relationship.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_removes_one(client, world, persona):
    made = Relationship.objects.create(
        initiative=world.initiative, source=world.partner_org, target=world.second_org, kind="funds"
    )
    login_as(client, world, persona)
    response = client.post(_url("relationship_delete", world.initiative.slug, made.pk))
    if MANAGE[persona] == 200:
        assert response.status_code == 302
        assert not Relationship.objects.exists()
    else:
        check(response, MANAGE[persona])
        assert Relationship.objects.count() == 1


def test_another_initiatives_relationship_is_a_404(client, world):
    made = bridge_map()
    theirs = Relationship.objects.filter(initiative=made.initiative).first()
    client.force_login(world.backbone)
    response = client.post(_url("relationship_delete", world.initiative.slug, theirs.pk))
    assert response.status_code == 404
    assert Relationship.objects.filter(pk=theirs.pk).exists()


def test_the_page_shows_only_the_actions_the_reader_may_take(client, world):
    client.force_login(world.viewer)
    page = client.get(_url("stakeholder_map", world.initiative.slug)).content.decode()
    assert "Record a relationship" not in page
    client.force_login(world.backbone)
    page = client.get(_url("stakeholder_map", world.initiative.slug)).content.decode()
    assert "Record a relationship" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target": "SELF"}, "target", "cannot have a relationship with itself"),
        ({"kind": "loves"}, "kind", "Choose one of the kinds"),
        ({"source": "OTHER"}, "source", "never took part"),
        ({"note": "x" * 501}, "note", "at most 500 characters"),
        ({"source": "abc"}, "source", "never took part"),
    ],
)
def test_bad_input_is_refused_at_its_field(client, world, changes, field, message):
    replace = {"SELF": world.partner_org.pk, "OTHER": world.other_org.pk}
    changes = {k: replace.get(v, v) for k, v in changes.items()}
    client.force_login(world.backbone)
    response = _record(client, world, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Relationship.objects.exists()


def _map(client, made, query=""):
    client.force_login(made.staff)
    return client.get(_url("stakeholder_map", made.initiative.slug) + query)


def test_the_page_holds_the_graph_the_table_and_the_metrics(client):
    made = bridge_map()
    response = _map(client, made)
    assert response.status_code == 200
    page = response.content.decode()
    data = json.loads(response.context["data"] and json.dumps(response.context["data"]))
    assert len(data["nodes"]) == 5
    assert data["metrics"]["connectors"] == [made.x.pk]
    assert data["metrics"]["isolates"] == [made.i.pk]
    assert 'id="stakeholder-map-data"' in page
    assert 'role="img"' in page
    assert page.count('<tr data-organization="') == 5
    isolates = page.split('id="map-isolates"')[1].split("</ul>")[0]
    assert "Iris business" in isolates
    connectors = page.split('id="map-connectors"')[1].split("</ol>")[0]
    assert "Xenon ministry" in connectors
    # The legend names each sector beside its shape and colour.
    assert 'data-sector="philanthropy"' in page and "Philanthropy" in page
    assert 'data-kind="funds"' in page


def test_the_filters_stay_in_the_address_and_narrow_the_table(client):
    made = bridge_map()
    response = _map(client, made, "?sector=government")
    page = response.content.decode()
    assert page.count('<tr data-organization="') == 1
    assert "organizations.csv?sector=government" in page


def test_a_filter_given_wrong_is_shown_and_not_applied(client):
    made = bridge_map()
    response = _map(client, made, "?sector=moon")
    assert response.status_code == 200
    assert response.context["form"].errors["sector"]
    assert response.content.decode().count('<tr data-organization="') == 5


def _csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_csv_of_organizations(client):
    made = bridge_map()
    client.force_login(made.staff)
    rows = _csv(client.get(_url("stakeholder_map_nodes", made.initiative.slug)))
    assert rows[0] == [
        "Id",
        "Organization",
        "Sector",
        "Role",
        "Former",
        "Degree",
        "Betweenness",
        "Tied to nobody",
    ]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Xenon ministry"][5:7] == ["3", "0.3333"]
    assert by_name["Iris business"][7] == "yes"
    assert by_name["Alpha fund"][3] == "Funder"


def test_the_csv_of_ties(client):
    made = bridge_map()
    Relationship.objects.filter(kind="serves").update(note="=HYPERLINK(1)")
    client.force_login(made.staff)
    rows = _csv(client.get(_url("stakeholder_map_edges", made.initiative.slug)))
    assert rows[0] == ["From id", "From", "To id", "To", "Kind", "Directed", "Label"]
    kinds = sorted(row[4] for row in rows[1:])
    assert kinds.count("Takes part (tied to the backbone)") == 4
    assert "Funds" in kinds
    serves = next(row for row in rows[1:] if row[4] == "Serves")
    assert serves[1:4:2] == ["Xenon ministry", "Cedar college"]
    assert serves[6] == "'=HYPERLINK(1)"  # a formula is not run by a spreadsheet


def test_the_gexf_reads_back_as_the_same_graph(client):
    made = bridge_map()
    client.force_login(made.staff)
    response = client.get(_url("stakeholder_map_gexf", made.initiative.slug))
    assert response["Content-Type"].startswith("application/gexf+xml")
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 5
    assert graph.number_of_edges() == 8
    labels = {data["label"] for _n, data in graph.nodes(data=True)}
    assert "Xenon ministry" in labels
    kinds = sorted(data["kind"] for _s, _t, data in graph.edges(data=True))
    assert kinds.count("participant") == 4
    assert RelationshipKind.FUNDS in kinds


def test_the_page_in_hebrew_is_right_to_left_with_names_in_hebrew(client):
    made = bridge_map()
    made.a.translations = {"name": {"he": "קרן אלפא"}}
    made.a.save()
    client.force_login(made.staff)
    response = client.get(_url("stakeholder_map", made.initiative.slug), HTTP_ACCEPT_LANGUAGE="he")
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert '<bdi lang="he" class="map-name">קרן אלפא</bdi>' in page


def _count(client, made, name="stakeholder_map"):
    client.force_login(made.staff)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(_url(name, made.initiative.slug))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["stakeholder_map", "stakeholder_map_nodes"])
def test_the_queries_do_not_grow_with_the_map(client, name):
    made = bridge_map()
    grow(made.initiative, made.k, 5)
    small = _count(client, made, name)
    grow(made.initiative, made.k, 40, start=100)
    assert _count(client, made, name) == small
