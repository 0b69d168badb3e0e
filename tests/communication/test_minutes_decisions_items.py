"""Decisions and action items through their services: who may record them, their checks at the
fields, the events with their audience, the status history, and who sees them (selectors)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agenda.models import Goal
from communication.audience import event_visibility
from communication.models import ActionItemStatus, DecisionStatus, Event, EventKind
from communication.selectors import minutes as selectors
from communication.services import action_items, decisions
from tests.communication import minutes_factories as f

TODAY = timezone.localdate


def test_staff_record_a_decision_without_a_meeting_saying_by_whom(world):
    decision = f.decision(world)
    assert decision.decided_by and decision.meeting is None
    event = Event.objects.get(kind=EventKind.DECISION_TAKEN)
    assert event.decision == decision and event.params["name"] == decision.statement
    # everyone in the initiative sees it, in the feed
    assert Event.objects.filter(event_visibility(world.viewer, world.initiative)).exists()


def test_without_a_meeting_someone_must_have_decided(world):
    with pytest.raises(ValidationError) as error:
        f.decision(world, decided_by="")
    assert "decided_by" in error.value.message_dict


def test_the_review_cannot_come_before_the_decision(world):
    with pytest.raises(ValidationError) as error:
        f.decision(world, review_on=TODAY() - timedelta(days=1))
    assert "review_on" in error.value.message_dict


def test_a_goal_of_another_initiative_is_refused(world):
    goal = Goal.objects.create(initiative=world.other_initiative, title="Jobs")
    with pytest.raises(ValidationError) as error:
        f.decision(world, goal=goal)
    assert "goal" in error.value.message_dict


def test_a_convener_records_in_their_meeting_only(world):
    convener = f.convener(world)
    theirs = f.meeting(world, convener=convener)
    decision = f.decision(world, meeting=theirs, user=convener)
    assert decision.meeting == theirs
    with pytest.raises(PermissionDenied):
        f.decision(world, meeting=f.meeting(world, title="Other"), user=convener)
    with pytest.raises(PermissionDenied):
        f.decision(world, user=convener)  # outside a meeting: the staff only


def test_partner_and_viewer_cannot_record(world):
    for user in (world.partner, world.viewer, world.facilitator, world.other_partner):
        with pytest.raises(PermissionDenied):
            f.decision(world, user=user)


def test_a_status_change_is_kept_in_the_history(world):
    decision = f.decision(world)
    decisions.decision_status_set(
        user=world.backbone, decision=decision, status=DecisionStatus.REVOKED, note="Replaced"
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REVOKED and decision.status_note == "Replaced"
    change = decision.changes.get()
    assert (change.status_before, change.status_after) == ("in_force", "revoked")
    assert change.changed_by == world.backbone
    with pytest.raises(ValidationError):
        decisions.decision_status_set(user=world.backbone, decision=decision, status="revoked")
    with pytest.raises(ValidationError):
        decisions.decision_status_set(user=world.backbone, decision=decision, status="nope")
    with pytest.raises(PermissionDenied):
        decisions.decision_status_set(user=world.partner, decision=decision, status="in_force")


def test_decisions_of_a_private_meeting_are_seen_with_the_meeting(world):
    private = f.meeting(world, shared=False)
    f.invite(private, world.partner)
    decision = f.decision(world, meeting=private)
    public = f.decision(world, statement="Public")
    for user, expected in [
        (world.partner, {decision, public}),
        (world.viewer, {public}),
        (world.backbone, {decision, public}),
        (world.other_partner, set()),
    ]:
        assert set(selectors.decision_list(user=user, initiative=world.initiative)) == expected


def test_decisions_of_a_working_group_are_its_members_and_the_staffs(world):
    group = f.group(world, members=[world.partner])
    decision = f.decision(world, working_group=group)
    assert list(selectors.decision_list(user=world.partner, initiative=world.initiative)) == [
        decision
    ]
    assert not selectors.decision_list(user=world.viewer, initiative=world.initiative).exists()


def test_due_for_review_filter(world):
    soon = f.decision(world, review_on=TODAY() + timedelta(days=3))
    f.decision(world, statement="Later", review_on=TODAY() + timedelta(days=300))
    found = selectors.decision_list(
        user=world.viewer,
        initiative=world.initiative,
        filters=selectors.DecisionFilters(due_for_review=True),
    )
    assert list(found) == [soon]


# --- action items --------------------------------------------------------------------------


def test_an_item_is_told_to_its_owner_only(world):
    item = f.action_item(world, due_on=TODAY() + timedelta(days=7))
    assert item.organization == world.partner_org  # the owner's own, by default
    event = Event.objects.get(kind=EventKind.ACTION_ITEM_ASSIGNED)
    assert event.recipient == world.partner and event.action_item == item
    assert event.params == {"name": item.title, "when": item.due_on.isoformat()}
    mine = event_visibility(world.partner, world.initiative, personal=True)
    assert Event.objects.filter(mine).get() == event
    assert not Event.objects.filter(event_visibility(world.partner, world.initiative)).exists()
    assert not Event.objects.filter(event_visibility(world.backbone, world.initiative)).exists()


def test_the_owner_must_be_of_the_initiative(world):
    for owner in (world.other_partner, world.outsider, None):
        with pytest.raises(ValidationError) as error:
            f.action_item(world, owner=owner) if owner else action_items.action_item_assign(
                user=world.backbone, initiative=world.initiative, title="x", owner=None
            )
        assert "owner" in error.value.message_dict


def test_an_organization_not_taking_part_is_refused(world):
    with pytest.raises(ValidationError) as error:
        f.action_item(world, organization=world.other_org)
    assert "organization" in error.value.message_dict


def test_an_empty_title_is_refused(world):
    with pytest.raises(ValidationError) as error:
        f.action_item(world, title="   ")
    assert "title" in error.value.message_dict


def test_the_owner_moves_status_and_note_only(world):
    item = f.action_item(world)
    item = action_items.action_item_move(user=world.partner, item=item, status="done", note="Sent")
    assert item.status == ActionItemStatus.DONE and item.completed_at is not None
    item = action_items.action_item_move(user=world.partner, item=item, status="in_progress")
    assert item.completed_at is None and item.note == "Sent"
    with pytest.raises(PermissionDenied):
        action_items.action_item_update(user=world.partner, item=item, title="Mine now")
    with pytest.raises(PermissionDenied):
        action_items.action_item_move(user=world.viewer, item=item, status="done")


def test_staff_change_everything_and_a_new_owner_hears_of_it(world):
    item = f.action_item(world)
    action_items.action_item_update(user=world.backbone, item=item, owner=world.backbone)
    item.refresh_from_db()
    assert item.owner == world.backbone and item.organization is None
    assert Event.objects.filter(kind=EventKind.ACTION_ITEM_ASSIGNED).count() == 2


def test_the_runner_gives_items_in_their_meeting(world):
    convener = f.convener(world)
    theirs = f.meeting(world, convener=convener)
    item = f.action_item(world, meeting=theirs, user=convener)
    action_items.action_item_update(user=convener, item=item, title="Changed")
    with pytest.raises(PermissionDenied):
        f.action_item(world, user=convener)


def test_the_owner_always_sees_their_item(world):
    private = f.meeting(world, shared=False)
    item = f.action_item(world, meeting=private)
    assert list(selectors.action_item_list(user=world.partner, initiative=world.initiative)) == [
        item
    ]
    assert not selectors.action_item_list(user=world.viewer, initiative=world.initiative).exists()
    assert list(selectors.action_items_visible_to(user=world.partner)) == [item]


def test_my_items_and_overdue(world):
    late = f.action_item(world, due_on=TODAY() - timedelta(days=2))
    f.action_item(world, title="Later", due_on=TODAY() + timedelta(days=2))
    f.action_item(world, title="Not mine", owner=world.backbone, due_on=TODAY() - timedelta(1))
    assert selectors.my_open_action_items(user=world.partner).count() == 2
    overdue = selectors.overdue_action_items(user=world.backbone, initiative=world.initiative)
    assert late in overdue and overdue.count() == 2
