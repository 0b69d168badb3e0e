"""A sphere with a facilitator, three member organizations (two with a representative), a
viewer, and a second sphere with a partner of its own; the personas of the commitment tests."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from agenda.models import Goal
from initiatives.models import Initiative, Organization, Participation, Role, User
from spheres.models import Commitment
from spheres.services import commitments as services
from tests.initiatives.factories import (
    OrganizationFactory,
    ParticipationFactory,
    SphereFactory,
    UserFactory,
)
from tests.personas import member

PERSONAS = [
    "facilitator",
    "partner",
    "second_partner",
    "viewer",
    "outsider",
    "other_partner",
    "superuser",
    "anonymous",
]


@dataclass
class SphereWorld:
    sphere: Initiative
    other_sphere: Initiative
    yahad: Organization  # the partner's
    achva: Organization  # the second partner's
    mentoring: Organization  # a member with no representative
    ofek: Organization  # the other sphere's
    goal: Goal
    foreign_goal: Goal
    facilitator: User
    partner: User
    second_partner: User
    viewer: User
    outsider: User
    other_partner: User
    superuser: User


def build() -> SphereWorld:
    sphere = SphereFactory(name="Hamerhav", slug="sphere")
    other_sphere = SphereFactory(name="Another", slug="another")
    yahad, achva, mentoring, ofek = (
        OrganizationFactory(name=name) for name in ("Yahad", "Achva", "Mentoring", "Ofek")
    )
    for organization in (yahad, achva, mentoring):
        ParticipationFactory(initiative=sphere, organization=organization)
    ParticipationFactory(initiative=other_sphere, organization=ofek)
    return SphereWorld(
        sphere=sphere,
        other_sphere=other_sphere,
        yahad=yahad,
        achva=achva,
        mentoring=mentoring,
        ofek=ofek,
        goal=Goal.objects.create(initiative=sphere, title="Raise leaders"),
        foreign_goal=Goal.objects.create(initiative=other_sphere, title="Not ours"),
        facilitator=member("facilitator@example.org", Role.FACILITATOR, sphere),
        partner=member("ceo@example.org", Role.PARTNER, sphere, yahad),
        second_partner=member("achva@example.org", Role.PARTNER, sphere, achva),
        viewer=member("viewer@example.org", Role.VIEWER, sphere),
        outsider=UserFactory(email="outsider@example.org"),
        other_partner=member("ofek@example.org", Role.PARTNER, other_sphere, ofek),
        superuser=UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
    )


def login_as(client, world: SphereWorld, persona: str) -> None:
    if persona != "anonymous":
        client.force_login(getattr(world, persona))


def commitment(world: SphereWorld, title="Mentoring week", **kwargs) -> Commitment:
    kwargs.setdefault("review_on", timezone.localdate() + timedelta(days=30))
    kwargs.setdefault("goal", world.goal)
    return services.commitment_propose(
        sphere=world.sphere, title=title, by=world.facilitator, **kwargs
    )


def leave(world: SphereWorld, organization: Organization) -> None:
    """The organization leaves the sphere: its participation ends, its answers stay."""
    Participation.objects.filter(initiative=world.sphere, organization=organization).update(
        left_on=timezone.localdate()
    )
