"""The services of joint commitments: bad input refused at the field, the fulfilment rules,
answers only by the organization itself (never the facilitator, never a superuser), former
members, and every report kept."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from spheres.models import CommitmentAnswer, CommitmentReport, CommitmentStatus
from spheres.services import commitments as services
from tests.spheres.commitments_world import build, commitment, leave

TODAY = timezone.localdate


@pytest.fixture
def w(db):
    return build()


def _fields(excinfo) -> dict:
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"review_on": TODAY() - timedelta(days=1)}, "review_on"),
        ({"review_on": None}, "review_on"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_propose_refuses_bad_input_at_the_field(w, changes, field):
    with pytest.raises(ValidationError) as excinfo:
        commitment(w, **changes)
    assert field in _fields(excinfo)


def test_propose_refuses_a_goal_of_another_initiative(w):
    with pytest.raises(ValidationError) as excinfo:
        commitment(w, goal=w.foreign_goal)
    assert "goal" in _fields(excinfo)


def test_propose_refuses_a_retired_goal(w):
    w.goal.retired = True
    w.goal.save()
    with pytest.raises(ValidationError) as excinfo:
        commitment(w)
    assert "goal" in _fields(excinfo)


@pytest.mark.parametrize("persona", ["partner", "viewer", "outsider", "other_partner"])
def test_only_the_facilitator_proposes(w, persona):
    with pytest.raises(PermissionDenied):
        services.commitment_propose(
            sphere=w.sphere,
            title="Mine",
            review_on=TODAY(),
            by=getattr(w, persona),
        )


def test_edit_while_open_and_an_overdue_date_may_stay(w):
    made = commitment(w)
    services.commitment_update(commitment=made, title="Renamed", by=w.facilitator)
    made.refresh_from_db()
    assert made.title == "Renamed"
    type(made).objects.filter(pk=made.pk).update(review_on=TODAY() - timedelta(days=3))
    made.refresh_from_db()
    services.commitment_update(commitment=made, description="More", by=w.facilitator)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_update(
            commitment=made, review_on=TODAY() - timedelta(days=1), by=w.facilitator
        )
    assert "review_on" in _fields(excinfo)


def test_fulfil_needs_someone_in(w):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="declined", by=w.partner)
    with pytest.raises(ValidationError, match="No member organization has opted in"):
        services.commitment_fulfil(commitment=made, by=w.facilitator)


def test_fulfil_needs_every_organization_in_done(w):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="in", by=w.partner)
    services.commitment_answer(commitment=made, answer="in", by=w.second_partner)
    services.commitment_report(commitment=made, progress="done", by=w.partner)
    services.commitment_report(commitment=made, progress="in_progress", by=w.second_partner)
    with pytest.raises(ValidationError, match="1 still working"):
        services.commitment_fulfil(commitment=made, by=w.facilitator)
    services.commitment_report(commitment=made, progress="done", by=w.second_partner)
    done = services.commitment_fulfil(commitment=made, by=w.facilitator)
    assert done.status == CommitmentStatus.FULFILLED
    assert done.closed_by == w.facilitator and done.closed_at is not None
    with pytest.raises(ValidationError):
        services.commitment_answer(commitment=made, answer="declined", by=w.partner)
    with pytest.raises(ValidationError):
        services.commitment_update(commitment=made, title="Again", by=w.facilitator)


def test_a_former_member_no_longer_holds_the_fulfilment_back(w):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="in", by=w.partner)
    services.commitment_answer(commitment=made, answer="in", by=w.second_partner)
    services.commitment_report(commitment=made, progress="done", by=w.partner)
    leave(w, w.achva)
    assert services.commitment_fulfil(commitment=made, by=w.facilitator).status == "fulfilled"
    assert CommitmentAnswer.objects.filter(organization=w.achva).exists()  # kept


def test_withdraw_keeps_the_reason(w):
    made = commitment(w)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_withdraw(commitment=made, reason="  ", by=w.facilitator)
    assert "reason" in _fields(excinfo)
    with pytest.raises(PermissionDenied):
        services.commitment_withdraw(commitment=made, reason="No", by=w.partner)
    gone = services.commitment_withdraw(commitment=made, reason="Funding fell", by=w.facilitator)
    assert (gone.status, gone.closing_note) == ("withdrawn", "Funding fell")


def test_an_answer_is_for_the_representatives_own_organization(w):
    made = commitment(w)
    answer = services.commitment_answer(commitment=made, answer="in", note="Yes", by=w.partner)
    assert answer.organization == w.yahad
    changed = services.commitment_answer(commitment=made, answer="declined", by=w.partner)
    assert changed.pk == answer.pk and changed.answer == "declined"
    assert CommitmentAnswer.objects.filter(commitment=made).count() == 1


@pytest.mark.parametrize("persona", ["facilitator", "superuser", "viewer", "other_partner"])
def test_nobody_answers_for_an_organization_but_its_representative(w, persona):
    made = commitment(w)
    with pytest.raises(PermissionDenied):
        services.commitment_answer(commitment=made, answer="in", by=getattr(w, persona))
    with pytest.raises(PermissionDenied):
        services.commitment_report(commitment=made, progress="done", by=getattr(w, persona))
    assert not CommitmentAnswer.objects.exists()


def test_a_former_member_cannot_answer_and_its_answer_stays(w):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="in", by=w.partner)
    leave(w, w.yahad)
    with pytest.raises(ValidationError, match="no longer a member"):
        services.commitment_answer(commitment=made, answer="declined", by=w.partner)
    with pytest.raises(ValidationError, match="no longer a member"):
        services.commitment_report(commitment=made, progress="done", by=w.partner)
    assert CommitmentAnswer.objects.get(organization=w.yahad).answer == "in"


def test_reports_need_the_organization_in_and_are_all_kept(w):
    made = commitment(w)
    with pytest.raises(ValidationError, match="has not opted in"):
        services.commitment_report(commitment=made, progress="done", by=w.partner)
    services.commitment_answer(commitment=made, answer="in", by=w.partner)
    services.commitment_report(commitment=made, progress="in_progress", note="Half", by=w.partner)
    services.commitment_report(commitment=made, progress="done", note="All", by=w.partner)
    answer = CommitmentAnswer.objects.get(commitment=made)
    assert (answer.progress, answer.note) == ("done", "All")
    assert list(CommitmentReport.objects.values_list("progress", flat=True)) == [
        "done",
        "in_progress",
    ]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"progress": "finished"}, "progress"),
        ({"progress": "done", "note": "x" * 2001}, "note"),
    ],
)
def test_report_bad_input(w, kwargs, field):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="in", by=w.partner)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_report(commitment=made, by=w.partner, **kwargs)
    assert field in _fields(excinfo)


def test_answer_bad_input(w):
    made = commitment(w)
    with pytest.raises(ValidationError) as excinfo:
        services.commitment_answer(commitment=made, answer="maybe", by=w.partner)
    assert "answer" in _fields(excinfo)
