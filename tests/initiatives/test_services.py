import pytest
from django.core.exceptions import ValidationError

from initiatives import services
from initiatives.models import Membership, Organization, Participation, Role


def test_organization_create_normalizes_and_saves(db):
    organization = services.organization_create(name="  מרכז   מצוינות ", sector="nonprofit")
    assert Organization.objects.get(pk=organization.pk).name == "מרכז מצוינות"


def test_organization_create_refuses_a_duplicate_name_at_the_field(world):
    with pytest.raises(ValidationError) as error:
        services.organization_create(name="MASAR", sector="nonprofit")
    assert list(error.value.message_dict) == ["name"]


def test_participation_add_refuses_an_active_participant(world):
    with pytest.raises(ValidationError) as error:
        services.participation_add(
            initiative=world.initiative, organization=world.partner_org, role="partner"
        )
    assert "organization" in error.value.message_dict
    assert Participation.objects.filter(organization=world.partner_org).count() == 1


def test_participation_end_removes_the_organizations_representatives(world):
    participation = Participation.objects.get(
        initiative=world.initiative, organization=world.partner_org
    )
    services.participation_end(participation=participation)
    participation.refresh_from_db()
    assert participation.left_on is not None
    assert not Membership.objects.filter(user=world.partner, initiative=world.initiative).exists()
    assert Membership.objects.filter(user=world.viewer, initiative=world.initiative).exists()


def test_accepting_updates_an_existing_membership_instead_of_duplicating(world):
    membership = Membership.objects.get(user=world.viewer, initiative=world.initiative)
    membership.delete()
    _invitation, token = services.invitation_create(
        initiative=world.initiative,
        email=world.viewer.email,
        role=Role.BACKBONE_STAFF,
        invited_by=world.backbone,
    )
    result = services.invitation_accept(token=token, user=world.viewer)
    assert result.role == Role.BACKBONE_STAFF
    assert Membership.objects.filter(user=world.viewer).count() == 1


def test_accept_with_a_weak_password_creates_nothing(world):
    _invitation, token = services.invitation_create(
        initiative=world.initiative,
        email="x@example.org",
        role=Role.VIEWER,
        invited_by=world.backbone,
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, full_name="X", password="123")
    assert not Membership.objects.filter(user__email="x@example.org").exists()
