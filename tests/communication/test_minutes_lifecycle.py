"""The minutes' lifecycle through its services: every transition, the wrong states refused,
locked after approval, a correction recorded, the events told to the meeting's audience."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communication.audience import event_visibility
from communication.models import Event, EventKind, MinutesCorrection, MinutesState
from communication.services import minutes as services
from tests.communication import minutes_factories as f


def test_runner_drafts_then_edits_the_draft(world):
    meeting = f.meeting(world)
    minutes = f.drafted(world, meeting, body="First words")
    minutes = services.minutes_save(user=world.backbone, meeting=meeting, body="Second words")
    assert minutes.state == MinutesState.DRAFT
    assert minutes.body == "Second words"
    assert minutes.drafted_by == world.backbone


def test_minutes_wait_for_the_meeting_to_start(world):
    with pytest.raises(ValidationError, match="once the meeting has started"):
        f.drafted(world, f.meeting(world, started=False))


def test_a_partner_who_does_not_run_the_meeting_cannot_draft(world):
    with pytest.raises(PermissionDenied):
        f.drafted(world, f.meeting(world), user=world.partner)


def test_the_convener_runs_their_meeting(world):
    convener = f.convener(world)
    meeting = f.meeting(world, convener=convener)
    minutes = f.drafted(world, meeting, user=convener)
    minutes = services.minutes_circulate(user=convener, minutes=minutes)
    assert services.minutes_approve(user=convener, minutes=minutes).is_locked


def test_circulating_records_an_event_for_the_meeting(world):
    meeting = f.meeting(world, shared=False)
    f.invite(meeting, world.partner, world.partner_org)
    f.circulated(world, meeting)
    event = Event.objects.get(kind=EventKind.MINUTES_CIRCULATED)
    assert event.meeting == meeting and event.params == {"name": meeting.title}
    assert event.path.endswith(f"/meetings/{meeting.pk}/minutes/")
    seen = Event.objects.filter(event_visibility(world.partner, world.initiative))
    assert list(seen) == [event]
    assert not Event.objects.filter(event_visibility(world.viewer, world.initiative)).exists()


def test_empty_minutes_cannot_circulate(world):
    minutes = f.drafted(world, f.meeting(world), body="")
    with pytest.raises(ValidationError) as error:
        services.minutes_circulate(user=world.backbone, minutes=minutes)
    assert "body" in error.value.message_dict


def test_invitee_asks_for_a_correction_and_runner_marks_it(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    minutes = f.circulated(world, meeting)
    comment = services.minutes_comment_add(user=world.partner, minutes=minutes, text="Add me")
    services.minutes_comment_resolve(user=world.backbone, comment=comment)
    comment.refresh_from_db()
    assert comment.resolved and comment.author == world.partner
    # while it circulates, the runner still edits the text
    services.minutes_save(user=world.backbone, meeting=meeting, body="We met; Masar too.")


def test_an_attendee_may_ask_too_but_not_someone_else(world):
    meeting = f.meeting(world)
    f.attended(meeting, world.partner)
    minutes = f.circulated(world, meeting)
    services.minutes_comment_add(user=world.partner, minutes=minutes, text="Typo")
    with pytest.raises(PermissionDenied):
        services.minutes_comment_add(user=world.viewer, minutes=minutes, text="Me too")


def test_no_correction_request_on_a_draft(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    minutes = f.drafted(world, meeting)
    with pytest.raises(ValidationError, match="only while the minutes circulate"):
        services.minutes_comment_add(user=world.partner, minutes=minutes, text="x")


def test_an_empty_request_is_refused_at_its_field(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    minutes = f.circulated(world, meeting)
    with pytest.raises(ValidationError) as error:
        services.minutes_comment_add(user=world.partner, minutes=minutes, text="   ")
    assert "text" in error.value.message_dict


def test_a_draft_cannot_be_approved(world):
    minutes = f.drafted(world, f.meeting(world))
    with pytest.raises(ValidationError, match="Circulate the minutes"):
        services.minutes_approve(user=world.backbone, minutes=minutes)


def test_approval_locks_and_is_told(world):
    meeting = f.meeting(world)
    minutes = f.approved(world, meeting)
    assert minutes.state == MinutesState.APPROVED and minutes.approved_by == world.backbone
    assert Event.objects.filter(kind=EventKind.MINUTES_APPROVED, meeting=meeting).count() == 1
    with pytest.raises(ValidationError, match="locked"):
        services.minutes_save(user=world.backbone, meeting=meeting, body="Changed")
    with pytest.raises(ValidationError, match="already approved"):
        services.minutes_approve(user=world.backbone, minutes=minutes)
    with pytest.raises(ValidationError):
        services.minutes_circulate(user=world.backbone, minutes=minutes)


def test_a_correction_after_approval_is_recorded(world):
    meeting = f.meeting(world)
    minutes = f.approved(world, meeting, body="Old text")
    correction = services.minutes_correct(
        user=world.backbone, minutes=minutes, body="New text", reason="A name was wrong"
    )
    minutes.refresh_from_db()
    assert minutes.body == "New text" and minutes.state == MinutesState.APPROVED
    assert (correction.body_before, correction.body_after) == ("Old text", "New text")
    assert correction.made_by == world.backbone and correction.reason == "A name was wrong"


def test_a_correction_needs_a_reason_and_a_change(world):
    minutes = f.approved(world, f.meeting(world), body="Same")
    with pytest.raises(ValidationError) as error:
        services.minutes_correct(user=world.backbone, minutes=minutes, body="Same", reason="")
    assert set(error.value.message_dict) == {"body", "reason"}
    assert not MinutesCorrection.objects.exists()


def test_a_draft_is_not_corrected(world):
    minutes = f.drafted(world, f.meeting(world))
    with pytest.raises(ValidationError, match="Only approved minutes"):
        services.minutes_correct(user=world.backbone, minutes=minutes, body="x", reason="y")


def test_only_the_runner_corrects(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    minutes = f.approved(world, meeting)
    with pytest.raises(PermissionDenied):
        services.minutes_correct(user=world.partner, minutes=minutes, body="x", reason="y")


def test_a_cancelled_meeting_has_no_minutes(world):
    meeting = f.meeting(world, status="cancelled", cancelled_at=timezone.now() - timedelta(1))
    with pytest.raises(ValidationError, match="cancelled"):
        f.drafted(world, meeting)
