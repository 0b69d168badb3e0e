"""The membership list pages' queries do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Participation
from spheres.services import membership as services
from tests.initiatives.factories import OrganizationFactory, SphereFactory, UserFactory

from .conftest import add_member

pytestmark = pytest.mark.django_db


def _grow(sw, n):
    for _i in range(n):
        organization = OrganizationFactory()
        SphereFactory()  # another open sphere
        made = services.join_request_create(
            sphere=sw.sphere, organization=organization, by=sw.outsider, ceo_name="N", statement="S"
        )
        if n % 2:
            services.join_request_decline(request=made, by=sw.facilitator, reason="Not now")
        else:
            services.join_request_withdraw(request=made, by=sw.outsider)
        services.join_request_create(
            sphere=sw.sphere,
            organization=OrganizationFactory(),
            by=UserFactory(),
            ceo_name="M",
            statement="T",
        )
        former = add_member(sw.sphere, OrganizationFactory(), UserFactory())
        services.membership_end(participation=former, by=sw.facilitator, reason="Gone")
        add_member(sw.sphere, OrganizationFactory(), UserFactory())


@pytest.mark.parametrize(
    "persona, page",
    [
        ("outsider", "sphere_list"),
        ("outsider", "my_requests"),
        ("facilitator", "requests"),
        ("facilitator", "members"),
        ("ceo", "members"),
    ],
)
def test_list_pages(client, sw, persona, page):
    client.force_login(getattr(sw, persona))
    if page in ("sphere_list", "my_requests"):
        url = reverse(f"spheres:{page}")
    else:
        url = reverse(f"spheres:{page}", args=[sw.sphere.slug])
    counts = []
    for n in (1, 6):
        _grow(sw, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Participation.objects.filter(initiative=sw.sphere, left_on__isnull=False).exists()
