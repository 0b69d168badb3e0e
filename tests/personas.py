"""The personas every test speaks of, in one place.

`build_world()` makes one initiative with a user of each role, and a second initiative with
a partner of its own; the conftest files wrap it (and `api_client_as`) as pytest fixtures.
`PERSONAS`, `login_as` and `check` drive the role × action matrices of pages and endpoints.
"""

from dataclasses import dataclass

from django.urls import reverse
from rest_framework.test import APIClient

from initiatives import services as initiative_services
from initiatives.models import Initiative, Organization, Role, User
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    UserFactory,
)

# Every persona of a permission matrix; "anonymous" is a visitor who has not signed in.
PERSONAS = [
    "backbone",
    "partner",
    "other_partner",
    "facilitator",
    "viewer",
    "outsider",
    "superuser",
    "anonymous",
]
# Partners reach the API with a token, the others by session.
TOKEN_PERSONAS = {"partner", "other_partner"}


@dataclass
class World:
    initiative: Initiative
    other_initiative: Initiative
    partner_org: Organization  # the partner's organization, in `initiative`
    second_org: Organization  # another partner organization of `initiative`, with no member
    other_org: Organization  # the other partner's organization, in `other_initiative`
    backbone: User  # backbone staff of `initiative`
    partner: User  # partner representative of `partner_org` in `initiative`
    other_partner: User  # partner representative of `other_org` in `other_initiative`
    facilitator: User  # facilitator of `initiative`
    viewer: User  # viewer of `initiative`
    outsider: User  # signed in, in no initiative
    superuser: User  # platform administrator


def member(email, role, initiative, organization=None) -> User:
    """A new user with one membership: `role` in `initiative` (of `organization` for partners)."""
    user = UserFactory(email=email)
    MembershipFactory(user=user, initiative=initiative, role=role, organization=organization)
    return user


def build_world() -> World:
    """The two initiatives, their organizations and a user of each persona (needs the db)."""
    initiative = InitiativeFactory(name="STEM excellence", slug="stem")
    other_initiative = InitiativeFactory(name="Employment", slug="employment")
    partner_org = OrganizationFactory(name="Masar")
    second_org = OrganizationFactory(name="Gesher")
    other_org = OrganizationFactory(name="Ofek")
    for organization in (initiative.backbone, partner_org, second_org):
        ParticipationFactory(initiative=initiative, organization=organization)
    ParticipationFactory(initiative=other_initiative, organization=other_org)

    return World(
        initiative=initiative,
        other_initiative=other_initiative,
        partner_org=partner_org,
        second_org=second_org,
        other_org=other_org,
        backbone=member("backbone@example.org", Role.BACKBONE_STAFF, initiative),
        partner=member("partner@example.org", Role.PARTNER, initiative, partner_org),
        other_partner=member("other@example.org", Role.PARTNER, other_initiative, other_org),
        facilitator=member("facilitator@example.org", Role.FACILITATOR, initiative),
        viewer=member("viewer@example.org", Role.VIEWER, initiative),
        outsider=UserFactory(email="outsider@example.org"),
        superuser=UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
    )


def login_as(client, world: World, persona: str) -> None:
    """Sign the test client in as `persona` (or leave it anonymous)."""
    if persona != "anonymous":
        client.force_login(getattr(world, persona))


def check(response, expected) -> None:
    """Assert a status code, or "login": the redirect of an anonymous visitor to sign in."""
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected, response.content[:300]


def api_client_as(world: World, persona: str) -> APIClient:
    """An API client signed in as `persona`: partners with an API token, others by session."""
    client = APIClient()
    if persona == "anonymous":
        return client
    user = getattr(world, persona)
    if persona in TOKEN_PERSONAS:
        _token, raw = initiative_services.api_token_create(user=user, name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    else:
        client.force_authenticate(user)
    return client
