"""Review of submitted values: approve, return, reopen. One writer for each, for one value or
a selection; each change is recorded in the value's history, and a change that moves a shared
figure asks for its rollup.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative

from .. import permissions
from ..models import PeriodState, Submission, SubmissionEvent, SubmissionState
from .periods import PERIOD_LOCKED
from .rollups import rollup_request

ONLY_BACKBONE_REVIEWS = gettext_lazy("Only the backbone staff review values.")

Action = SubmissionEvent.Action
# What each review action takes a value from, and to.
_STEPS = {
    Action.APPROVED: (SubmissionState.SUBMITTED, SubmissionState.APPROVED),
    Action.RETURNED: (SubmissionState.SUBMITTED, SubmissionState.RETURNED),
    Action.REOPENED: (SubmissionState.APPROVED, SubmissionState.RETURNED),
}


@dataclass
class ReviewResult:
    done: list[Submission] = field(default_factory=list)
    refused: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (message, code)


def _refusal(user, submission: Submission, action: str) -> tuple[str, str] | None:
    if not permissions.can_review(user, submission.indicator.initiative):
        return str(ONLY_BACKBONE_REVIEWS), "forbidden"
    if submission.period.state == PeriodState.LOCKED:
        message = str(PERIOD_LOCKED)
        return message % {"period": submission.period}, "invalid"
    needed, _to = _STEPS[action]
    if submission.state == needed:
        return None
    state = submission.get_state_display().lower()
    if action == Action.APPROVED:
        message = _("Only a submitted value can be approved; this one is %(state)s.")
    elif action == Action.RETURNED:
        message = _("Only a submitted value can be returned; this one is %(state)s.")
    else:
        return _("Only an approved value can be reopened."), "invalid"
    return message % {"state": state}, "invalid"


@transaction.atomic
def submissions_review(
    *,
    user,
    submission_ids: list[int],
    action: str,
    note: str = "",
    initiative: Initiative | None = None,
) -> ReviewResult:
    """Approve, return or reopen the values among the ids that may be; say why for the others.

    Returning and reopening need a note for the partner. Rows are locked in id order, so that
    a reviewer arriving second sees the first one's decision and gets a clear refusal.
    """
    note = note.strip()
    if action != Action.APPROVED and not note:
        if action == Action.RETURNED:
            raise ValidationError({"note": _("Say what should be corrected.")})
        raise ValidationError({"note": _("Say why the approved value is reopened.")})
    rows = Submission.objects.select_for_update(of=("self",)).filter(pk__in=submission_ids)
    if initiative is not None:
        rows = rows.filter(indicator__initiative=initiative)
    result = ReviewResult()
    for submission in rows.select_related("period", "indicator__initiative").order_by("pk"):
        if refused := _refusal(user, submission, action):
            result.refused[submission.pk] = refused
        else:
            result.done.append(submission)
    if result.done:
        _record(user, result.done, action, note)
    return result


def _record(user, submissions: list[Submission], action: str, note: str) -> None:
    now, (from_state, to_state) = timezone.now(), _STEPS[action]
    update = {
        "state": to_state,
        "reviewed_at": now,
        "reviewed_by": user,
        "updated_at": now,
        "version": F("version") + 1,
    }
    if action != Action.APPROVED:
        update["review_note"] = note
    Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(**update)
    for submission in submissions:
        submission.state, submission.reviewed_at, submission.reviewed_by = to_state, now, user
        submission.version += 1
        if action != Action.APPROVED:
            submission.review_note = note
    SubmissionEvent.objects.bulk_create(
        SubmissionEvent(
            submission=submission,
            actor=user,
            action=action,
            from_state=from_state,
            to_state=to_state,
            note=note,
        )
        for submission in submissions
    )
    if action != Action.RETURNED:  # approving and reopening move the shared figure
        rollup_request((s.indicator_id, s.period_id) for s in submissions)


def _one(*, user, submission_id: int, action: str, note: str = "") -> Submission:
    result = submissions_review(user=user, submission_ids=[submission_id], action=action, note=note)
    if result.done:
        return result.done[0]
    if submission_id not in result.refused:
        raise Submission.DoesNotExist
    message, code = result.refused[submission_id]
    raise PermissionDenied(message) if code == "forbidden" else ValidationError(message)


def submission_approve(*, submission_id: int, user) -> Submission:
    """Approve a submitted value. A second reviewer arriving late gets a clear refusal."""
    return _one(user=user, submission_id=submission_id, action=Action.APPROVED)


def submission_return(*, submission_id: int, user, note: str) -> Submission:
    """Send a submitted value back to the partner with a note saying what to fix."""
    return _one(user=user, submission_id=submission_id, action=Action.RETURNED, note=note)


def submission_reopen(*, submission_id: int, user, note: str) -> Submission:
    """A backbone action: take an approved value out of the rollup and back to the partner."""
    return _one(user=user, submission_id=submission_id, action=Action.REOPENED, note=note)


def submissions_approve_bulk(*, initiative: Initiative, submission_ids: list[int], user) -> int:
    """Approve every submitted value among the ids of the initiative. Returns how many."""
    result = submissions_review(
        user=user, submission_ids=submission_ids, action=Action.APPROVED, initiative=initiative
    )
    return len(result.done)
