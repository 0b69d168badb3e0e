"""Recording and removing relationships: the one write path, its refusals at the field."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives.models import Participation, Relationship, RelationshipKind
from initiatives.relationships import NOTE_MAX
from initiatives.stakeholder_map import services
from tests.initiatives.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _create(world, **changes):
    fields = {
        "initiative": world.initiative,
        "source": world.partner_org,
        "target": world.second_org,
        "kind": RelationshipKind.FUNDS,
        "note": "Two-year grant",
        "by": world.backbone,
        **changes,
    }
    return services.relationship_create(**fields)


def _refused(world, field, **changes):
    with pytest.raises(ValidationError) as caught:
        _create(world, **changes)
    assert field in caught.value.message_dict, caught.value.message_dict
    assert not Relationship.objects.exists()
    return caught.value.message_dict[field]


def test_backbone_staff_record_a_relationship(world):
    made = _create(world)
    assert (made.source, made.target, made.kind, made.note) == (
        world.partner_org,
        world.second_org,
        "funds",
        "Two-year grant",
    )
    assert made.created_by == world.backbone


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "other_partner"])
def test_others_cannot_record_one(world, persona):
    with pytest.raises(PermissionDenied):
        _create(world, by=getattr(world, persona))
    assert not Relationship.objects.exists()


def test_a_spheres_facilitator_may(world):
    from initiatives.models import Role, Sector
    from tests.initiatives.factories import ParticipationFactory, SphereFactory
    from tests.personas import member

    sphere = SphereFactory(slug="sphere")
    one, two = (OrganizationFactory(sector=Sector.NONPROFIT) for _n in range(2))
    for organization in (one, two):
        ParticipationFactory(initiative=sphere, organization=organization)
    facilitator = member("sphere-facilitator@example.org", Role.FACILITATOR, sphere)
    made = services.relationship_create(
        initiative=sphere, source=one, target=two, kind="advises", by=facilitator
    )
    assert made.pk


def test_an_organization_cannot_have_a_relationship_with_itself(world):
    assert _refused(world, "target", target=world.partner_org) == [str(services.NOT_ITSELF)]


def test_an_unknown_kind_is_refused(world):
    assert _refused(world, "kind", kind="loves") == [str(services.CHOOSE_KIND)]


def test_an_organization_not_in_the_initiative_is_refused(world):
    assert _refused(world, "source", source=world.other_org) == [str(services.NOT_IN_INITIATIVE)]
    assert _refused(world, "target", target=None)


def test_an_organization_that_left_may_still_be_tied(world):
    from django.utils import timezone

    Participation.objects.filter(organization=world.second_org).update(left_on=timezone.localdate())
    assert _create(world).pk


def test_a_note_too_long_is_refused(world):
    assert _refused(world, "note", note="x" * (NOTE_MAX + 1))


def test_the_same_relationship_twice_is_refused_at_its_kind(world):
    _create(world)
    with pytest.raises(ValidationError) as caught:
        _create(world)
    assert "kind" in caught.value.message_dict
    assert Relationship.objects.count() == 1
    # The other way round, or another kind, is another relationship.
    _create(world, source=world.second_org, target=world.partner_org)
    _create(world, kind="advises")
    assert Relationship.objects.count() == 3


def test_removing_one_asks_the_policy(world):
    made = _create(world)
    with pytest.raises(PermissionDenied):
        services.relationship_delete(relationship=made, by=world.partner)
    services.relationship_delete(relationship=made, by=world.backbone)
    assert not Relationship.objects.exists()


def test_the_demo_relationships_load_twice_without_doubling():
    from initiatives import demo_data, demo_map
    from initiatives.models import Initiative, Organization, Participation

    organizations = {
        key: Organization.objects.create(name=name, sector=sector)
        for key, name, sector, _reg in demo_data.ORGANIZATIONS
    }
    initiatives = {}
    for spec in demo_data.INITIATIVES[:2]:
        initiatives[spec["slug"]] = Initiative.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            kind=spec["kind"],
            social_issue="x",
            backbone=organizations[spec["backbone"]],
        )
        for key, role in spec["participants"]:
            Participation.objects.create(
                initiative=initiatives[spec["slug"]], organization=organizations[key], role=role
            )
    demo_map.load(initiatives=initiatives, organizations=organizations)
    count = Relationship.objects.count()
    demo_map.load(initiatives=initiatives, organizations=organizations)
    assert Relationship.objects.count() == count == 15
    # Each is one the service would accept: both ends take part in the initiative.
    for relationship in Relationship.objects.select_related("initiative"):
        allowed = services.organization_ids_of(relationship.initiative)
        assert {relationship.source_id, relationship.target_id} <= allowed
    assert set(Relationship.objects.values_list("kind", flat=True)) == set(RelationshipKind.values)
