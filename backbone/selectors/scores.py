"""The mean score of each section of rounds, set-based: the one scoring rule that results,
comparisons and the backbone's health signal share.

Only submitted responses count; an answer without a level ("I cannot say") counts for
neither the mean nor the number answering. A section's mean is the mean of its benchmark
answers (each answer weighs the same); `respondents` is the number of submitted responses
that rated at least one of its benchmarks."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from ..anonymity import figure_shown
from ..models import AnswerValue, AssessmentRound, Response, ResponseState


@dataclass
class SectionScore:
    key: str
    mean: Decimal | None
    respondents: int


@dataclass
class RoundScore:
    round_id: int
    anonymous: bool
    submitted: int = 0
    mean: Decimal | None = None
    sections: dict[str, SectionScore] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return figure_shown(anonymous=self.anonymous, respondents=self.submitted)


def two_places(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def round_scores(round_ids) -> dict[int, RoundScore]:
    """In four queries whatever the number of rounds. A section whose respondents are too few
    for an anonymous round keeps its count and loses its mean (figure_shown)."""
    round_ids = list(round_ids)
    if not round_ids:
        return {}
    scores = {
        pk: RoundScore(pk, anonymous)
        for pk, anonymous in AssessmentRound.objects.filter(pk__in=round_ids).values_list(
            "pk", "anonymous"
        )
    }
    submitted = (
        Response.objects.filter(round_id__in=round_ids, state=ResponseState.SUBMITTED)
        .values("round_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in submitted:
        scores[row["round_id"]].submitted = row["n"]
    answers = AnswerValue.objects.filter(
        response__round_id__in=round_ids,
        response__state=ResponseState.SUBMITTED,
        level__isnull=False,
    )
    by_section = (
        answers.values("response__round_id", "benchmark__section__key")
        .annotate(mean=Avg("level"), respondents=Count("response_id", distinct=True))
        .order_by()
    )
    for row in by_section:
        score = scores[row["response__round_id"]]
        key = row["benchmark__section__key"]
        shown = figure_shown(anonymous=score.anonymous, respondents=row["respondents"])
        score.sections[key] = SectionScore(
            key, two_places(row["mean"]) if shown else None, row["respondents"]
        )
    overall = answers.values("response__round_id").annotate(mean=Avg("level")).order_by()
    for row in overall:
        score = scores[row["response__round_id"]]
        score.mean = two_places(row["mean"]) if score.shown else None
    return scores
