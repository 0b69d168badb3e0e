"""Assessment rounds: prepared (draft), opened (the respondents are fixed then, a Response row
each), closed (by a manager, or by the scheduler the day after `closes_on`). One writer per
change; each checks MANAGE_BACKBONE through the policy (the scheduler excepted) and refuses at
the field. State changes lock the round's row, so two requests cannot both open or close it."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communication.models import ReminderKind
from communication.services.mail_reminders import Due, reminders_record
from initiatives.models import Initiative, Membership, User
from initiatives.permissions import Action, can

from ..models import (
    AssessmentRound,
    AssessmentTemplate,
    Benchmark,
    Response,
    ResponseState,
    RoundState,
)
from ..selectors.rounds import respondents_for
from .workplan import TITLE_NEEDED, _raise, _text

REMIND_DAYS = 3  # reminders go out while a round closes within this many days

ROUND_FIELDS = ("template", "title", "opens_on", "closes_on", "anonymous")
OPEN_FIELDS = ("title", "closes_on")  # what may still change once a round is open

CHOOSE_TEMPLATE = _("Choose one of the platform's templates or one of this initiative's.")
GIVE_DATE = _("Give a date.")
CLOSES_BEFORE_OPENS = _("The round cannot close before it opens.")
CLOSES_IN_PAST = _("An open round cannot close before today.")
NOT_WHILE_OPEN = _("This cannot change once the round is open.")
CLOSED_STAYS = _("A closed round cannot be changed.")
NOT_DRAFT = _("Only a round being prepared can be opened.")
NOT_OPEN = _("Only an open round can be closed.")
NO_BENCHMARK = _("The round's template has no benchmark: there is nothing to answer.")
NO_RESPONDENT = _(
    "No one would answer: the initiative has no partner representative of a participating "
    "organization and no backbone staff."
)
CLOSES_PASSED = _("The closing date has passed: move it to today or later before opening.")


def check_manage(by: User, initiative: Initiative) -> None:
    """PermissionDenied unless `by` manages the initiative's backbone (the API asks it before
    reading a body, so a refusal comes before bad input)."""
    if not can(by, Action.MANAGE_BACKBONE, initiative):
        raise PermissionDenied


def _checked(round: AssessmentRound, *, today: date) -> None:
    errors = {}
    template = round.template if round.template_id else None
    if template is None or template.initiative_id not in (None, round.initiative_id):
        errors["template"] = CHOOSE_TEMPLATE
    if not round.title:
        errors["title"] = TITLE_NEEDED
    elif len(round.title) > 200:
        errors["title"] = _("Keep the title to 200 characters.")
    for name in ("opens_on", "closes_on"):
        if not isinstance(getattr(round, name), date):
            errors[name] = GIVE_DATE
    if not errors.keys() & {"opens_on", "closes_on"}:
        if round.closes_on < round.opens_on:
            errors["closes_on"] = CLOSES_BEFORE_OPENS
        elif round.state == RoundState.OPEN and round.closes_on < today:
            errors["closes_on"] = CLOSES_IN_PAST
    if not isinstance(round.anonymous, bool):
        errors["anonymous"] = _("Say whether the round is anonymous.")
    _raise(errors)


@transaction.atomic
def round_create(
    *,
    initiative: Initiative,
    template: AssessmentTemplate | None,
    title: str,
    opens_on: date,
    closes_on: date,
    anonymous: bool = True,
    by: User,
) -> AssessmentRound:
    """Prepare a round (state draft) on a shipped template or one of the initiative's copies."""
    check_manage(by, initiative)
    round = AssessmentRound(
        initiative=initiative,
        template=template,
        title=_text(title, "title", one_line=True),
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous=anonymous,
        created_by=by,
    )
    _checked(round, today=timezone.localdate())
    round.save()
    return round


def _locked(round: AssessmentRound) -> AssessmentRound:
    return (
        AssessmentRound.objects.select_for_update(of=("self",))
        .select_related("initiative", "template")
        .get(pk=round.pk)
    )


@transaction.atomic
def round_update(*, round: AssessmentRound, by: User, **changes) -> AssessmentRound:
    """Change a round: any field while it is prepared; only the title and the closing date
    (not before today) once it is open; nothing once it is closed."""
    unknown = set(changes) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a round: {sorted(unknown)}")
    round = _locked(round)
    check_manage(by, round.initiative)
    if round.state == RoundState.CLOSED:
        raise ValidationError(CLOSED_STAYS)
    if round.state == RoundState.OPEN:
        frozen = {
            name: NOT_WHILE_OPEN
            for name, value in changes.items()
            if name not in OPEN_FIELDS and value != _current(round, name)
        }
        _raise(frozen)
    for name, value in changes.items():
        if name == "title":
            value = _text(value, name, one_line=True)
        setattr(round, name, value)
    _checked(round, today=timezone.localdate())
    round.save()
    return round


