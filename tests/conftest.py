"""Personas shared by every test: one initiative with each role, and a second initiative."""

from dataclasses import dataclass

import pytest

from initiatives.models import Initiative, Organization, Role, User
from sheatufim.celery import app as celery_app
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)


@dataclass
class World:
    initiative: Initiative
    other_initiative: Initiative
    partner_org: Organization
    second_org: Organization
    other_org: Organization
    backbone: User
    partner: User
    other_partner: User
    facilitator: User
    viewer: User
    outsider: User
    superuser: User


@pytest.fixture
def world(db) -> World:
    initiative = InitiativeFactory(name="STEM excellence", slug="stem")
    other_initiative = InitiativeFactory(name="Employment", slug="employment")
    partner_org = OrganizationFactory(name="Masar")
    second_org = OrganizationFactory(name="Gesher")
    other_org = OrganizationFactory(name="Ofek")
    for organization in (initiative.backbone, partner_org, second_org):
        ParticipationFactory(initiative=initiative, organization=organization)
    ParticipationFactory(initiative=other_initiative, organization=other_org)

    def member(email, role, target=initiative, organization=None):
        user = UserFactory(email=email)
        MembershipFactory(user=user, initiative=target, role=role, organization=organization)
        return user

    return World(
        initiative=initiative,
        other_initiative=other_initiative,
        partner_org=partner_org,
        second_org=second_org,
        other_org=other_org,
        backbone=member("backbone@example.org", Role.BACKBONE_STAFF),
        partner=member("partner@example.org", Role.PARTNER, organization=partner_org),
        other_partner=member(
            "other@example.org", Role.PARTNER, other_initiative, organization=other_org
        ),
        facilitator=member("facilitator@example.org", Role.FACILITATOR),
        viewer=member("viewer@example.org", Role.VIEWER),
        outsider=UserFactory(email="outsider@example.org"),
        superuser=UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def eager_celery():
    """Run tasks in-process (the real task code), whatever REDIS_URL says."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
