"""The phase services: a check per item (done, evidence), and the phase changed only through
phase_change, which refuses the same phase or a value outside 0..III at `to_phase` and keeps
the history of who changed it and when."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from backbone.models import PhaseChange, PhaseCheck, PhaseItem
from backbone.services import phases as services
from initiatives.models import Initiative, Phase, Role
from tests.initiatives.factories import MembershipFactory, SphereFactory

pytestmark = pytest.mark.django_db


def item(key="p0-governance-champions") -> PhaseItem:
    return PhaseItem.objects.get(key=key)


def test_checking_an_item_records_done_evidence_and_who(world):
    check = services.phase_check(
        initiative=world.initiative,
        item=item(),
        done=True,
        evidence="The mayor agreed to co-chair.",
        evidence_url="https://example.org/letter.pdf",
        by=world.backbone,
    )
    assert (check.done, check.evidence, check.evidence_url) == (
        True,
        "The mayor agreed to co-chair.",
        "https://example.org/letter.pdf",
    )
    assert check.updated_by == world.backbone


def test_checking_again_updates_the_same_check(world):
    args = {"initiative": world.initiative, "item": item(), "by": world.backbone}
    services.phase_check(done=True, evidence="First", **args)
    services.phase_check(done=False, evidence="Second", **args)
    check = PhaseCheck.objects.get()
    assert (check.done, check.evidence) == (False, "Second")


def test_a_bad_link_is_refused_at_its_field(world):
    with pytest.raises(ValidationError) as error:
        services.phase_check(
            initiative=world.initiative,
            item=item(),
            done=True,
            evidence_url="not a link",
            by=world.backbone,
        )
    assert "evidence_url" in error.value.message_dict
    assert not PhaseCheck.objects.exists()


def test_a_nul_in_the_evidence_is_refused(world):
    with pytest.raises(ValidationError):
        services.phase_check(
            initiative=world.initiative,
            item=item(),
            done=True,
            evidence="a\x00b",
            by=world.backbone,
        )


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "outsider"])
def test_only_those_who_manage_the_backbone_check_items(world, persona):
    with pytest.raises(PermissionDenied):
        services.phase_check(
            initiative=world.initiative, item=item(), done=True, by=getattr(world, persona)
        )


def test_changing_the_phase_moves_it_and_records_who_and_when(world):
    before = timezone.now()
    change = services.phase_change(
        initiative=world.initiative, to_phase=Phase.INITIATE_ACTION, note="Ready", by=world.backbone
    )
    world.initiative.refresh_from_db()
    assert world.initiative.phase == Phase.INITIATE_ACTION
    assert (change.from_phase, change.to_phase, change.note) == (0, 1, "Ready")
    assert change.by == world.backbone
    assert before <= change.at <= timezone.now() + timedelta(seconds=1)


def test_the_history_keeps_each_change_in_order(world):
    for to_phase in (2, 1, 3):
        services.phase_change(initiative=world.initiative, to_phase=to_phase, by=world.backbone)
    history = list(PhaseChange.objects.filter(initiative=world.initiative).order_by("at", "pk"))
    assert [(c.from_phase, c.to_phase) for c in history] == [(0, 2), (2, 1), (1, 3)]
    assert Initiative.objects.get(pk=world.initiative.pk).phase == 3


def test_the_same_phase_is_refused_at_to_phase(world):
    with pytest.raises(ValidationError) as error:
        services.phase_change(initiative=world.initiative, to_phase=0, by=world.backbone)
    assert list(error.value.message_dict) == ["to_phase"]
    assert not PhaseChange.objects.exists()


@pytest.mark.parametrize("to_phase", [4, -1, "2", None, True])
def test_a_phase_outside_0_to_3_is_refused_at_to_phase(world, to_phase):
    with pytest.raises(ValidationError) as error:
        services.phase_change(initiative=world.initiative, to_phase=to_phase, by=world.backbone)
    assert list(error.value.message_dict) == ["to_phase"]
    assert Initiative.objects.get(pk=world.initiative.pk).phase == 0


def test_the_refusals_say_what_is_wrong(world):
    with pytest.raises(ValidationError) as error:
        services.phase_change(initiative=world.initiative, to_phase=9, by=world.backbone)
    assert error.value.message_dict["to_phase"] == ["Please choose one of the phases."]
    with pytest.raises(ValidationError) as error:
        services.phase_change(initiative=world.initiative, to_phase=0, by=world.backbone)
    assert error.value.message_dict["to_phase"] == ["The initiative is already in this phase."]


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "outsider"])
def test_only_those_who_manage_the_backbone_change_the_phase(world, persona):
    with pytest.raises(PermissionDenied):
        services.phase_change(initiative=world.initiative, to_phase=1, by=getattr(world, persona))
    assert Initiative.objects.get(pk=world.initiative.pk).phase == 0


def test_a_spheres_facilitator_manages_its_phase(world):
    sphere = SphereFactory()
    MembershipFactory(user=world.facilitator, initiative=sphere, role=Role.FACILITATOR)
    change = services.phase_change(initiative=sphere, to_phase=1, by=world.facilitator)
    assert change.by == world.facilitator
