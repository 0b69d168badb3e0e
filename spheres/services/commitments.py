"""Joint commitments of an impact sphere: the facilitator proposes, edits, fulfils or withdraws
one (MANAGE_COMMITMENTS); each current member organization, through its representative, opts
in or declines and reports on its part (ANSWER_COMMITMENTS, for its own organization only:
nobody commits for another organization, not the facilitator, not a superuser).

One writer per change, called by the pages, the API, admin and the demo alike. Each checks the
policy, refuses at the field with a ValidationError, and locks the commitment's row, so that a
fulfilment and an answer cannot cross."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal
from initiatives.models import Initiative, Participation, User
from initiatives.permissions import Action, can, membership_for
from sheatufim.text import clean_text

from ..models import (
    Commitment,
    CommitmentAnswer,
    CommitmentProgress,
    CommitmentReport,
    CommitmentStatus,
    OptIn,
)
from ..models.commitments import NOTE_MAX, REASON_MAX

TITLE_MAX = 300
COMMITMENT_FIELDS = ("title", "description", "goal", "review_on")

TITLE_NEEDED = _("Give the commitment in a few words.")
TITLE_TOO_LONG = _("Keep the commitment to 300 characters.")
TEXT_TOO_LONG = _("Keep it to %(max)d characters.")
CHOOSE_GOAL = _("Choose one of the sphere's goals.")
GIVE_DATE = _("Give a review date.")
DATE_PASSED = _("The review date cannot be in the past.")
NOT_OPEN = _("This commitment is closed: it cannot change any more.")
NOTHING_IN = _("No member organization has opted in: there is nothing to fulfil.")
NOT_ALL_DONE = _(
    "Not every organization that opted in has reported its part done: %(waiting)d still "
    "working on it."
)
REASON_NEEDED = _("Say why the commitment is withdrawn.")
CHOOSE_ANSWER = _("Choose whether your organization is in or declines.")
CHOOSE_PROGRESS = _("Choose done, in progress or not started.")
NOT_A_MEMBER = _(
    "Your organization is no longer a member of the sphere: it cannot answer any more."
)
NOT_IN = _("Your organization has not opted in: opt in before reporting on its part.")


def too_long(limit: int):
    """The message of a text over `limit` characters, translated when shown."""
    return lazy(lambda: str(TEXT_TOO_LONG) % {"max": limit}, str)()


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError({field: [str(message)] for field, message in errors.items()})


def _text(value, field: str, *, limit: int, one_line: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        _raise({field: _("Give text.")})
    try:
        value = clean_text(value).strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if one_line:
        value = " ".join(value.split())
    if len(value) > limit:
        _raise({field: too_long(limit)})
    return value


def check_manage(by: User, sphere: Initiative) -> None:
    """PermissionDenied unless `by` runs the sphere's commitments (its facilitator)."""
    if not sphere.is_sphere or not can(by, Action.MANAGE_COMMITMENTS, sphere):
        raise PermissionDenied


def answering_organization_id(user, sphere: Initiative) -> int | None:
    """The organization `user` answers commitments for: their membership's, when the policy
    grants ANSWER_COMMITMENTS (None: they answer for no one, superusers included)."""
    if not sphere.is_sphere or not can(user, Action.ANSWER_COMMITMENTS, sphere):
        return None
    membership = membership_for(user, sphere)
    return membership.organization_id if membership else None


def is_current_member(sphere: Initiative, organization_id: int | None) -> bool:
    return (
        organization_id is not None
        and Participation.objects.active()
        .filter(initiative=sphere, organization_id=organization_id)
        .exists()
    )


def _checked(commitment: Commitment, *, review_changed: bool, today: date) -> None:
    errors = {}
    if not commitment.title:
        errors["title"] = TITLE_NEEDED
    goal = commitment.goal if commitment.goal_id else None
    if goal is not None and (goal.initiative_id != commitment.sphere_id or goal.retired):
        errors["goal"] = CHOOSE_GOAL
    if not isinstance(commitment.review_on, date):
        errors["review_on"] = GIVE_DATE
    elif review_changed and commitment.review_on < today:
        errors["review_on"] = DATE_PASSED
    _raise(errors)


def _goal(value) -> Goal | None:
    if value is None or isinstance(value, Goal):
        return value
    _raise({"goal": CHOOSE_GOAL})


@transaction.atomic
def commitment_propose(
    *,
    sphere: Initiative,
    title: str,
    review_on: date,
    description: str = "",
    goal: Goal | None = None,
    by: User,
) -> Commitment:
    """The facilitator proposes a commitment: open, waiting for the members' answers."""
    check_manage(by, sphere)
    commitment = Commitment(
        sphere=sphere,
        title=_text(title, "title", limit=TITLE_MAX, one_line=True),
        description=_text(description, "description", limit=NOTE_MAX),
        goal=_goal(goal),
        review_on=review_on,
        created_by=by,
    )
    _checked(commitment, review_changed=True, today=timezone.localdate())
    commitment.save()
    return commitment


def _locked(commitment: Commitment) -> Commitment:
    return (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("sphere", "goal")
        .get(pk=commitment.pk)
    )


def _open(commitment: Commitment) -> None:
    if commitment.status != CommitmentStatus.OPEN:
        raise ValidationError(NOT_OPEN)


