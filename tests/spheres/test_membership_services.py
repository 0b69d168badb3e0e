"""Sphere membership rules: who may ask, the refusals at their field, accepting in one
transaction, declining with a reason, withdrawing, leaving with the past kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communication.models import Update
from initiatives.models import InitiativeStatus, Membership, Participation, Role
from spheres.models import JoinRequest, JoinRequestStatus, SphereMember
from spheres.services import membership as services
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _ask(sw, organization=None, user=None, **fields):
    return services.join_request_create(
        sphere=fields.pop("sphere", sw.sphere),
        organization=organization or sw.candidate_org,
        by=user or sw.outsider,
        ceo_name=fields.pop("ceo_name", "Noa Cohen"),
        statement=fields.pop("statement", "We run youth clubs in the north."),
    )


def _field_error(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def test_a_nonprofit_asks_to_join_and_waits(sw):
    made = _ask(sw)
    assert made.status == JoinRequestStatus.PENDING
    assert made.requested_by == sw.outsider


def test_another_sector_is_refused_with_the_sector_named(sw):
    with pytest.raises(ValidationError) as excinfo:
        _ask(sw, organization=sw.business_org)
    message = _field_error(excinfo, "organization")
    assert "Business" in message
    assert "third-sector" in message
    assert not JoinRequest.objects.exists()


def test_a_member_cannot_ask_again(sw):
    with pytest.raises(ValidationError) as excinfo:
        _ask(sw, organization=sw.member_org)
    assert "already a member" in _field_error(excinfo, "organization")


def test_a_second_pending_request_is_refused_with_the_constraints_message(sw):
    _ask(sw)
    with pytest.raises(ValidationError) as excinfo:
        _ask(sw, user=UserFactory())
    assert "already asked to join" in _field_error(excinfo, "organization")


@pytest.mark.parametrize("state", [InitiativeStatus.CLOSED, InitiativeStatus.PAUSED])
def test_a_closed_or_paused_sphere_takes_no_request(sw, state):
    sw.sphere.status = state
    sw.sphere.save()
    with pytest.raises(ValidationError) as excinfo:
        _ask(sw)
    assert "not taking new members" in _field_error(excinfo, "sphere")


def test_a_collective_impact_initiative_takes_no_request(sw):
    with pytest.raises(ValidationError) as excinfo:
        _ask(sw, sphere=InitiativeFactory())
    assert "sphere" in excinfo.value.message_dict


@pytest.mark.parametrize("field", ["ceo_name", "statement"])
def test_the_ceo_and_the_statement_are_required(sw, field):
    with pytest.raises(ValidationError) as excinfo:
        _ask(sw, **{field: "   "})
    assert field in excinfo.value.message_dict


def test_accepting_makes_the_organization_a_member_with_its_ceo(sw):
    made = _ask(sw)
    accepted = services.join_request_accept(request=made, by=sw.facilitator)
    assert accepted.status == JoinRequestStatus.ACCEPTED
    assert accepted.decided_by == sw.facilitator
    participation = Participation.objects.active().get(
        initiative=sw.sphere, organization=sw.candidate_org
    )
    assert participation.role == "partner"
    assert accepted.participation == participation
    member = SphereMember.objects.get(participation=participation)
    assert (member.ceo_name, member.ceo) == ("Noa Cohen", sw.outsider)
    membership = Membership.objects.get(user=sw.outsider, initiative=sw.sphere)
    assert (membership.role, membership.organization) == (Role.PARTNER, sw.candidate_org)


@pytest.mark.parametrize("persona", ["ceo", "viewer", "outsider"])
def test_only_the_facilitator_decides(sw, persona):
    made = _ask(sw, user=UserFactory())
    with pytest.raises(PermissionDenied):
        services.join_request_accept(request=made, by=getattr(sw, persona))
    with pytest.raises(PermissionDenied):
        services.join_request_decline(request=made, by=getattr(sw, persona), reason="No")
    assert JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.PENDING


def test_accepting_twice_is_refused_and_changes_nothing(sw):
    made = _ask(sw)
    services.join_request_accept(request=made, by=sw.facilitator)
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_accept(request=made, by=sw.facilitator)
    assert "already answered" in _field_error(excinfo, "status")
    assert SphereMember.objects.filter(participation__organization=sw.candidate_org).count() == 1


def test_a_requester_who_has_a_role_meanwhile_is_refused_clearly(sw):
    made = _ask(sw)
    Membership.objects.create(user=sw.outsider, initiative=sw.sphere, role=Role.VIEWER)
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_accept(request=made, by=sw.facilitator)
    assert "already has a role" in _field_error(excinfo, "requested_by")
    # Nothing half done: no participation, no CEO row.
    assert not Participation.objects.filter(organization=sw.candidate_org).exists()
    assert JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.PENDING


def test_an_organization_that_became_a_member_meanwhile_is_refused(sw):
    made = _ask(sw)
    ParticipationFactory(initiative=sw.sphere, organization=sw.candidate_org)
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_accept(request=made, by=sw.facilitator)
    assert "already a member" in _field_error(excinfo, "organization")


def test_declining_needs_a_reason(sw):
    made = _ask(sw)
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_decline(request=made, by=sw.facilitator, reason=" ")
    assert "reason" in excinfo.value.message_dict
    declined = services.join_request_decline(
        request=made, by=sw.facilitator, reason="Not our issue"
    )
    assert (declined.status, declined.decline_reason) == ("declined", "Not our issue")


def test_only_the_asker_withdraws_and_may_ask_again(sw):
    made = _ask(sw)
    with pytest.raises(PermissionDenied):
        services.join_request_withdraw(request=made, by=sw.facilitator)
    services.join_request_withdraw(request=made, by=sw.outsider)
    assert JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.WITHDRAWN
    assert _ask(sw).status == JoinRequestStatus.PENDING


def _participation(sw, organization):
    return Participation.objects.active().get(initiative=sw.sphere, organization=organization)


def test_a_member_leaves_its_past_stays_and_its_representatives_lose_access(sw):
    update = Update.objects.create(initiative=sw.sphere, author=sw.ceo, title="Our news", body="…")
    participation = _participation(sw, sw.member_org)
    services.membership_end(participation=participation, by=sw.ceo, reason="Other priorities")
    participation.refresh_from_db()
    assert participation.left_on is not None
    assert participation.sphere_member.left_reason == "Other priorities"
    assert not Membership.objects.filter(user=sw.ceo, initiative=sw.sphere).exists()
    assert Update.objects.filter(pk=update.pk).exists()


def test_a_member_cannot_end_another_organizations_membership(sw):
    with pytest.raises(PermissionDenied):
        services.membership_end(
            participation=_participation(sw, sw.other_member_org), by=sw.ceo, reason=""
        )
    with pytest.raises(PermissionDenied):
        services.membership_end(
            participation=_participation(sw, sw.member_org), by=sw.viewer, reason=""
        )


def test_the_facilitator_ends_a_membership_and_it_cannot_end_twice(sw):
    participation = _participation(sw, sw.member_org)
    services.membership_end(participation=participation, by=sw.facilitator, reason="Inactive")
    with pytest.raises(ValidationError):
        services.membership_end(participation=participation, by=sw.facilitator)


def test_a_former_member_may_ask_to_join_again(sw):
    services.membership_end(participation=_participation(sw, sw.member_org), by=sw.ceo)
    made = _ask(sw, organization=sw.member_org, user=sw.ceo)
    services.join_request_accept(request=made, by=sw.facilitator)
    assert (
        Participation.objects.filter(organization=sw.member_org, initiative=sw.sphere).count() == 2
    )
