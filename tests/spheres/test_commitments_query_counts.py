"""The commitment pages' and endpoints' queries do not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from spheres.services import commitments as services
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.spheres.commitments_world import build, commitment


@pytest.fixture
def w(db):
    return build()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(w, n, start):
    for i in range(start, start + n):
        made = commitment(w, title=f"c{i}", review_on=timezone.localdate() + timedelta(days=i))
        services.commitment_answer(commitment=made, answer="in", by=w.partner)
        services.commitment_report(commitment=made, progress="done", by=w.partner)
        services.commitment_answer(commitment=made, answer="declined", by=w.second_partner)
        ParticipationFactory(initiative=w.sphere, organization=OrganizationFactory())
    return made


@pytest.mark.parametrize("persona", ["facilitator", "partner"])
def test_list_and_detail(client, w, persona):
    client.force_login(getattr(w, persona))
    lists, details = [], []
    for n, start in ((1, 0), (6, 10)):
        made = _grow(w, n, start)
        lists.append(_count(client, reverse("spheres:commitment_list", args=["sphere"])))
        details.append(
            _count(client, reverse("spheres:commitment_detail", args=["sphere", made.pk]))
        )
    assert lists[0] == lists[1]
    assert details[0] == details[1]


def test_api_lists(w):
    api = APIClient()
    api.force_authenticate(w.partner)
    counts = []
    for n, start in ((1, 0), (6, 10)):
        _grow(w, n, start)
        with CaptureQueriesContext(connection) as first:
            assert api.get("/api/v1/sphere-commitments/").status_code == 200
        with CaptureQueriesContext(connection) as second:
            assert api.get("/api/v1/commitment-answers/").status_code == 200
        counts.append((len(first), len(second)))
    assert counts[0] == counts[1]
