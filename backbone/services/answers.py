"""A respondent's answers in an open round: saved as a draft, or submitted.

`answers` is the whole of the response's answers: benchmark id → (level, comment), where a
level is 1-4 or None for "I cannot say"; a benchmark left out is unanswered (a row it had is
removed). A comment needs a choice (a level or "I cannot say"), since an answer row with no
level already means "I cannot say".

Submitting needs every benchmark of the template answered. A submitted response stays
submitted: the respondent may change their answers and submit again while the round is open
(the submission time moves on), but cannot turn it back into a draft, which would take it
out of the results. Nothing is saved when any answer is refused."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import User
from initiatives.permissions import Action, can

from ..models import (
    AnswerValue,
    AssessmentRound,
    Benchmark,
    Level,
    Response,
    ResponseState,
    RoundState,
)
from ..selectors.rounds import respondent_of
from .workplan import _raise, _text

COMMENT_MAX = 2000
NOT_OPEN = _("This round is not open for answers.")
CHOOSE_LEVEL = _("Choose one of the four levels or “I cannot say”.")
CHOICE_FOR_COMMENT = _("Choose a level or “I cannot say” to keep this comment.")
COMMENT_TOO_LONG = _("Keep the comment to 2,000 characters.")
NOT_IN_TEMPLATE = _("These benchmarks are not in this round's template: %(ids)s.")
ANSWER_ALL = _("Answer every benchmark to submit (a level or “I cannot say”).")


def level_field(benchmark_id: int) -> str:
    return f"level_{benchmark_id}"


def comment_field(benchmark_id: int) -> str:
    return f"comment_{benchmark_id}"


def _cleaned(answers: dict, known: set[int]) -> dict[int, tuple[int | None, str]]:
    """The answers checked one by one: errors at `level_<id>` / `comment_<id>`."""
    unknown = sorted(str(pk) for pk in answers if pk not in known)
    if unknown:
        _raise({"answers": NOT_IN_TEMPLATE % {"ids": ", ".join(unknown)}})
    errors, cleaned = {}, {}
    for pk, (level, comment) in answers.items():
        if level is not None and (isinstance(level, bool) or level not in Level.values):
            errors[level_field(pk)] = CHOOSE_LEVEL
        try:
            comment = _text(comment, comment_field(pk))
        except ValidationError as error:
            errors[comment_field(pk)] = error.message_dict[comment_field(pk)][0]
            continue
        if len(comment) > COMMENT_MAX:
            errors[comment_field(pk)] = COMMENT_TOO_LONG
        cleaned[pk] = (level, comment)
    _raise(errors)
    return cleaned


def _locked(response: Response) -> Response:
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("round__initiative")
        .get(pk=response.pk)
    )


@transaction.atomic
def answers_save(*, response: Response, answers: dict, submit: bool = False, by: User) -> Response:
    """Save the respondent's own answers as a draft, or submit them (see the module)."""
    response = _locked(response)
    round = response.round
    if by.pk != response.respondent_id or not can(by, Action.VIEW_INITIATIVE, round.initiative):
        raise PermissionDenied
    if round.state != RoundState.OPEN:
        raise ValidationError(NOT_OPEN)
    template_benchmarks = list(
        Benchmark.objects.filter(section__template_id=round.template_id)
        .order_by("section__order", "order", "pk")
        .values_list("pk", flat=True)
    )
    cleaned = _cleaned(answers, set(template_benchmarks))
    submit = submit or response.state == ResponseState.SUBMITTED
    if submit:
        _raise({level_field(pk): ANSWER_ALL for pk in template_benchmarks if pk not in cleaned})
    response.answers.exclude(benchmark_id__in=list(cleaned)).delete()
    AnswerValue.objects.bulk_create(
        [
            AnswerValue(response=response, benchmark_id=pk, level=level, comment=comment)
            for pk, (level, comment) in cleaned.items()
        ],
        update_conflicts=True,
        unique_fields=["response", "benchmark"],
        update_fields=["level", "comment"],
    )
    now = timezone.now()
    response.saved_at = now
    if submit:
        response.state, response.submitted_at = ResponseState.SUBMITTED, now
    else:
        response.state = ResponseState.DRAFT
    response.save(update_fields=["state", "saved_at", "submitted_at"])
    return response


def response_for(user: User, round: AssessmentRound) -> Response | None:
    """The user's response in the round; made now for someone who became a respondent after
    the round opened (while it is open). None for anyone else."""
    found = Response.objects.filter(round_id=round.pk, respondent_id=user.pk).first()
    if found is not None or round.state != RoundState.OPEN:
        return found
    respondent = respondent_of(round.initiative, user)
    if respondent is None:
        return None
    try:
        with transaction.atomic():
            return Response.objects.create(
                round=round, respondent_id=user.pk, organization_id=respondent[1]
            )
    except IntegrityError:  # a second request made it first
        return Response.objects.get(round_id=round.pk, respondent_id=user.pk)
