"""GET /api/v1/condition-health/: the same permission as the page, the five signals, bad
input a 400, and queries flat in the number of initiatives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backbone.selectors.health import condition_health
from initiatives.models import Role
from tests.backbone.health_data import populate
from tests.initiatives.factories import InitiativeFactory, MembershipFactory
from tests.personas import api_client_as

pytestmark = pytest.mark.django_db

LIST = "/api/v1/condition-health/"


def one(world):
    return f"{LIST}{world.initiative.pk}/"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("backbone", 200),
        ("facilitator", 200),
        ("superuser", 200),
        ("partner", 403),
        ("viewer", 403),
        ("other_partner", 404),
        ("outsider", 404),
        ("anonymous", 401),
    ],
)
def test_who_may_read_one_initiatives_health(world, persona, expected):
    response = api_client_as(world, persona).get(one(world))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("backbone", 1),
        ("facilitator", 1),
        ("superuser", 2),
        ("partner", 0),
        ("viewer", 0),
        ("outsider", 0),
    ],
)
def test_the_list_holds_only_what_the_reader_may_see(world, persona, count):
    response = api_client_as(world, persona).get(LIST)
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_the_five_signals_as_the_selector_computes_them(world):
    populate(world.initiative, 3, user=world.backbone)
    body = api_client_as(world, "facilitator").get(one(world)).json()
    health = condition_health([world.initiative.pk])[world.initiative.pk]
    assert body["initiative"] == world.initiative.pk
    assert body["slug"] == "stem"
    assert [s["condition"] for s in body["signals"]] == [
        "agenda",
        "measurement",
        "activities",
        "communication",
        "backbone",
    ]
    for out, signal in zip(body["signals"], health.signals, strict=True):
        assert out["status"] == signal.status
        assert out["trend"] == signal.trend
        assert out["sentence"] == signal.sentence
        assert out["figures"] == signal.figures
        assert out["url"] == signal.url


def test_the_list_filters_by_initiative(world):
    client = api_client_as(world, "superuser")
    body = client.get(LIST, {"initiative": world.other_initiative.pk}).json()
    assert [row["initiative"] for row in body["results"]] == [world.other_initiative.pk]


@pytest.mark.parametrize("bad", ["x", "0.5", "-1", "99999999999999999999"])
def test_a_bad_initiative_filter_is_a_400(world, bad):
    response = api_client_as(world, "backbone").get(LIST, {"initiative": bad})
    assert response.status_code == 400


@pytest.mark.parametrize("bad", ["x", "0", "99999999999999999999"])
def test_a_bad_id_is_a_404(world, bad):
    assert api_client_as(world, "backbone").get(f"{LIST}{bad}/").status_code == 404


def test_writes_are_refused(world):
    client = api_client_as(world, "backbone")
    assert client.post(LIST, {}, format="json").status_code == 405
    assert client.delete(one(world)).status_code == 405


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_queries_do_not_grow_with_the_initiatives(world):
    client = api_client_as(world, "facilitator")
    for _ in range(1):
        initiative = InitiativeFactory()
        MembershipFactory(user=world.facilitator, initiative=initiative, role=Role.FACILITATOR)
        populate(initiative, 2, user=world.backbone)
    small = _count(client)
    for _ in range(4):
        initiative = InitiativeFactory()
        MembershipFactory(user=world.facilitator, initiative=initiative, role=Role.FACILITATOR)
        populate(initiative, 4, user=world.backbone)
    assert _count(client) == small
