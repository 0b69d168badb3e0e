"""The mean score of each section of rounds, set-based: the one scoring rule that results,
comparisons and the backbone's health signal share.

Only submitted responses count; an answer without a level ("I cannot say") counts for
neither the mean nor the number answering. A section's mean is the mean of its benchmark
answers (each answer weighs the same); `respondents` is the number of submitted responses
that rated at least one of its benchmarks. In an anonymous round, a benchmark rated by fewer
than MIN_RESPONDENTS is left out of every mean, so that no mean lets one subtract its way to
ratings that are withheld."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

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
        .annotate(respondents=Count("response_id", distinct=True))
        .order_by()
    )
    for row in by_section:
        key = row["benchmark__section__key"]
        scores[row["response__round_id"]].sections[key] = SectionScore(
            key, None, row["respondents"]
        )
    # Means from each benchmark's sum and count: in an anonymous round a benchmark whose
    # raters are too few is withheld, and so left out of its section's and the round's mean
    # too (else the mean, less the benchmarks shown, would give its ratings away).
    by_benchmark = (
        answers.values("response__round_id", "benchmark__section__key", "benchmark_id")
        .annotate(total=Sum("level"), rated=Count("pk"))
        .order_by()
    )
    sums: dict[tuple[int, str | None], list[int]] = {}
    for row in by_benchmark:
        score = scores[row["response__round_id"]]
        if not figure_shown(anonymous=score.anonymous, respondents=row["rated"]):
            continue
        for key in (row["benchmark__section__key"], None):
            found = sums.setdefault((score.round_id, key), [0, 0])
            found[0] += row["total"]
            found[1] += row["rated"]
    for (round_id, key), (total, rated) in sums.items():
        score = scores[round_id]
        mean = two_places(Decimal(total) / Decimal(rated))
        if key is None:
            score.mean = mean if score.shown else None
            continue
        section = score.sections[key]
        if figure_shown(anonymous=score.anonymous, respondents=section.respondents):
            section.mean = mean
    return scores
