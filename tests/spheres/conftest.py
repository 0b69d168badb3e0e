"""A sphere with each persona: its facilitator, two member organizations with their CEOs, a
viewer, an outsider who may ask to join, and a superuser; organizations of the directory
outside it (a nonprofit and a business)."""

from dataclasses import dataclass

import pytest

from initiatives.models import Initiative, Organization, Role, Sector, User
from spheres.models import SphereMember
from tests.initiatives.factories import (
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    SphereFactory,
    UserFactory,
)


@dataclass
class SphereWorld:
    sphere: Initiative
    member_org: Organization
    other_member_org: Organization
    candidate_org: Organization  # a nonprofit, not a member
    business_org: Organization
    facilitator: User
    ceo: User  # represents member_org
    other_ceo: User  # represents other_member_org
    viewer: User
    outsider: User
    superuser: User


def add_member(sphere, organization, user, ceo_name="A CEO"):
    participation = ParticipationFactory(initiative=sphere, organization=organization)
    SphereMember.objects.create(participation=participation, ceo_name=ceo_name, ceo=user)
    if user is not None:
        MembershipFactory(
            user=user, initiative=sphere, role=Role.PARTNER, organization=organization
        )
    return participation


def build_sphere_world() -> SphereWorld:
    sphere = SphereFactory(name="Hamerhav", slug="hamerhav-t", social_issue="Youth at risk")
    member_org = OrganizationFactory(name="Yahad")
    other_member_org = OrganizationFactory(name="Lev", sector=Sector.COMMUNITY)
    ceo = UserFactory(email="ceo@example.org", full_name="Dana Levi")
    other_ceo = UserFactory(email="ceo2@example.org", full_name="Omar Haddad")
    add_member(sphere, member_org, ceo, "Dana Levi")
    add_member(sphere, other_member_org, other_ceo, "Omar Haddad")
    facilitator = UserFactory(email="facilitator@example.org")
    MembershipFactory(user=facilitator, initiative=sphere, role=Role.FACILITATOR)
    viewer = UserFactory(email="viewer@example.org")
    MembershipFactory(user=viewer, initiative=sphere, role=Role.VIEWER)
    return SphereWorld(
        sphere=sphere,
        member_org=member_org,
        other_member_org=other_member_org,
        candidate_org=OrganizationFactory(name="Ofek"),
        business_org=OrganizationFactory(name="Bank", sector=Sector.BUSINESS),
        facilitator=facilitator,
        ceo=ceo,
        other_ceo=other_ceo,
        viewer=viewer,
        outsider=UserFactory(email="outsider@example.org", full_name="Noa Cohen"),
        superuser=UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def sw(db) -> SphereWorld:
    return build_sphere_world()
