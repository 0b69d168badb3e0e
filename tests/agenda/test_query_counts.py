"""The agenda pages read a number of queries that does not grow with the agenda's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda import services
from agenda.models import AgendaVersion
from initiatives.models import Role
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.personas import member


def cycle(world, n: int, start: int) -> AgendaVersion:
    """A version with `n` more goals of two strategies, `n` comments and `n` endorsements."""
    user, initiative = world.backbone, world.initiative
    version = services.version_draft_start(user=user, initiative=initiative)
    services.version_sections_save(user=user, version=version, vision=f"Vision {start}")
    for g in range(n):
        goal = services.goal_save(user=user, initiative=initiative, title=f"Goal {start + g}")
        for s in range(2):
            services.strategy_save(user=user, goal=goal, title=f"Strategy {start + g}.{s}")
    version = services.version_open_for_comment(user=user, version=version)
    for i in range(n):
        services.comment_add(user=world.partner, version=version, section="vision", text=f"c{i}")
    version = services.version_adopt(user=user, version=version)
    for i in range(n):
        organization = OrganizationFactory(name=f"Org {start + i}")
        ParticipationFactory(initiative=initiative, organization=organization)
        partner = member(f"p{start + i}@example.org", Role.PARTNER, initiative, organization)
        services.endorsement_save(user=partner, version=version, decision="endorsed")
    return version


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(context.captured_queries)


def measure(client, world, version) -> dict[str, int]:
    slug = world.initiative.slug
    counts = {}
    for persona in ("backbone", "partner"):
        client.force_login(getattr(world, persona))
        counts[f"agenda/{persona}"] = queries(client, reverse("agenda:agenda", args=[slug]))
    counts["versions"] = queries(client, reverse("agenda:version_list", args=[slug]))
    detail = reverse("agenda:version_detail", args=[slug, version.number])
    counts["version"] = queries(client, detail)
    counts["print"] = queries(client, reverse("agenda:print", args=[slug, version.number]))
    compare = reverse("agenda:compare", args=[slug])
    counts["compare"] = queries(client, compare, {"old": 1, "new": version.number})
    client.force_login(world.backbone)
    services.version_draft_start(user=world.backbone, initiative=world.initiative)
    counts["editor"] = queries(client, reverse("agenda:editor", args=[slug]))
    AgendaVersion.objects.filter(initiative=world.initiative, state="draft").delete()
    return counts


@pytest.mark.django_db
def test_agenda_pages_query_counts_do_not_grow(client, world):
    small = measure(client, world, cycle(world, 2, 0))
    cycle(world, 3, 100)
    large = measure(client, world, cycle(world, 12, 200))
    assert large == small
