"""Sphere membership in Django admin: through the services, with their refusals."""

import pytest
from django.urls import reverse

from initiatives.models import Participation, Role
from spheres.models import JoinRequest, JoinRequestStatus, ParentSeat, SphereMember
from spheres.services import membership as services
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _pending(sw):
    return services.join_request_create(
        sphere=sw.sphere, organization=sw.candidate_org, by=sw.outsider, ceo_name="N", statement="S"
    )


@pytest.mark.parametrize("model", ["joinrequest", "spheremember", "parentseat"])
def test_the_lists_open_for_the_superuser_only(client, sw, model):
    _pending(sw)
    url = reverse(f"admin:spheres_{model}_changelist")
    client.force_login(sw.facilitator)
    assert client.get(url).status_code == 302  # to the admin's login
    client.force_login(sw.superuser)
    assert client.get(url).status_code == 200


def test_accept_by_the_action(client, sw):
    made = _pending(sw)
    client.force_login(sw.superuser)
    url = reverse("admin:spheres_joinrequest_changelist")
    client.post(url, {"action": "accept_requests", "_selected_action": [made.pk]})
    assert JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.ACCEPTED
    response = client.post(
        url, {"action": "accept_requests", "_selected_action": [made.pk]}, follow=True
    )
    assert "already answered" in response.content.decode()


def test_decline_from_the_page_with_a_reason(client, sw):
    made = _pending(sw)
    client.force_login(sw.superuser)
    url = reverse("admin:spheres_joinrequest_change", args=[made.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"decline_reason": "Not our issue"}).status_code == 302
    declined = JoinRequest.objects.get(pk=made.pk)
    assert (declined.status, declined.decided_by) == ("declined", sw.superuser)


def test_end_a_membership_by_the_action(client, sw):
    member = SphereMember.objects.get(participation__organization=sw.member_org)
    client.force_login(sw.superuser)
    url = reverse("admin:spheres_spheremember_changelist")
    client.post(url, {"action": "end_memberships", "_selected_action": [member.pk]})
    assert Participation.objects.get(pk=member.participation_id).left_on is not None


def test_seat_through_the_service(client, sw):
    parent = InitiativeFactory()
    sw.sphere.parent = parent
    sw.sphere.save()
    client.force_login(sw.superuser)
    url = reverse("admin:spheres_parentseat_add")
    assert client.get(url).status_code == 200
    data = {
        "sphere": sw.sphere.pk,
        "organization": sw.member_org.pk,
        "representative": sw.other_ceo.pk,
    }
    response = client.post(url, data)
    assert (
        response.status_code == 200
        and "representative" in response.context["adminform"].form.errors
    )
    data["representative"] = sw.ceo.pk
    assert client.post(url, data).status_code == 302
    assert ParentSeat.objects.get().participation.initiative == parent
    assert sw.ceo.memberships.get(initiative=parent).role == Role.PARTNER
