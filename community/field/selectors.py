"""What the field view reads: one row per initiative or sphere the user follows (the
portfolio's scope: measurement.selectors.homes.portfolio_initiatives), sorted by phase, and
the aggregates by kind, by phase and over all of them.

Each row holds, per condition of collective impact, its health (backbone's condition_health:
read, not recomputed) and the mean score of the initiative's latest closed round on the five
conditions instrument (a template of kind "conditions"), by backbone's one scoring rule
(round_scores). In an anonymous round a condition rated by fewer than MIN_RESPONDENTS is
withheld: it stays withheld here, and an aggregate's mean leaves it out. An aggregate's mean
is the mean of the initiatives' means (each initiative weighs the same) over the initiatives
that have a score for that condition, with their number beside it.

The whole view is read in a fixed number of queries whatever the number of initiatives:
one for the initiatives, one for their latest rounds, round_scores' four and
condition_health's own.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from backbone.models import AssessmentRound, RoundState, TemplateKind
from backbone.selectors.health import Condition, Health, Signal, condition_health
from backbone.selectors.scores import round_scores, two_places
from initiatives.models import Initiative, InitiativeKind, Phase
from measurement.selectors.homes import portfolio_initiatives
from sheatufim.translated import text_of

CONDITIONS = list(Condition)


class ScoreState:
    SHOWN = "shown"
    WITHHELD = "withheld"  # an anonymous round, too few respondents
    NONE = "none"  # no closed round, or no one rated the condition


@dataclass
class ConditionScore:
    condition: str
    mean: Decimal | None = None
    respondents: int = 0
    state: str = ScoreState.NONE

    @property
    def withheld(self) -> bool:
        return self.state == ScoreState.WITHHELD


@dataclass
class LatestRound:
    pk: int
    title: str
    closes_on: date
    anonymous: bool
    submitted: int = 0


@dataclass
class Cell:
    """One condition of one row: its health signal and its score."""

    signal: Signal
    score: ConditionScore


@dataclass
class FieldRow:
    initiative: Initiative
    health: Health
    round: LatestRound | None
    scores: dict[str, ConditionScore]

    @property
    def cells(self) -> list[Cell]:
        return [Cell(self.health[c], self.scores[c]) for c in CONDITIONS]

    @property
    def withheld(self) -> list[str]:
        return [c for c in CONDITIONS if self.scores[c].withheld]


@dataclass
class AggregateMean:
    condition: str
    mean: Decimal | None  # over the initiatives with a score shown
    over: int  # the number of those initiatives
    withheld: int  # initiatives whose score for the condition is withheld


@dataclass
class Aggregate:
    group: str  # "kind", "phase" or "all"
    value: str | int | None
    label: str
    initiatives: int
    means: list[AggregateMean] = field(default_factory=list)


@dataclass
class FieldView:
    rows: list[FieldRow]
    by_kind: list[Aggregate]
    by_phase: list[Aggregate]
    total: Aggregate

    @property
    def aggregates(self) -> list[Aggregate]:
        return [*self.by_kind, *self.by_phase, self.total]


def _latest_round():
    return Subquery(
        AssessmentRound.objects.filter(
            initiative_id=OuterRef("pk"),
            state=RoundState.CLOSED,
            template__kind=TemplateKind.CONDITIONS,
        )
        .order_by("-closed_at", "-closes_on", "-pk")
        .values("pk")[:1]
    )


def field_initiatives(*, user, kind: str | None = None, phase: int | None = None):
    """The initiatives and spheres in the user's field view (the portfolio's: followed as
    facilitator or backbone staff; every one for a superuser), filtered, by phase."""
    queryset = Initiative.objects.filter(pk__in=portfolio_initiatives(user=user).values("pk"))
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    if phase is not None:
        queryset = queryset.filter(phase=phase)
    return queryset.annotate(latest_round_id=_latest_round()).order_by(
        "phase", "kind", "name", "pk"
    )


def _rounds(round_ids) -> dict[int, LatestRound]:
    found = {}
    rows = AssessmentRound.objects.filter(pk__in=round_ids).values(
        "pk", "title", "language", "translations", "closes_on", "anonymous"
    )
    for row in rows:
        title = text_of(row["title"], row["language"], row["translations"], "title")
        found[row["pk"]] = LatestRound(row["pk"], title, row["closes_on"], row["anonymous"])
    return found


def _scores(latest: LatestRound | None, scores) -> dict[str, ConditionScore]:
    out = {c: ConditionScore(c) for c in CONDITIONS}
    if latest is None:
        return out
    score = scores[latest.pk]
    latest.submitted = score.submitted
    for condition in CONDITIONS:
        section = score.sections.get(condition)
        if section is None:
            continue
        # round_scores withholds a section's mean in an anonymous round with too few
        # respondents (or whose benchmarks are all withheld); a named round always has one.
        state = ScoreState.SHOWN if section.mean is not None else ScoreState.WITHHELD
        out[condition] = ConditionScore(condition, section.mean, section.respondents, state)
    return out


def _aggregate(group, value, label, rows: list[FieldRow]) -> Aggregate:
    means = []
    for condition in CONDITIONS:
        shown = [r.scores[condition].mean for r in rows if r.scores[condition].mean is not None]
        withheld = sum(r.scores[condition].withheld for r in rows)
        mean = two_places(sum(shown) / len(shown)) if shown else None
        means.append(AggregateMean(condition, mean, len(shown), withheld))
    return Aggregate(group, value, str(label), len(rows), means)


def field_view(
    *, user, kind: str | None = None, phase: int | None = None, today: date | None = None
) -> FieldView:
    """The rows and the aggregates of the user's field view, in a fixed number of queries."""
    initiatives = list(field_initiatives(user=user, kind=kind, phase=phase))
    ids = [i.pk for i in initiatives]
    health = condition_health(ids, today=today or timezone.localdate())
    round_ids = [i.latest_round_id for i in initiatives if i.latest_round_id]
    rounds = _rounds(round_ids) if round_ids else {}
    scores = round_scores(round_ids)
    rows = []
    for initiative in initiatives:
        latest = rounds.get(initiative.latest_round_id)
        rows.append(FieldRow(initiative, health[initiative.pk], latest, _scores(latest, scores)))
    by_kind = [
        _aggregate("kind", value, label, [r for r in rows if r.initiative.kind == value])
        for value, label in InitiativeKind.choices
        if any(r.initiative.kind == value for r in rows)
    ]
    by_phase = [
        _aggregate("phase", value, label, [r for r in rows if r.initiative.phase == value])
        for value, label in Phase.choices
        if any(r.initiative.phase == value for r in rows)
    ]
    total = _aggregate("all", None, _("All followed"), rows)
    return FieldView(rows, by_kind, by_phase, total)
