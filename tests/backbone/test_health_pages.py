"""The condition-health page (backbone:overview): who may open it, what it shows, and its
queries flat in the data; the measurement tabs' "Backbone" link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from backbone.selectors.health import condition_health
from tests.backbone.health_data import populate
from tests.initiatives.factories import InitiativeFactory
from tests.personas import check, login_as

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("backbone:overview", args=[world.initiative.slug])


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
        ("anonymous", "login"),
    ],
)
def test_who_may_open_condition_health(client, world, persona, expected):
    login_as(client, world, persona)
    check(client.get(url(world)), expected)


def test_the_path_is_the_backbones_first_page(world):
    assert url(world) == "/initiatives/stem/backbone/"


def test_the_page_shows_the_five_lines_with_words_and_links(client, world):
    populate(world.initiative, 3, user=world.backbone)
    client.force_login(world.facilitator)
    response = client.get(url(world))
    html = response.content.decode()
    health = condition_health([world.initiative.pk])[world.initiative.pk]
    for signal in health.signals:
        assert str(signal.label) in html
        assert escape(signal.sentence) in html
        assert f'data-status="{signal.status}"' in html
        assert signal.url in html
    assert html.count("Where to act") == 5
    assert "against the previous period" in html
    # The facilitator does not manage the backbone: no "Run an assessment round".
    assert "Run an assessment round" not in html


def test_only_a_post_free_page(client, world):
    client.force_login(world.backbone)
    assert client.post(url(world)).status_code == 405


def test_the_page_in_hebrew(client, world):
    client.force_login(world.backbone)
    response = client.get(url(world), HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 200


def _count(client, world):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(world)).status_code == 200
    return len(queries)


def test_the_page_queries_do_not_grow_with_the_data(client, world):
    client.force_login(world.backbone)
    populate(world.initiative, 2, user=world.backbone)
    small = _count(client, world)
    populate(world.initiative, 6, user=world.backbone)
    populate(world.other_initiative, 4, user=world.backbone)
    assert _count(client, world) == small


def test_condition_health_queries_do_not_grow_with_the_initiatives(world):
    few = [InitiativeFactory() for _ in range(2)]
    for initiative in few:
        populate(initiative, 2, user=world.backbone)
    with CaptureQueriesContext(connection) as small:
        condition_health([i.pk for i in few])
    more = [InitiativeFactory() for _ in range(6)]
    for initiative in more:
        populate(initiative, 4, user=world.backbone)
    with CaptureQueriesContext(connection) as large:
        found = condition_health([i.pk for i in few + more])
    assert len(found) == 8
    assert len(large) == len(small)


@pytest.mark.parametrize(
    ("persona", "target"),
    [("backbone", "overview"), ("facilitator", "overview"), ("partner", "workplan")],
)
def test_the_measurement_tabs_backbone_link(client, world, persona, target):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("measurement:dashboard", args=[world.initiative.slug]))
    assert response.status_code == 200
    link = reverse(f"backbone:{target}", args=[world.initiative.slug])
    assert f'href="{link}">Backbone<' in response.content.decode()
