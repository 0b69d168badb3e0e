"""The minutes' lifecycle, the one write path of pages, the API and admin:
draft (whoever runs the meeting, once it has started) → circulated (invitees and attendees ask
for corrections) → approved (locked; a later change is a recorded `MinutesCorrection`).
Each step refuses the wrong state with a message, and checks the policy itself."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import User
from sheatufim.text import clean_text

from .. import permissions
from ..models import EventKind, Meeting, Minutes, MinutesComment, MinutesCorrection, MinutesState
from .events import event_record


def minutes_path(meeting: Meeting) -> str:
    return reverse("communication:minutes", args=[meeting.initiative.slug, meeting.pk])


def _require_runner(user: User, meeting: Meeting) -> None:
    if not permissions.can_run_meeting(user, meeting):
        raise PermissionDenied


def _locked(minutes: Minutes) -> Minutes:
    """The minutes, locked for the rest of the transaction (two approvals cannot cross)."""
    return (
        Minutes.objects.select_for_update().select_related("meeting__initiative").get(pk=minutes.pk)
    )


def _clean_body(body: str, field: str = "body") -> str:
    try:
        return clean_text(body or "").strip()
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def _clean_versions(translations: dict | None) -> dict:
    cleaned: dict = {}
    for lang, text in ((translations or {}).get("body") or {}).items():
        text = _clean_body(str(text or ""))
        if text:
            cleaned.setdefault("body", {})[lang] = text
    return cleaned


@transaction.atomic
def minutes_save(
    *,
    user: User,
    meeting: Meeting,
    body: str,
    language: str = "",
    translations: dict | None = None,
) -> Minutes:
    """Write or edit the minutes' text, while they are a draft or circulate."""
    _require_runner(user, meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled: it has no minutes."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("The minutes can be written once the meeting has started."))
    minutes, _created = Minutes.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"drafted_by": user}
    )
    if minutes.is_locked:
        raise ValidationError(
            _("These minutes are approved and locked: record a correction instead.")
        )
    minutes.body = _clean_body(body)
    minutes.language = language or ""
    minutes.translations = _clean_versions(translations)
    minutes.full_clean(exclude=["meeting", "drafted_by", "approved_by"])
    minutes.save()
    return minutes


@transaction.atomic
def minutes_circulate(*, user: User, minutes: Minutes) -> Minutes:
    """Send the draft to the invitees and attendees for corrections."""
    minutes = _locked(minutes)
    meeting = minutes.meeting
    _require_runner(user, meeting)
    if minutes.state != MinutesState.DRAFT:
        raise ValidationError(_("Only a draft can be circulated for corrections."))
    if not minutes.body:
        raise ValidationError({"body": _("Write the minutes before circulating them.")})
    minutes.state = MinutesState.CIRCULATED
    minutes.circulated_at = timezone.now()
    minutes.save(update_fields=["state", "circulated_at", "updated_at"])
    _event(EventKind.MINUTES_CIRCULATED, user, meeting)
    return minutes


@transaction.atomic
def minutes_comment_add(*, user: User, minutes: Minutes, text: str) -> MinutesComment:
    """An invitee's or attendee's request for a correction, while the minutes circulate."""
    minutes = _locked(minutes)
    if not permissions.can_view_meeting(user, minutes.meeting):
        raise PermissionDenied
    if minutes.state != MinutesState.CIRCULATED:
        raise ValidationError(_("Corrections can be asked for only while the minutes circulate."))
    if not permissions.can_comment_minutes(user, minutes):
        raise PermissionDenied
    text = _clean_body(text, "text")
    if not text:
        raise ValidationError({"text": _("Say what should be corrected.")})
    comment = MinutesComment(minutes=minutes, author=user, text=text)
    comment.full_clean(exclude=["minutes", "author"])
    comment.save()
    return comment


@transaction.atomic
def minutes_comment_resolve(
    *, user: User, comment: MinutesComment, resolved: bool = True
) -> MinutesComment:
    """Mark a request for a correction as taken into account (or not), while they circulate."""
    minutes = _locked(comment.minutes)
    _require_runner(user, minutes.meeting)
    if minutes.state != MinutesState.CIRCULATED:
        raise ValidationError(_("Requests can be marked only while the minutes circulate."))
    comment.resolved = resolved
    comment.save(update_fields=["resolved"])
    return comment


@transaction.atomic
def minutes_approve(*, user: User, minutes: Minutes) -> Minutes:
    """Approve circulated minutes: from now on they are locked."""
    minutes = _locked(minutes)
    meeting = minutes.meeting
    _require_runner(user, meeting)
    if minutes.state != MinutesState.CIRCULATED:
        if minutes.state == MinutesState.APPROVED:
            raise ValidationError(_("These minutes are already approved."))
        raise ValidationError(_("Circulate the minutes for corrections before approving them."))
    minutes.state = MinutesState.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = user
    minutes.save(update_fields=["state", "approved_at", "approved_by", "updated_at"])
    _event(EventKind.MINUTES_APPROVED, user, meeting)
    return minutes


@transaction.atomic
def minutes_correct(*, user: User, minutes: Minutes, body: str, reason: str) -> MinutesCorrection:
    """Change approved minutes: a new correction recorded with the text before and after, who
    and why; the minutes stay approved."""
    minutes = _locked(minutes)
    _require_runner(user, minutes.meeting)
    if not minutes.is_locked:
        raise ValidationError(_("Only approved minutes are corrected: edit the text instead."))
    body = _clean_body(body)
    reason = " ".join(_clean_body(reason, "reason").split())
    errors = {}
    if not body:
        errors["body"] = [_("Approved minutes cannot be emptied.")]
    elif body == minutes.body:
        errors["body"] = [_("The text is the same as before: nothing to correct.")]
    if not reason:
        errors["reason"] = [_("Say why the approved minutes are corrected.")]
    elif len(reason) > 500:
        errors["reason"] = [_("Keep the reason under 500 characters.")]
    if errors:
        raise ValidationError(errors)
    correction = MinutesCorrection.objects.create(
        minutes=minutes, body_before=minutes.body, body_after=body, reason=reason, made_by=user
    )
    minutes.body = body
    minutes.save(update_fields=["body", "updated_at"])
    return correction


def _event(kind: str, user: User, meeting: Meeting) -> None:
    event_record(
        meeting.initiative,
        kind,
        actor=user,
        path=minutes_path(meeting),
        params={"name": meeting.title},
        meeting=meeting,
        working_group=meeting.working_group,
    )
