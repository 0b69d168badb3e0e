"""The membership endpoints: who sees which requests and members, who may act, bad input is a
400 at its field (never a 500), and the lists' queries do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from initiatives.models import Participation
from spheres.models import JoinRequest, JoinRequestStatus
from spheres.services import membership as services
from tests.initiatives.factories import InitiativeFactory, OrganizationFactory, UserFactory

from .conftest import add_member

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/sphere-join-requests/"
MEMBERS = "/api/v1/sphere-members/"


def _as(sw, persona) -> APIClient:
    client = APIClient()
    if persona != "anonymous":
        client.force_authenticate(getattr(sw, persona))
    return client


def _pending(sw, user=None, organization=None):
    return services.join_request_create(
        sphere=sw.sphere,
        organization=organization or sw.candidate_org,
        by=user or sw.outsider,
        ceo_name="Noa Cohen",
        statement="Youth",
    )


def _body(sw, **fields):
    return {
        "sphere": sw.sphere.slug,
        "organization": sw.candidate_org.pk,
        "ceo_name": "Noa Cohen",
        "statement": "We work with youth.",
        **fields,
    }


def test_the_asker_creates_a_request(sw):
    response = _as(sw, "outsider").post(REQUESTS, _body(sw), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "pending"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"organization": "business"}, "organization"),
        ({"organization": "member"}, "organization"),
        ({"organization": 999999}, "organization"),
        ({"organization": "x"}, "organization"),
        ({"ceo_name": ""}, "ceo_name"),
        ({"statement": "x" * 2001}, "statement"),
        ({"statement": None}, "statement"),
        ({"ceo_name": "a\x00b"}, "ceo_name"),
    ],
)
def test_bad_input_is_a_400_at_its_field(sw, fields, field):
    orgs = {"business": sw.business_org.pk, "member": sw.member_org.pk}
    if fields.get("organization") in orgs:
        fields = {**fields, "organization": orgs[fields["organization"]]}
    response = _as(sw, "outsider").post(REQUESTS, _body(sw, **fields), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert not JoinRequest.objects.exists()


def test_a_collective_impact_initiative_is_a_404(sw):
    body = _body(sw, sphere=InitiativeFactory().slug)
    assert _as(sw, "outsider").post(REQUESTS, body, format="json").status_code == 404


def test_anonymous_is_refused(sw):
    assert _as(sw, "anonymous").get(REQUESTS).status_code in (401, 403)
    assert _as(sw, "anonymous").get(MEMBERS).status_code in (401, 403)


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("outsider", True),
        ("facilitator", True),
        ("superuser", True),
        ("ceo", False),
        ("viewer", False),
    ],
)
def test_who_sees_a_request(sw, persona, sees):
    made = _pending(sw)
    ids = [row["id"] for row in _as(sw, persona).get(REQUESTS).json()["results"]]
    assert (made.pk in ids) == sees


@pytest.mark.parametrize(
    "persona, expected",
    [("facilitator", 200), ("superuser", 200), ("outsider", 403), ("ceo", 404), ("viewer", 404)],
)
def test_who_may_accept(sw, persona, expected):
    made = _pending(sw)
    response = _as(sw, persona).post(f"{REQUESTS}{made.pk}/accept/")
    assert response.status_code == expected, response.content
    accepted = JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.ACCEPTED
    assert accepted == (expected == 200)


def test_declining_needs_a_reason_and_only_the_asker_withdraws(sw):
    made = _pending(sw)
    facilitator = _as(sw, "facilitator")
    response = facilitator.post(f"{REQUESTS}{made.pk}/decline/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    assert facilitator.post(f"{REQUESTS}{made.pk}/withdraw/").status_code == 403
    assert (
        _as(sw, "outsider").post(f"{REQUESTS}{made.pk}/decline/", {"reason": "x"}).status_code
        == 403
    )
    assert _as(sw, "outsider").post(f"{REQUESTS}{made.pk}/withdraw/").status_code == 200
    again = facilitator.post(f"{REQUESTS}{made.pk}/accept/")
    assert again.status_code == 400 and "status" in again.json()["errors"]


@pytest.mark.parametrize(
    "persona, count",
    [("ceo", 2), ("viewer", 2), ("facilitator", 2), ("outsider", 0), ("superuser", 2)],
)
def test_who_sees_the_members(sw, persona, count):
    assert _as(sw, persona).get(MEMBERS).json()["count"] == count


def test_a_member_leaves_and_is_listed_as_former(sw):
    mine = Participation.objects.active().get(organization=sw.member_org)
    other = Participation.objects.active().get(organization=sw.other_member_org)
    ceo = _as(sw, "ceo")
    assert ceo.post(f"{MEMBERS}{other.pk}/leave/").status_code == 403
    assert _as(sw, "viewer").post(f"{MEMBERS}{mine.pk}/leave/").status_code == 403
    response = ceo.post(f"{MEMBERS}{mine.pk}/leave/", {"reason": "Merged"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["former"] is True and response.json()["left_reason"] == "Merged"
    rows = {row["id"]: row for row in _as(sw, "facilitator").get(MEMBERS).json()["results"]}
    assert rows[mine.pk]["former"] and rows[mine.pk]["left_on"]
    assert ceo.get(MEMBERS).json()["count"] == 0  # no longer in the sphere


def test_the_lists_queries_do_not_grow_with_the_rows(sw):
    client = _as(sw, "facilitator")
    counts = []
    for n in (1, 6):
        for _i in range(n):
            _pending(sw, user=UserFactory(), organization=OrganizationFactory())
            add_member(sw.sphere, OrganizationFactory(), UserFactory())
        for url in (REQUESTS, MEMBERS):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]
