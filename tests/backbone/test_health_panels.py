"""Condition health on the measurement dashboard (a panel) and on the facilitator's portfolio
(a column): who sees them, what they show, and queries flat in initiatives and data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backbone.signals import health_visible
from initiatives.models import Role
from initiatives.signals import portfolio_columns
from tests.backbone.health_data import populate
from tests.initiatives.factories import InitiativeFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def dashboard(client, world):
    return client.get(reverse("measurement:dashboard", args=[world.initiative.slug]))


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("backbone", True),
        ("facilitator", True),
        ("superuser", True),
        ("partner", False),
        ("viewer", False),
    ],
)
def test_the_dashboard_panel_is_for_those_who_may_see_condition_health(
    client, world, persona, shown
):
    client.force_login(getattr(world, persona))
    response = dashboard(client, world)
    assert response.status_code == 200
    html = response.content.decode()
    assert ('id="health-panel-title"' in html) is shown
    assert (html.count('data-condition="') >= 5) is shown
    if shown:
        assert reverse("backbone:overview", args=[world.initiative.slug]) in html


def _dashboard_queries(client, world):
    with CaptureQueriesContext(connection) as queries:
        assert dashboard(client, world).status_code == 200
    return len(queries)


def test_the_dashboard_with_the_panel_queries_do_not_grow_with_the_data(client, world):
    client.force_login(world.backbone)
    populate(world.initiative, 2, user=world.backbone)
    small = _dashboard_queries(client, world)
    populate(world.initiative, 6, user=world.backbone)
    assert _dashboard_queries(client, world) == small


def follow(user, count, size):
    initiatives = [InitiativeFactory() for _ in range(count)]
    for initiative in initiatives:
        MembershipFactory(user=user, initiative=initiative, role=Role.FACILITATOR)
        populate(initiative, size, user=user)
    return initiatives


def _portfolio(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("measurement:portfolio"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_portfolio_shows_a_condition_health_column(client, world):
    client.force_login(world.facilitator)
    populate(world.initiative, 3, user=world.backbone)
    html, _count = _portfolio(client)
    assert '<th scope="col">Condition health</th>' in html
    overview = reverse("backbone:overview", args=[world.initiative.slug])
    assert f'href="{overview}"' in html
    assert html.count('class="badge') and html.count('data-condition="') == 5
    assert "Common agenda: " in html  # the words beside the shapes


def test_the_portfolio_queries_do_not_grow_with_the_initiatives(client, world):
    client.force_login(world.facilitator)
    follow(world.facilitator, 1, 2)  # with world.initiative: 2 initiatives
    html, small = _portfolio(client)
    assert html.count("health-cell") == 2
    follow(world.facilitator, 4, 4)  # 6
    html, large = _portfolio(client)
    assert html.count("health-cell") == 6
    assert large == small


def test_the_column_holds_only_the_initiatives_the_reader_may_see(world):
    ids = [world.initiative.pk, world.other_initiative.pk]
    assert health_visible(world.facilitator, ids) == [world.initiative.pk]
    assert health_visible(world.partner, ids) == []
    assert health_visible(world.viewer, ids) == []
    assert health_visible(world.superuser, ids) == ids
    assert portfolio_columns(user=world.partner, initiative_ids=ids) == []
    (column,) = portfolio_columns(user=world.backbone, initiative_ids=ids)
    assert list(column["cells"]) == [world.initiative.pk]


def test_a_failing_column_leaves_the_portfolio_whole(client, world, monkeypatch):
    import backbone.selectors.health as health

    def broken(*args, **kwargs):
        raise RuntimeError("down")

    monkeypatch.setattr(health, "condition_health", broken)
    client.force_login(world.facilitator)
    html, _count = _portfolio(client)
    assert "Condition health" not in html
