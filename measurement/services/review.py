"""Review of submitted values: approve, return, reopen. Each recorded in the value's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from initiatives.services import enqueue_on_commit

from ..models import (
    PeriodState,
    RollupRequest,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from .submissions import _locked_submission, _record, _refuse_locked, _request_rollup


@transaction.atomic
def submission_approve(*, submission_id: int, user) -> Submission:
    """Approve a submitted value. A second reviewer arriving late gets a clear refusal."""
    submission = _locked_submission(submission_id)
    _refuse_locked(submission.period)
    if submission.state != SubmissionState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be approved; this one is %(state)s.")
            % {"state": submission.get_state_display().lower()}
        )
    submission.state = SubmissionState.APPROVED
    submission.reviewed_at, submission.reviewed_by = timezone.now(), user
    submission.version += 1
    submission.save(update_fields=["state", "reviewed_at", "reviewed_by", "version", "updated_at"])
    _record(submission, user=user, action=SubmissionEvent.Action.APPROVED, from_state="submitted")
    _request_rollup(submission)
    return submission


@transaction.atomic
def submission_return(*, submission_id: int, user, note: str) -> Submission:
    """Send a submitted value back to the partner with a note saying what to fix."""
    if not note.strip():
        raise ValidationError({"note": _("Say what should be corrected.")})
    submission = _locked_submission(submission_id)
    _refuse_locked(submission.period)
    if submission.state != SubmissionState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be returned; this one is %(state)s.")
            % {"state": submission.get_state_display().lower()}
        )
    return _send_back(submission, user=user, note=note, action=SubmissionEvent.Action.RETURNED)


@transaction.atomic
def submission_reopen(*, submission_id: int, user, note: str) -> Submission:
    """A backbone action: take an approved value out of the rollup and back to the partner."""
    if not note.strip():
        raise ValidationError({"note": _("Say why the approved value is reopened.")})
    submission = _locked_submission(submission_id)
    _refuse_locked(submission.period)
    if submission.state != SubmissionState.APPROVED:
        raise ValidationError(_("Only an approved value can be reopened."))
    _send_back(submission, user=user, note=note, action=SubmissionEvent.Action.REOPENED)
    _request_rollup(submission)
    return submission


def _send_back(submission: Submission, *, user, note: str, action: str) -> Submission:
    from_state = submission.state
    submission.state = SubmissionState.RETURNED
    submission.review_note = note.strip()
    submission.reviewed_at, submission.reviewed_by = timezone.now(), user
    submission.version += 1
    submission.save(
        update_fields=[
            "state",
            "review_note",
            "reviewed_at",
            "reviewed_by",
            "version",
            "updated_at",
        ]
    )
    _record(submission, user=user, action=action, from_state=from_state, note=note.strip())
    return submission


@transaction.atomic
def submissions_approve_bulk(*, initiative: Initiative, submission_ids: list[int], user) -> int:
    """Approve every submitted value among the ids, in one transaction. Returns how many."""
    now = timezone.now()
    rows = list(
        Submission.objects.select_for_update(of=("self",))
        .filter(
            pk__in=submission_ids,
            indicator__initiative=initiative,
            state=SubmissionState.SUBMITTED,
        )
        .filter(~Q(period__state=PeriodState.LOCKED))
        .values_list("pk", "indicator_id", "period_id")
    )
    if not rows:
        return 0
    ids = [pk for pk, _i, _p in rows]
    Submission.objects.filter(pk__in=ids).update(
        state=SubmissionState.APPROVED,
        reviewed_at=now,
        reviewed_by=user,
        updated_at=now,
        version=F("version") + 1,
    )
    SubmissionEvent.objects.bulk_create(
        SubmissionEvent(
            submission_id=pk,
            actor=user,
            action=SubmissionEvent.Action.APPROVED,
            from_state=SubmissionState.SUBMITTED,
            to_state=SubmissionState.APPROVED,
        )
        for pk in ids
    )
    RollupRequest.objects.bulk_create(
        RollupRequest(indicator_id=indicator, period_id=period)
        for indicator, period in {(i, p) for _pk, i, p in rows}
    )
    from ..tasks import rollup_process_requests_task

    enqueue_on_commit(rollup_process_requests_task)
    return len(ids)
