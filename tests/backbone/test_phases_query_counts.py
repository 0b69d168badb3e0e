"""The phases page and the API lists read a number of queries that does not grow with the
checklist, the checks or the history (two sizes)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backbone.models import PhaseItem
from backbone.services import phases as services
from initiatives.models import Initiative
from tests.initiatives.factories import UserFactory
from tests.personas import api_client_as

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/phase-items/?page_size=100",
    "/api/v1/phase-checks/?page_size=100",
    "/api/v1/phase-changes/?page_size=100",
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def grow(world, n: int, start: int) -> None:
    """n more items (each checked, by different people) and n more phase changes."""
    for i in range(start, start + n):
        extra = PhaseItem.objects.create(
            key=f"extra-{i}", phase=i % 4, component="planning", order=10 + i, text=f"Extra {i}"
        )
        services.phase_check(
            initiative=world.initiative, item=extra, done=i % 2 == 0, by=world.backbone
        )
        staff = UserFactory()
        world.initiative.memberships.create(user=staff, role="backbone_staff")
        current = Initiative.objects.get(pk=world.initiative.pk).phase
        services.phase_change(initiative=world.initiative, to_phase=(current + 1) % 4, by=staff)
        services.phase_check(
            initiative=world.initiative,
            item=PhaseItem.objects.order_by("pk")[i % 32],
            done=True,
            evidence=f"Evidence {i}",
            by=staff,
        )


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", ["backbone", "viewer"])
def test_the_page_is_flat(client, world, persona):
    url = reverse("backbone:phases", args=[world.initiative.slug])
    client.force_login(getattr(world, persona))
    grow(world, 2, 0)
    small = queries(client, url)
    grow(world, 12, 2)
    assert queries(client, url) == small


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_the_api_lists_are_flat(world, persona):
    client = api_client_as(world, persona)
    client.get(LISTS[0])  # a token's first use is recorded once (not a cost of the data)
    grow(world, 2, 0)
    small = [queries(client, url) for url in LISTS]
    grow(world, 12, 2)
    assert [queries(client, url) for url in LISTS] == small
