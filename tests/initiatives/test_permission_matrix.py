"""Every page and action × every persona: the allowed get 200/302, the others 403 or 404."""

import pytest
from django.urls import reverse

from initiatives.models import Invitation, Organization, Participation, Role
from tests.initiatives.factories import OrganizationFactory
from tests.personas import PERSONAS, check, login_as

# What each persona gets; "login" is the redirect of an anonymous visitor to the sign-in page.
READ_INITIATIVE = {
    "backbone": 200,
    "partner": 200,
    "other_partner": 404,
    "facilitator": 200,
    "viewer": 200,
    "outsider": 404,
    "superuser": 200,
    "anonymous": "login",
}
MANAGE_INITIATIVE = {
    "backbone": 302,
    "partner": 403,
    "other_partner": 404,
    "facilitator": 403,
    "viewer": 403,
    "outsider": 404,
    "superuser": 302,
    "anonymous": "login",
}
ANY_MEMBER = dict.fromkeys(PERSONAS, 200) | {"anonymous": "login"}
ORGANIZATION_CREATORS = {
    "backbone": 200,
    "partner": 403,
    "other_partner": 403,
    "facilitator": 200,
    "viewer": 403,
    "outsider": 403,
    "superuser": 200,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_initiatives(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:my_initiatives"))
    check(response, ANY_MEMBER[persona])
    if persona in {"backbone", "partner", "facilitator", "viewer"}:
        assert world.initiative.name in response.text
        assert world.other_initiative.name not in response.text
    if persona == "other_partner":
        assert world.other_initiative.name in response.text
        assert world.initiative.name not in response.text
    if persona == "outsider":
        assert world.initiative.name not in response.text
        assert world.other_initiative.name not in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_initiative_page(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:detail", args=[world.initiative.slug]))
    check(response, READ_INITIATIVE[persona])
    if response.status_code == 200:
        assert world.partner_org.name in response.text
        if persona != "superuser":  # who may place it inside any initiative (the parent form)
            assert world.other_initiative.name not in response.text
        if MANAGE_INITIATIVE[persona] != 302:  # managers pick from the whole directory
            assert world.other_org.name not in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_management_forms_are_shown_only_to_managers(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:detail", args=[world.initiative.slug]))
    if response.status_code != 200:
        return
    manages = MANAGE_INITIATIVE[persona] == 302
    url = reverse("initiatives:participation_add", args=[world.initiative.slug])
    assert (url in response.text) is manages
    assert (world.partner.email in response.text) is (
        persona in {"backbone", "facilitator", "superuser"}
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_organization_directory_is_scoped(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:organization_list"))
    check(response, ANY_MEMBER[persona])
    if persona in {"partner", "viewer"}:
        assert world.partner_org.name in response.text
        assert world.other_org.name not in response.text
    if persona == "other_partner":
        assert world.other_org.name in response.text
        assert world.partner_org.name not in response.text
    if persona == "outsider":
        assert world.partner_org.name not in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_organization_page(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:organization_detail", args=[world.partner_org.pk]))
    expected = READ_INITIATIVE[persona]
    check(response, expected)
    if response.status_code == 200 and persona != "superuser":
        assert world.other_initiative.name not in response.text


def test_organization_page_lists_only_visible_initiatives(client, world):
    from tests.initiatives.factories import ParticipationFactory

    ParticipationFactory(initiative=world.other_initiative, organization=world.partner_org)
    client.force_login(world.partner)
    response = client.get(reverse("initiatives:organization_detail", args=[world.partner_org.pk]))
    assert world.initiative.name in response.text
    assert world.other_initiative.name not in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_organization_page(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:organization_create"))
    check(response, ORGANIZATION_CREATORS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_organization(client, world, persona):
    login_as(client, world, persona)
    response = client.post(
        reverse("initiatives:organization_create"), {"name": "New org", "sector": "business"}
    )
    expected = ORGANIZATION_CREATORS[persona]
    check(response, 302 if expected == 200 else expected)
    assert Organization.objects.filter(name="New org").exists() is (expected == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_add_participant(client, world, persona):
    newcomer = OrganizationFactory(name="Newcomer")
    login_as(client, world, persona)
    response = client.post(
        reverse("initiatives:participation_add", args=[world.initiative.slug]),
        {"organization": newcomer.pk, "role": "partner", "joined_on": "2024-01-01"},
    )
    check(response, MANAGE_INITIATIVE[persona])
    added = Participation.objects.filter(organization=newcomer, initiative=world.initiative)
    assert added.exists() is (MANAGE_INITIATIVE[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_end_participation(client, world, persona):
    participation = Participation.objects.get(
        initiative=world.initiative, organization=world.second_org
    )
    login_as(client, world, persona)
    response = client.post(
        reverse("initiatives:participation_end", args=[world.initiative.slug, participation.pk])
    )
    check(response, MANAGE_INITIATIVE[persona])
    participation.refresh_from_db()
    assert (participation.left_on is not None) is (MANAGE_INITIATIVE[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_invite(client, world, persona, eager_celery, mailoutbox):
    login_as(client, world, persona)
    response = client.post(
        reverse("initiatives:invitation_create", args=[world.initiative.slug]),
        {"email": "new@example.org", "role": Role.VIEWER},
    )
    check(response, MANAGE_INITIATIVE[persona])
    allowed = MANAGE_INITIATIVE[persona] == 302
    assert Invitation.objects.filter(email="new@example.org").exists() is allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_withdraw_invitation(client, world, persona):
    from initiatives import services

    invitation, _token = services.invitation_create(
        initiative=world.initiative,
        email="new@example.org",
        role=Role.VIEWER,
        invited_by=world.backbone,
    )
    login_as(client, world, persona)
    response = client.post(
        reverse("initiatives:invitation_revoke", args=[world.initiative.slug, invitation.pk])
    )
    check(response, MANAGE_INITIATIVE[persona])
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) is (MANAGE_INITIATIVE[persona] == 302)


def test_an_object_of_another_initiative_is_404_even_for_its_manager(client, world):
    other = Participation.objects.get(initiative=world.other_initiative)
    client.force_login(world.backbone)
    response = client.post(
        reverse("initiatives:participation_end", args=[world.initiative.slug, other.pk])
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.left_on is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_is_for_superusers_only(client, world, persona):
    login_as(client, world, persona)
    response = client.get(reverse("admin:initiatives_initiative_changelist"))
    if persona == "superuser":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response.url
