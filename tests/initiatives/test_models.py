"""The database refuses what the model forbids, even when clean() is bypassed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives.models import (
    Initiative,
    InitiativeKind,
    Membership,
    Organization,
    Participation,
    Role,
    Sector,
    User,
)
from initiatives.validators import israeli_check_digit_ok, validate_registration_number
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    SphereFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_email_is_unique_whatever_its_case():
    UserFactory(email="noa@example.org")
    refused(lambda: User.objects.create(email="NOA@example.org"))


def test_create_user_lowercases_the_email_and_needs_one():
    user = User.objects.create_user("Noa@Example.ORG", "pw-long-enough-1")
    assert user.email == "noa@example.org"
    assert user.check_password("pw-long-enough-1")
    with pytest.raises(ValueError):
        User.objects.create_user("", "x")


def test_create_superuser_is_staff_and_superuser():
    admin = User.objects.create_superuser("root@example.org", "pw-long-enough-1")
    assert admin.is_staff and admin.is_superuser


def test_organization_name_is_unique_whatever_its_case():
    OrganizationFactory(name="שיתופים")
    OrganizationFactory(name="Masar")
    refused(lambda: Organization.objects.create(name="MASAR", sector=Sector.NONPROFIT))
    refused(lambda: Organization.objects.create(name="שיתופים", sector=Sector.NONPROFIT))


def test_organization_sector_must_be_known():
    refused(lambda: Organization.objects.create(name="X", sector="church"))


def test_organization_name_cannot_be_empty():
    refused(lambda: Organization.objects.create(name="", sector=Sector.BUSINESS))


def test_registration_number_is_unique_but_optional():
    OrganizationFactory(registration_number="580000016")
    OrganizationFactory(registration_number="")
    OrganizationFactory(registration_number="")
    refused(lambda: OrganizationFactory(registration_number="580000016"))


@pytest.mark.parametrize("number", ["580000016", "520000118", "000000018"])
def test_valid_registration_numbers(number):
    assert israeli_check_digit_ok(number)
    validate_registration_number(number)


@pytest.mark.parametrize(
    "number", ["580000011", "58000001", "5800000160", "58-000001", "٥٨٠٠٠٠٠١٠"]
)
def test_invalid_registration_numbers(number):
    with pytest.raises(ValidationError):
        validate_registration_number(number)


def test_organization_name_in_any_script_is_kept_and_trimmed():
    organization = Organization(name="  جمعية   مسار  ", sector=Sector.NONPROFIT)
    organization.full_clean()
    assert organization.name == "جمعية مسار"


def test_collective_impact_needs_a_backbone():
    refused(
        lambda: Initiative.objects.create(
            name="X", slug="x", kind=InitiativeKind.COLLECTIVE_IMPACT, social_issue="y"
        )
    )
    with pytest.raises(ValidationError) as error:
        Initiative(
            name="X", slug="x", kind=InitiativeKind.COLLECTIVE_IMPACT, social_issue="y"
        ).full_clean()
    assert "backbone" in error.value.message_dict


def test_a_sphere_needs_no_backbone():
    sphere = SphereFactory()
    assert sphere.backbone is None and sphere.is_sphere


def test_initiative_slug_is_unique():
    InitiativeFactory(slug="five-by-two")
    refused(lambda: InitiativeFactory(slug="five-by-two"))


def test_a_chapter_or_a_sphere_can_run_inside_a_collective_impact_initiative():
    parent = InitiativeFactory()
    chapter = InitiativeFactory(parent=parent)
    sphere = SphereFactory(parent=chapter)
    chapter.full_clean()
    sphere.full_clean()
    assert sphere.ancestor_ids() == [chapter.pk, parent.pk]
    assert set(parent.children.all()) == {chapter}


def test_an_initiative_cannot_run_inside_its_own_child():
    parent = InitiativeFactory()
    child = InitiativeFactory(parent=parent)
    grandchild = InitiativeFactory(parent=child)
    parent.parent = grandchild
    with pytest.raises(ValidationError) as error:
        parent.full_clean()
    assert "parent" in error.value.message_dict


def test_the_parent_must_be_a_collective_impact_initiative():
    outer_sphere = SphereFactory()
    with pytest.raises(ValidationError) as error:
        SphereFactory.build(parent=outer_sphere).full_clean()
    assert "parent" in error.value.message_dict


def test_an_initiative_cannot_be_its_own_parent():
    sphere = SphereFactory()
    sphere.parent_id = sphere.pk
    refused(lambda: sphere.save())


def test_phase_and_status_are_checked_by_the_database():
    initiative = InitiativeFactory()
    refused(lambda: Initiative.objects.filter(pk=initiative.pk).update(phase=4))
    refused(lambda: Initiative.objects.filter(pk=initiative.pk).update(status="dreaming"))


def test_one_open_participation_per_organization_and_initiative():
    participation = ParticipationFactory()
    refused(
        lambda: ParticipationFactory(
            initiative=participation.initiative, organization=participation.organization
        )
    )


def test_an_organization_can_rejoin_after_leaving():
    participation = ParticipationFactory(left_on="2030-01-01", joined_on="2024-01-01")
    ParticipationFactory(
        initiative=participation.initiative, organization=participation.organization
    )
    assert Participation.objects.active().count() == 1


def test_leaving_before_joining_is_refused():
    refused(lambda: ParticipationFactory(joined_on="2024-05-01", left_on="2024-04-01"))


def test_a_sphere_is_open_to_nonprofits_only():
    sphere = SphereFactory()
    business = OrganizationFactory(sector=Sector.BUSINESS)
    with pytest.raises(ValidationError) as error:
        Participation(initiative=sphere, organization=business, role="partner").full_clean()
    assert "organization" in error.value.message_dict


def test_one_membership_per_user_and_initiative():
    membership = MembershipFactory()
    refused(lambda: MembershipFactory(user=membership.user, initiative=membership.initiative))


def test_a_partner_membership_needs_an_organization_and_others_none():
    initiative = InitiativeFactory()
    refused(lambda: MembershipFactory(initiative=initiative, role=Role.PARTNER))
    refused(
        lambda: MembershipFactory(
            initiative=initiative, role=Role.VIEWER, organization=initiative.backbone
        )
    )


def test_a_partner_represents_a_participating_organization():
    initiative = InitiativeFactory()
    stranger = OrganizationFactory()
    membership = Membership(
        user=UserFactory(), initiative=initiative, role=Role.PARTNER, organization=stranger
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "organization" in error.value.message_dict
    ParticipationFactory(initiative=initiative, organization=stranger)
    membership.full_clean()