@transaction.atomic
def commitment_update(*, commitment: Commitment, by: User, **changes) -> Commitment:
    """Change an open commitment's text, goal or review date (a new date not in the past)."""
    unknown = set(changes) - set(COMMITMENT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a commitment: {sorted(unknown)}")
    commitment = _locked(commitment)
    check_manage(by, commitment.sphere)
    _open(commitment)
    before = commitment.review_on
    for name, value in changes.items():
        if name == "title":
            value = _text(value, name, limit=TITLE_MAX, one_line=True)
        elif name == "description":
            value = _text(value, name, limit=NOTE_MAX)
        elif name == "goal":
            value = _goal(value)
        setattr(commitment, name, value)
    _checked(commitment, review_changed=commitment.review_on != before, today=timezone.localdate())
    commitment.save()
    return commitment


def _current_ids(sphere: Initiative) -> set[int]:
    return set(
        Participation.objects.active()
        .filter(initiative=sphere)
        .values_list("organization_id", flat=True)
    )


@transaction.atomic
def commitment_fulfil(*, commitment: Commitment, by: User, note: str = "") -> Commitment:
    """Mark an open commitment fulfilled: at least one current member is in and every current
    member that is in reports its part done. A former member's answer stays in the record but
    no longer holds the sphere back (it cannot report any more)."""
    commitment = _locked(commitment)
    check_manage(by, commitment.sphere)
    _open(commitment)
    note = _text(note, "note", limit=REASON_MAX)
    current = _current_ids(commitment.sphere)
    progress = list(
        CommitmentAnswer.objects.filter(
            commitment=commitment, answer=OptIn.IN, organization_id__in=current
        ).values_list("progress", flat=True)
    )
    if not progress:
        raise ValidationError(NOTHING_IN)
    waiting = sum(1 for value in progress if value != CommitmentProgress.DONE)
    if waiting:
        raise ValidationError(NOT_ALL_DONE % {"waiting": waiting})
    return _close(commitment, CommitmentStatus.FULFILLED, note, by)


@transaction.atomic
def commitment_withdraw(*, commitment: Commitment, reason: str, by: User) -> Commitment:
    """Withdraw an open commitment, with the reason kept in its record."""
    commitment = _locked(commitment)
    check_manage(by, commitment.sphere)
    _open(commitment)
    reason = _text(reason, "reason", limit=REASON_MAX)
    if not reason:
        _raise({"reason": REASON_NEEDED})
    return _close(commitment, CommitmentStatus.WITHDRAWN, reason, by)


def _close(commitment: Commitment, status: str, note: str, by: User) -> Commitment:
    commitment.status, commitment.closing_note = status, note
    commitment.closed_at, commitment.closed_by = timezone.now(), by
    commitment.save(update_fields=["status", "closing_note", "closed_at", "closed_by"])
    return commitment


def _answerer(commitment: Commitment, by: User) -> int:
    """The organization `by` answers for, a current member; PermissionDenied for anyone who
    answers for no organization, a refusal for a former member."""
    organization_id = answering_organization_id(by, commitment.sphere)
    if organization_id is None:
        raise PermissionDenied
    if not is_current_member(commitment.sphere, organization_id):
        raise ValidationError(NOT_A_MEMBER)
    return organization_id


@transaction.atomic
def commitment_answer(
    *, commitment: Commitment, answer: str, by: User, note: str | None = None
) -> CommitmentAnswer:
    """The representative's organization opts in or declines (and may change its mind while
    the commitment is open). The organization is the representative's own, never given."""
    commitment = _locked(commitment)
    organization_id = _answerer(commitment, by)
    _open(commitment)
    if answer not in OptIn.values:
        _raise({"answer": CHOOSE_ANSWER})
    return answer_record(
        commitment=commitment, organization_id=organization_id, answer=answer, note=note, by=by
    )


@transaction.atomic
def commitment_report(
    *, commitment: Commitment, progress: str, by: User, note: str = ""
) -> CommitmentAnswer:
    """An organization that is in reports on its part; every report is kept."""
    commitment = _locked(commitment)
    organization_id = _answerer(commitment, by)
    _open(commitment)
    if progress not in CommitmentProgress.values:
        _raise({"progress": CHOOSE_PROGRESS})
    note = _text(note, "note", limit=NOTE_MAX)
    found = CommitmentAnswer.objects.filter(
        commitment=commitment, organization_id=organization_id, answer=OptIn.IN
    ).first()
    if found is None:
        raise ValidationError(NOT_IN)
    return report_record(answer=found, progress=progress, note=note, by=by)


def answer_record(
    *, commitment: Commitment, organization_id: int, answer: str, note: str | None, by
) -> CommitmentAnswer:
    """The write of an answer, without the policy's check: callers check (the services above;
    the demo, for organizations without a login). Inside their transaction."""
    found = CommitmentAnswer.objects.filter(
        commitment=commitment, organization_id=organization_id
    ).first()
    found = found or CommitmentAnswer(commitment=commitment, organization_id=organization_id)
    found.answer, found.answered_by = answer, by
    if note is not None:
        found.note = _text(note, "note", limit=NOTE_MAX)
    found.save()
    return found


def report_record(*, answer: CommitmentAnswer, progress: str, note: str, by) -> CommitmentAnswer:
    """The write of a progress report (the answer holds the latest; the report row keeps it)."""
    answer.progress, answer.note = progress, note
    answer.save(update_fields=["progress", "note", "updated_at"])
    CommitmentReport.objects.create(answer=answer, progress=progress, note=note, reported_by=by)
    return answer
