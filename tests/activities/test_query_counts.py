"""The activity pages read a number of queries that does not grow with the data: the list and
the matrix (with and without filters, and their htmx fragments), one activity, its form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity, ActivityRole, ActivityStatus
from tests.activities.factories import activity
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory

ROLES = list(ActivityRole)
STATUSES = list(ActivityStatus)


def seed(world, strategies) -> None:
    """Three activities that every branch of the pages reads: an overlap of two active leads
    of businesses, which the filters of `measure` find."""
    for organization in (world.partner_org, world.second_org):
        organization.sector = "business"
        organization.save()
    for organization in (world.partner_org, world.second_org):
        activity(
            world,
            strategies[0],
            organization=organization,
            role=ActivityRole.LEAD,
            population="Population 2",
            geography="Region 1",
        )
    activity(world, strategies[1], status=ActivityStatus.PLANNED)


def grow(world, strategies, *, organizations: int, activities: int) -> None:
    """`organizations` more participants, and activities spread over them up to `activities`."""
    orgs = [world.partner_org, world.second_org]
    for i in range(organizations):
        organization = OrganizationFactory(name=f"Org {i:03}", sector="business")
        ParticipationFactory(initiative=world.initiative, organization=organization)
        orgs.append(organization)
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(2)]
    for i in range(activities - Activity.objects.count()):
        activity(
            world,
            strategies[i % len(strategies)],
            organization=orgs[i % len(orgs)],
            title=f"Activity {i}",
            role=ROLES[i % len(ROLES)],
            status=STATUSES[i % len(STATUSES)],
            population=f"Population {i % 3}",
            geography=f"Region {i % 4}",
            indicators=indicators[: i % 3],
        )


def queries(client, url, params=None, headers=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {}, headers=headers or {})
    assert response.status_code == 200, url
    return len(context.captured_queries)


def measure(client, world) -> dict[str, int]:
    slug = world.initiative.slug
    first = Activity.objects.order_by("id").first()
    pages = {
        "list": (reverse("activities:list", args=[slug]), None),
        "list/filtered": (reverse("activities:list", args=[slug]), {"geography": "region 1"}),
        "matrix": (reverse("activities:matrix", args=[slug]), None),
        "matrix/filtered": (
            reverse("activities:matrix", args=[slug]),
            {"status": "active", "sector": "business", "population": "population 2"},
        ),
        "detail": (reverse("activities:detail", args=[slug, first.pk]), None),
        "edit": (reverse("activities:edit", args=[slug, first.pk]), None),
        "create": (reverse("activities:create", args=[slug]), None),
    }
    counts = {}
    for persona in ("backbone", "partner", "viewer"):
        client.force_login(getattr(world, persona))
        for name, (url, params) in pages.items():
            if name in ("edit", "create") and persona == "viewer":
                continue
            counts[f"{name}/{persona}"] = queries(client, url, params)
        matrix = pages["matrix"][0]
        counts[f"matrix/htmx/{persona}"] = queries(
            client, matrix, {"goal": ""}, {"HX-Request": "true"}
        )
    return counts


@pytest.mark.django_db
def test_activity_pages_query_counts_do_not_grow(client, world, strategies):
    """3 activities of 3 organizations, then 60 of 33 (two pages of columns)."""
    seed(world, strategies)
    small = measure(client, world)
    grow(world, strategies, organizations=30, activities=60)
    large = measure(client, world)
    assert large == small
