"""Bad input on every form: the page again, the message at its field, nothing saved."""

import pytest
from django.urls import reverse

from initiatives.models import Invitation, Organization, Participation, Role
from tests.initiatives.factories import OrganizationFactory, SphereFactory


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "", "sector": "nonprofit"}, "name"),
        ({"name": "   ", "sector": "nonprofit"}, "name"),
        ({"name": "X", "sector": "church"}, "sector"),
        ({"name": "X", "sector": "nonprofit", "website": "not a url"}, "website"),
        (
            {"name": "X", "sector": "nonprofit", "registration_number": "12345"},
            "registration_number",
        ),
        (
            {"name": "X", "sector": "nonprofit", "registration_number": "580000011"},
            "registration_number",
        ),
        ({"name": "X" * 201, "sector": "nonprofit"}, "name"),
        ({"name": "masar", "sector": "nonprofit"}, "name"),  # exists, whatever the case
    ],
)
def test_register_organization_bad_input(client, world, data, field):
    client.force_login(world.backbone)
    before = Organization.objects.count()
    response = client.post(reverse("initiatives:organization_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.text
    assert Organization.objects.count() == before


def test_register_organization_with_a_taken_registration_number(client, world):
    OrganizationFactory(registration_number="580000016")
    client.force_login(world.backbone)
    response = client.post(
        reverse("initiatives:organization_create"),
        {"name": "Y", "sector": "nonprofit", "registration_number": "580000016"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["registration_number"]
    assert not Organization.objects.filter(name="Y").exists()


def test_register_organization_redirects_only_to_a_local_next(client, world):
    client.force_login(world.backbone)
    response = client.post(
        reverse("initiatives:organization_create") + "?next=//evil.example.org/",
        {"name": "Local", "sector": "academia"},
    )
    assert response.status_code == 302
    assert not response.url.startswith("//")


@pytest.mark.parametrize(
    "data, field",
    [
        ({"organization": "", "role": "partner", "joined_on": "2024-01-01"}, "organization"),
        ({"organization": "999999", "role": "partner", "joined_on": "2024-01-01"}, "organization"),
        ({"organization": "abc", "role": "partner", "joined_on": "2024-01-01"}, "organization"),
        ({"organization": "NEW", "role": "boss", "joined_on": "2024-01-01"}, "role"),
        ({"organization": "NEW", "role": "partner", "joined_on": "yesterday"}, "joined_on"),
        ({"organization": "NEW", "role": "partner", "joined_on": "2999-01-01"}, "joined_on"),
        ({"organization": "MASAR", "role": "partner", "joined_on": "2024-01-01"}, "organization"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_add_participant_bad_input(client, world, data, field, htmx):
    newcomer = OrganizationFactory(name="Newcomer")
    data = dict(data)
    data["organization"] = {"NEW": newcomer.pk, "MASAR": world.partner_org.pk}.get(
        data["organization"], data["organization"]
    )
    client.force_login(world.backbone)
    before = Participation.objects.count()
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(
        reverse("initiatives:participation_add", args=[world.initiative.slug]),
        data,
        headers=headers,
    )
    assert response.status_code == (422 if htmx else 400)
    assert response.context["participation_form"].errors[field]
    assert f'id="participation_{field}_error"' in response.text
    assert ("<html" in response.text) is not htmx  # htmx gets the fragment only
    assert Participation.objects.count() == before


def test_add_participant_through_htmx_returns_the_updated_list(client, world):
    newcomer = OrganizationFactory(name="Newcomer")
    client.force_login(world.backbone)
    response = client.post(
        reverse("initiatives:participation_add", args=[world.initiative.slug]),
        {"organization": newcomer.pk, "role": "funder", "joined_on": "2024-01-01"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="participants"' in response.text
    assert "Newcomer" in response.text
    assert "now takes part" in response.text


def test_a_sphere_offers_and_accepts_only_nonprofits(client, world):
    from tests.initiatives.factories import MembershipFactory

    sphere = SphereFactory(slug="sphere")
    MembershipFactory(user=world.facilitator, initiative=sphere, role=Role.FACILITATOR)
    business = OrganizationFactory(name="A business", sector="business")
    client.force_login(world.facilitator)
    page = client.get(reverse("initiatives:detail", args=["sphere"]))
    assert "A business" not in page.text
    response = client.post(
        reverse("initiatives:participation_add", args=["sphere"]),
        {"organization": business.pk, "role": "partner", "joined_on": "2024-01-01"},
    )
    assert response.status_code == 400
    assert not Participation.objects.filter(initiative=sphere).exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"email": "", "role": Role.VIEWER}, "email"),
        ({"email": "not-an-email", "role": Role.VIEWER}, "email"),
        ({"email": "a@example.org", "role": "king"}, "role"),
        ({"email": "a@example.org", "role": Role.PARTNER}, "organization"),
        ({"email": "a@example.org", "role": Role.VIEWER, "organization": "MASAR"}, "organization"),
        ({"email": "a@example.org", "role": Role.PARTNER, "organization": "OTHER"}, "organization"),
        ({"email": "viewer@example.org", "role": Role.VIEWER}, "email"),  # already a member
    ],
)
def test_invite_bad_input(client, world, data, field):
    data = dict(data)
    if "organization" in data:
        data["organization"] = {"MASAR": world.partner_org.pk, "OTHER": world.other_org.pk}[
            data["organization"]
        ]
    client.force_login(world.backbone)
    response = client.post(
        reverse("initiatives:invitation_create", args=[world.initiative.slug]), data
    )
    assert response.status_code == 400
    assert response.context["invitation_form"].errors[field]
    assert f'id="invitation_{field}_error"' in response.text
    assert not Invitation.objects.exists()


def test_login_with_a_wrong_password_shows_an_error(client, world):
    response = client.post(reverse("login"), {"username": world.partner.email, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_organization_search_ignores_an_unknown_sector_and_long_queries(client, world):
    client.force_login(world.partner)
    response = client.get(
        reverse("initiatives:organization_list"), {"sector": "bogus", "q": "x" * 5000, "page": "z"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_actions_accept_only_post(client, world, method):
    client.force_login(world.backbone)
    url = reverse("initiatives:participation_add", args=[world.initiative.slug])
    assert getattr(client, method)(url).status_code == 405


def test_a_nul_byte_in_the_search_is_harmless(client, world):
    client.force_login(world.partner)
    response = client.get(reverse("initiatives:organization_list"), {"q": "Ma\x00sar"})
    assert response.status_code == 200


def test_sign_in_ignores_the_case_of_the_email(client, world):
    from tests.initiatives.factories import PASSWORD

    response = client.post(
        reverse("login"), {"username": world.partner.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.partner.pk)


def test_marking_as_left_a_participation_that_starts_in_the_future_works(client, world):
    participation = Participation.objects.get(
        initiative=world.initiative, organization=world.second_org
    )
    Participation.objects.filter(pk=participation.pk).update(joined_on="2999-01-01")
    client.force_login(world.backbone)
    response = client.post(
        reverse("initiatives:participation_end", args=[world.initiative.slug, participation.pk])
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert str(participation.left_on) == "2999-01-01"
