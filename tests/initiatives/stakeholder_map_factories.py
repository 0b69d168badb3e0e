"""A hand-built map for the tests of the stakeholder map.

Five organizations take part in one initiative: the backbone K, A, the bridge X, C and the
isolate I. Recorded relationships: K–A, K–X, A–X (a triangle) and X–C, so X is the only way
to C (the highest betweenness), and I is tied to nobody (but by taking part)."""

from dataclasses import dataclass

from initiatives.models import (
    Initiative,
    Organization,
    ParticipationRole,
    Relationship,
    RelationshipKind,
    Role,
    Sector,
)
from tests.initiatives.factories import (
    InitiativeFactory,
    OrganizationFactory,
    ParticipationFactory,
)
from tests.personas import member


@dataclass
class Bridge:
    initiative: Initiative
    k: Organization
    a: Organization
    x: Organization
    c: Organization
    i: Organization
    staff: object


def bridge_map(slug="bridge") -> Bridge:
    suffix = "" if slug == "bridge" else f" ({slug})"
    k = OrganizationFactory(name=f"Keshet backbone{suffix}", sector=Sector.NONPROFIT)
    initiative = InitiativeFactory(name="Bridge initiative", slug=slug, backbone=k)
    a = OrganizationFactory(name=f"Alpha fund{suffix}", sector=Sector.PHILANTHROPY)
    x = OrganizationFactory(name=f"Xenon ministry{suffix}", sector=Sector.GOVERNMENT)
    c = OrganizationFactory(name=f"Cedar college{suffix}", sector=Sector.ACADEMIA)
    i = OrganizationFactory(name=f"Iris business{suffix}", sector=Sector.BUSINESS)
    roles = {
        k: ParticipationRole.BACKBONE,
        a: ParticipationRole.FUNDER,
        x: ParticipationRole.GOVERNMENT,
        c: ParticipationRole.DATA,
        i: ParticipationRole.PARTNER,
    }
    for organization, role in roles.items():
        ParticipationFactory(initiative=initiative, organization=organization, role=role)
    for source, target, kind in [
        (k, a, RelationshipKind.PARTNERS_WITH),
        (a, x, RelationshipKind.FUNDS),
        (k, x, RelationshipKind.ADVISES),
        (x, c, RelationshipKind.SERVES),
    ]:
        Relationship.objects.create(initiative=initiative, source=source, target=target, kind=kind)
    staff = member(f"staff-{slug}@example.org", Role.BACKBONE_STAFF, initiative)
    return Bridge(initiative, k, a, x, c, i, staff)


def grow(initiative: Initiative, backbone: Organization, n: int, start: int = 0) -> None:
    """`n` more organizations taking part, each with a relationship to the backbone."""
    made = Organization.objects.bulk_create(
        Organization(name=f"Grown {start + k:04d}", sector=Sector.COMMUNITY) for k in range(n)
    )
    for organization in made:
        ParticipationFactory(initiative=initiative, organization=organization)
    Relationship.objects.bulk_create(
        Relationship(initiative=initiative, source=o, target=backbone, kind="serves") for o in made
    )
