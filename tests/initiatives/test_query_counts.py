"""Pages answer with a number of queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Role
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)


def grow(world, n):
    """Add n initiatives the backbone belongs to, and n participants and members to each."""
    for _ in range(n):
        initiative = InitiativeFactory()
        MembershipFactory(user=world.backbone, initiative=initiative, role=Role.VIEWER)
        for _ in range(3):
            ParticipationFactory(initiative=initiative)
    for i in range(n):
        organization = OrganizationFactory(sector=["business", "academia", "community"][i % 3])
        ParticipationFactory(initiative=world.initiative, organization=organization)
        MembershipFactory(
            user=UserFactory(),
            initiative=world.initiative,
            role=Role.PARTNER,
            organization=organization,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("initiatives:my_initiatives"),
        reverse("initiatives:detail", args=["stem"]),
        reverse("initiatives:organization_list"),
        reverse("initiatives:organization_list") + "?q=Org&sector=business",
    ],
)
def test_query_count_does_not_grow(client, world, url):
    client.force_login(world.backbone)
    grow(world, 3)
    small = count_queries(client, url)
    grow(world, 30)
    large = count_queries(client, url)
    assert large == small, f"{small} queries with little data, {large} with more"


def test_organization_page_query_count_does_not_grow(client, world):
    client.force_login(world.backbone)
    url = reverse("initiatives:organization_detail", args=[world.partner_org.pk])
    small = count_queries(client, url)
    for _ in range(20):
        initiative = InitiativeFactory()
        MembershipFactory(user=world.backbone, initiative=initiative, role=Role.VIEWER)
        ParticipationFactory(initiative=initiative, organization=world.partner_org)
    assert count_queries(client, url) == small
