"""The demo's commitments: two in hamerhav, one answered by three organizations, one waiting
for yahad's answer; loading twice changes nothing."""

from initiatives.models import Role
from spheres import demo_commitments
from spheres.models import Commitment, CommitmentAnswer
from spheres.selectors import commitments as selectors
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory, SphereFactory
from tests.personas import member


def test_load_is_idempotent(db):
    sphere = SphereFactory(slug="hamerhav")
    keys = ("leadership_forum", "yahad", "achva", "mentoring")
    organizations = {key: OrganizationFactory(name=key) for key in keys}
    for organization in organizations.values():
        ParticipationFactory(initiative=sphere, organization=organization)
    member("facilitator@example.org", Role.FACILITATOR, sphere)
    member("ceo@example.org", Role.PARTNER, sphere, organizations["yahad"])
    for _ in range(2):
        demo_commitments.load(initiatives={"hamerhav": sphere}, organizations=organizations)
    assert Commitment.objects.filter(sphere=sphere).count() == 2
    assert CommitmentAnswer.objects.count() == 3
    listed = selectors.commitment_list(sphere=sphere, organization_id=organizations["yahad"].pk)
    assert listed[0].title == demo_commitments.NEW and listed[0].waiting_for_me
