"""The community in Django admin: written through the services, with history."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from community.models import Cohort, CohortMember, Resource
from tests.community.factories import pdf, resource


@pytest.fixture
def admin_client(client, community):
    client.force_login(community.world.superuser)
    return client


@pytest.mark.parametrize("model", ["leaderprofile", "cohort", "cohortmember", "resource"])
def test_lists_and_history(admin_client, community, model):
    assert admin_client.get(reverse(f"admin:community_{model}_changelist")).status_code == 200
    obj = {
        "leaderprofile": community.world.backbone.leader_profile,
        "cohort": community.cohort,
        "cohortmember": community.cohort.members.first(),
        "resource": resource(),
    }[model]
    url = reverse(f"admin:community_{model}_history", args=[obj.pk])
    assert admin_client.get(url).status_code == 200


def test_add_a_cohort_through_the_service(admin_client, community):
    data = {
        "name": "Admin cohort",
        "name_he": "מחזור",
        "description": "",
        "starts_on": "2027-01-01",
        "ends_on": "2027-03-01",
        "language": "",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:community_cohort_add"), data)
    assert response.status_code == 302, response.content[:2000]
    made = Cohort.objects.get(name="Admin cohort")
    assert made.created_by == community.world.superuser
    assert made.version("name", "he") == "מחזור"
    assert LogEntry.objects.filter(object_id=str(made.pk)).exists()


def test_a_cohort_ending_before_it_starts_is_an_error_at_the_field(admin_client, community):
    data = {
        "name": "Bad",
        "starts_on": "2027-03-01",
        "ends_on": "2027-01-01",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:community_cohort_add"), data)
    assert response.status_code == 200
    assert "ends_on" in response.context["adminform"].form.errors


def test_add_a_resource_checks_its_file(admin_client, community):
    url = reverse("admin:community_resource_add")
    data = {"title": "Doc", "kind": "document", "condition": "general", "file": pdf("x.exe")}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    data["file"] = pdf("x.pdf")
    assert admin_client.post(url, data).status_code == 302
    assert Resource.objects.get(title="Doc").file_name == "x.pdf"


def test_add_a_member_once(admin_client, community):
    url = reverse("admin:community_cohortmember_add")
    taken = community.cohort.members.first().profile
    response = admin_client.post(url, {"cohort": community.cohort.pk, "profile": taken.pk})
    assert response.status_code == 200
    other = community.other_cohort.members.first().profile
    response = admin_client.post(url, {"cohort": community.cohort.pk, "profile": other.pk})
    assert response.status_code == 302
    assert CohortMember.objects.filter(cohort=community.cohort, profile=other).exists()
