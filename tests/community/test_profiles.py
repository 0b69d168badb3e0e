"""Opting in and out, the profile form's bad input, and who sees contact details — on the
pages and in the API alike."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from community.models import CohortMember, LeaderProfile
from community.services import profiles as services
from initiatives.models import Role
from tests.personas import member


def test_a_sphere_partner_opts_in_with_their_email_by_default(community):
    made = services.profile_opt_in(
        user=community.leader, role_title="CEO", languages=["he", "ar"], expertise="Youth"
    )
    assert made.contact_email == "leader@example.org"
    assert made.languages == ["he", "ar"]


@pytest.mark.parametrize("persona", ["partner", "viewer", "outsider"])
def test_who_leads_nothing_cannot_opt_in(community, persona):
    with pytest.raises(PermissionDenied):
        services.profile_opt_in(user=getattr(community.world, persona))


def test_opt_out_removes_profile_and_cohort_places(client, community):
    client.force_login(community.world.backbone)
    response = client.post(reverse("community:profile_opt_out"))
    assert response.status_code == 302
    assert not LeaderProfile.objects.filter(user=community.world.backbone).exists()
    assert not CohortMember.objects.filter(profile__user=community.world.backbone).exists()


def test_opt_in_page(client, community):
    client.force_login(community.leader)
    response = client.post(
        reverse("community:profile"),
        {"role_title": "מנכ״לית", "languages": ["he"], "contact_phone": "03-555", "bio": "Hi"},
    )
    assert response.status_code == 302
    profile = LeaderProfile.objects.get(user=community.leader)
    assert profile.role_title == "מנכ״לית"
    assert profile.contact_email == community.leader.email


@pytest.mark.parametrize(
    "data,field",
    [
        ({"languages": ["fr"]}, "languages"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"organization": "99999"}, "organization"),
        ({"bio": "x" * 1001}, "bio"),
        ({"role_title": "x" * 201}, "role_title"),
        ({"contact_phone": "1" * 31}, "contact_phone"),
        ({"expertise": "bad\x00"}, "expertise"),
    ],
)
def test_profile_form_bad_input(client, community, data, field):
    client.force_login(community.leader)
    response = client.post(reverse("community:profile"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not LeaderProfile.objects.filter(user=community.leader).exists()


def test_languages_are_validated_in_the_model(community):
    from django.core.exceptions import ValidationError

    profile = community.world.backbone.leader_profile
    profile.languages = ["en", "en"]
    with pytest.raises(ValidationError):
        profile.full_clean()


# --- contact visibility ---------------------------------------------------------------------

PHONE = "050-1234567"
# Whose contact details a persona sees on the cohort page: ceo is in the cohort.
CONTACT_MATRIX = [
    ("backbone", True),  # a member of the same cohort
    ("facilitator", True),
    ("superuser", True),
    ("other_leader", False),  # a member of another cohort only
]


def _user(community, persona):
    return getattr(community, persona, None) or getattr(community.world, persona)


@pytest.mark.parametrize("persona,shown", CONTACT_MATRIX)
def test_contacts_on_the_cohort_page(client, community, persona, shown):
    client.force_login(_user(community, persona))
    page = client.get(reverse("community:cohort_detail", args=[community.cohort.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert ("ceo@example.org" in text) is shown
    assert (PHONE in text) is shown


@pytest.mark.parametrize("persona,shown", CONTACT_MATRIX)
def test_contacts_in_the_api(community, persona, shown):
    client = APIClient()
    client.force_authenticate(_user(community, persona))
    ceo = community.ceo.leader_profile
    body = client.get(f"/api/v1/community-profiles/{ceo.pk}/").json()
    assert (body["contact_email"] == "ceo@example.org") is shown
    assert (body["contact_phone"] == PHONE) is shown
    listed = client.get("/api/v1/community-profiles/").json()["results"]
    row = next(item for item in listed if item["id"] == ceo.pk)
    assert (row["contact_email"] is not None) is shown
    assert "ceo@example.org" in str(listed) if shown else "ceo@example.org" not in str(listed)


@pytest.mark.parametrize("persona", ["partner", "viewer", "outsider", "leader"])
def test_no_profiles_for_those_outside(community, persona):
    client = APIClient()
    client.force_authenticate(_user(community, persona))
    assert client.get("/api/v1/community-profiles/").json()["count"] == 0
    assert client.get("/api/v1/community-cohorts/").json()["count"] == 0
    ceo = community.ceo.leader_profile
    assert client.get(f"/api/v1/community-profiles/{ceo.pk}/").status_code == 404


def test_profile_shows_what_they_lead(community):
    client = APIClient()
    client.force_authenticate(community.world.facilitator)
    sphere_partner = member("p2@example.org", Role.VIEWER, community.world.initiative)
    assert sphere_partner  # a viewer leads nothing, and is not listed as leading
    ceo = community.ceo.leader_profile
    body = client.get(f"/api/v1/community-profiles/{ceo.pk}/").json()
    assert [item["slug"] for item in body["leads"]] == ["youth"]
    mine = community.world.backbone.leader_profile
    body = client.get(f"/api/v1/community-profiles/{mine.pk}/").json()
    assert [item["slug"] for item in body["leads"]] == ["stem"]
