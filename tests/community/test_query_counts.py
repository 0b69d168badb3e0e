"""The library and a cohort's page answer in a number of queries that does not grow with the
data (and the API's lists likewise)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from community.models import CohortMember
from initiatives.models import Role
from tests.community.factories import profile, resource
from tests.community.test_cohorts import meeting
from tests.initiatives.factories import SphereFactory
from tests.personas import member


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


def _resources(n, start):
    for i in range(start, start + n):
        resource(f"Measurement guide {i}", description="shared", phase=i % 4)
        resource(f"Document {i}", kind="document", condition="backbone")


@pytest.mark.parametrize("query", ["", "?q=measurement", "?condition=backbone&kind=document"])
def test_library(client, community, query):
    client.force_login(community.world.backbone)
    counts = []
    for n, start in ((1, 0), (12, 100)):
        _resources(n, start)
        counts.append(_count(client, reverse("community:resource_list") + query))
    assert counts[0] == counts[1]


def _leaders(community, n, start):
    for i in range(start, start + n):
        sphere = SphereFactory(slug=f"s{i}")
        user = member(f"lead{i}@example.org", Role.PARTNER, sphere, community.world.second_org)
        CohortMember.objects.create(
            cohort=community.cohort, profile=profile(user, languages=["he"])
        )
        meeting(community.world.initiative, title=f"Session {i}")


@pytest.mark.parametrize("persona", ["backbone", "facilitator", "other_leader"])
def test_cohort_detail(client, community, persona):
    client.force_login(getattr(community, persona, None) or getattr(community.world, persona))
    url = reverse("community:cohort_detail", args=[community.cohort.pk])
    counts = []
    for n, start in ((1, 0), (8, 100)):
        _leaders(community, n, start)
        counts.append(_count(client, url))
    assert counts[0] == counts[1]


def test_home_and_cohort_list(client, community):
    client.force_login(community.world.backbone)
    counts = {"home": [], "list": []}
    for n, start in ((1, 0), (6, 100)):
        _leaders(community, n, start)
        _resources(n, start)
        counts["home"].append(_count(client, reverse("community:home")))
        counts["list"].append(_count(client, reverse("community:cohort_list")))
    assert counts["home"][0] == counts["home"][1]
    assert counts["list"][0] == counts["list"][1]


@pytest.mark.parametrize("path", ["community-cohorts", "community-profiles", "community-resources"])
def test_api_lists(community, path):
    client = APIClient()
    client.force_authenticate(community.world.facilitator)
    client.get(f"/api/v1/{path}/")  # the policy keeps its answers on this user object
    counts = []
    for n, start in ((1, 0), (6, 100)):
        _leaders(community, n, start)
        _resources(n, start)
        counts.append(_count(client, f"/api/v1/{path}/"))
    assert counts[0] == counts[1]