def _current(round: AssessmentRound, name: str):
    return round.template if name == "template" else getattr(round, name)


@transaction.atomic
def round_open(*, round: AssessmentRound, by: User, now: datetime | None = None) -> AssessmentRound:
    """Open a prepared round: its respondents are fixed now, a Response (not started) each,
    in one insert. Refused with no benchmark, no respondent or a closing date passed."""
    round = _locked(round)
    check_manage(by, round.initiative)
    now = now or timezone.now()
    if round.state != RoundState.DRAFT:
        raise ValidationError(NOT_DRAFT)
    if round.closes_on < timezone.localdate(now):
        raise ValidationError({"closes_on": [str(CLOSES_PASSED)]})
    # The template too: an edit of it (services.templates) and this opening must not cross.
    AssessmentTemplate.objects.select_for_update().filter(pk=round.template_id).first()
    if not Benchmark.objects.filter(section__template_id=round.template_id).exists():
        raise ValidationError(NO_BENCHMARK)
    respondents = respondents_for(round.initiative)
    if not respondents:
        raise ValidationError(NO_RESPONDENT)
    Response.objects.bulk_create(
        [
            Response(round=round, respondent_id=user_id, organization_id=organization_id)
            for user_id, organization_id in respondents
        ],
        ignore_conflicts=True,
    )
    round.state, round.opened_at = RoundState.OPEN, now
    round.save(update_fields=["state", "opened_at"])
    return round


def _close(pk: int, *, now: datetime) -> AssessmentRound | None:
    """The one write of closing: the round closed now, or None if it was not open (another
    request or run closed it first)."""
    round = _locked(AssessmentRound(pk=pk))
    if round.state != RoundState.OPEN:
        return None
    round.state, round.closed_at = RoundState.CLOSED, now
    round.save(update_fields=["state", "closed_at"])
    return round


@transaction.atomic
def round_close(
    *, round: AssessmentRound, by: User | None = None, now: datetime | None = None
) -> AssessmentRound:
    """Close an open round; `by` None is the scheduler. Drafts stay and never count."""
    if by is not None:
        check_manage(by, round.initiative)
    closed = _close(round.pk, now=now or timezone.now())
    if closed is None:
        raise ValidationError(NOT_OPEN)
    return closed


def rounds_close_due(today: date | None = None) -> int:
    """Close every open round whose closing date is before `today`; each in its own
    transaction, through the one write. Running it twice closes nothing the second time.
    Returns the number closed."""
    today = today or timezone.localdate()
    now = timezone.now()
    due = list(
        AssessmentRound.objects.filter(state=RoundState.OPEN, closes_on__lt=today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    closed = 0
    for pk in due:
        with transaction.atomic():
            closed += _close(pk, now=now) is not None
    return closed


def round_reminders_due(today: date) -> list[Due]:
    """A reminder to each respondent, still a member, whose response is not submitted in an
    open round closing from today to REMIND_DAYS ahead: once per round (the key)."""
    responses = (
        Response.objects.filter(
            Exists(
                Membership.objects.filter(
                    user_id=OuterRef("respondent_id"),
                    initiative_id=OuterRef("round__initiative_id"),
                )
            ),
            round__state=RoundState.OPEN,
            round__closes_on__gte=today,
            round__closes_on__lte=today + timedelta(days=REMIND_DAYS),
            respondent__is_active=True,
        )
        .exclude(state=ResponseState.SUBMITTED)
        .select_related("round__initiative")
        .order_by("round_id", "pk")
    )
    return [
        Due(
            response.respondent_id,
            f"round:{response.round_id}:closing",
            ReminderKind.ASSESSMENT_CLOSING,
            response.round.initiative_id,
            {"name": response.round.title, "when": response.round.closes_on.isoformat()},
            reverse("backbone:answer", args=[response.round.initiative.slug, response.round_id]),
        )
        for response in responses
    ]


def round_reminders_send(today: date | None = None) -> int:
    """Record (and mail, as each person's preferences say) the day's round-closing
    reminders, each once. Returns the number recorded."""
    return reminders_record(round_reminders_due(today or timezone.localdate()))
