"""The results of an assessment round: what the results page, its CSV and the API show.

`round_results(round_, user=...)` builds the whole tree in a fixed number of queries whatever
the number of responses, benchmarks or earlier rounds (thirteen; fourteen with the answers
per organization):

- the round: how many were asked, how many submitted, the overall mean;
- per section (in the template's order): its mean and respondents (round_scores, the one
  scoring rule), and per benchmark the distribution over the four levels and "I cannot say",
  the mean, the respondents and the comments;
- by sector of the respondents' organizations: each section's mean per sector;
- the comparison with the initiative's earlier rounds on a template of the same key (closed
  ones, and this one): the sections' means per round, by section key (a section a round did
  not have is a gap), for the chart over time and the radar (this round against the one
  before);
- for a named round, to those who may see results while a round is open
  (VIEW_ASSESSMENT_RESULTS), each response's levels: a table organization × benchmark.

Anonymity (backbone/anonymity.py, the one rule): only submitted responses count. In an
anonymous round a figure that counts fewer than three respondents is withheld (its count
stays, its mean and distribution go); a benchmark's comments are shown only when at least
three rated it, unattributed and sorted by their text (never in the order of responses);
nothing is ever given per organization or per respondent. A benchmark's respondents are
the submitted responses that rated it (a level, not "I cannot say"), as for a section.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Sector
from initiatives.permissions import Action, can
from sheatufim.translated import Text, text_of

from ..anonymity import figure_shown
from ..models import (
    AnswerValue,
    AssessmentRound,
    Benchmark,
    Level,
    Response,
    ResponseState,
    RoundState,
    TemplateSection,
)
from .scores import round_scores, two_places

WITHHELD = _("Fewer than 3 respondents: not shown to keep answers anonymous")
CANNOT_SAY = _("I cannot say")
NO_SECTOR = _("No organization")
TONES = {1: "danger", 2: "warning", 3: "info", 4: "success", None: "secondary"}


# --- who may see the results of a round ------------------------------------------------------


def can_view_results(user, round_: AssessmentRound) -> bool:
    """A closed round: any member; an open one: those who see live results (managers, the
    facilitator); a round being prepared has no results."""
    initiative = round_.initiative
    if round_.state == RoundState.CLOSED:
        return can(user, Action.VIEW_INITIATIVE, initiative)
    if round_.state == RoundState.OPEN:
        return can(user, Action.VIEW_ASSESSMENT_RESULTS, initiative)
    return False


def can_see_answers_per_organization(user, round_: AssessmentRound) -> bool:
    """Never for an anonymous round; for a named one, those with VIEW_ASSESSMENT_RESULTS."""
    return not round_.anonymous and can(user, Action.VIEW_ASSESSMENT_RESULTS, round_.initiative)


def results_rounds(*, initiative):
    """The rounds of an initiative that may have results (open or closed), newest first."""
    return AssessmentRound.objects.filter(
        initiative=initiative, state__in=[RoundState.OPEN, RoundState.CLOSED]
    ).select_related("template")


# --- the tree --------------------------------------------------------------------------------


@dataclass
class LevelCount:
    level: int | None  # None: "I cannot say"
    label: str
    count: int
    percent: int  # of the answers to the benchmark, rounded; the bar's width
    tone: str = "secondary"  # the bar's colour (the page says each level in words too)


@dataclass
class BenchmarkResult:
    id: int
    key: str
    text: Text
    respondents: int  # submitted responses that rated it
    answers: int  # ... and those that answered "I cannot say" too
    shown: bool
    mean: Decimal | None = None
    distribution: list[LevelCount] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class SectionResult:
    key: str
    name: Text
    respondents: int
    shown: bool
    mean: Decimal | None
    benchmarks: list[BenchmarkResult] = field(default_factory=list)


@dataclass
class SectorSection:
    key: str
    respondents: int
    shown: bool
    mean: Decimal | None


@dataclass
class SectorResult:
    sector: str  # "" for respondents without an organization
    label: str
    respondents: int  # submitted responses of the sector
    shown: bool
    sections: list[SectorSection] = field(default_factory=list)


@dataclass
class ComparisonRound:
    id: int
    title: Text
    opens_on: date
    shown: bool
    mean: Decimal | None
    means: list[Decimal | None]  # per comparison section, in `Comparison.sections`' order


@dataclass
class ComparisonSection:
    key: str
    name: Text


@dataclass
class Comparison:
    sections: list[ComparisonSection]
    rounds: list[ComparisonRound]  # oldest first; the last one is this round
    latest: ComparisonRound | None = None
    previous: ComparisonRound | None = None

    @property
    def radar_rounds(self) -> list[ComparisonRound]:
        return [r for r in (self.latest, self.previous) if r is not None]

    def over_time_chart(self) -> dict:
        """For the line chart: one line per section across the rounds (None: a gap)."""
        return {
            "labels": [str(round_.title) for round_ in self.rounds],
            "series": [
                {"label": str(section.name), "values": [_float(r.means[i]) for r in self.rounds]}
                for i, section in enumerate(self.sections)
            ],
            "max": 4,
        }

    def radar_chart(self) -> dict:
        """For the radar: this round against the one before, over the sections."""
        series = [
            {"label": str(round_.title), "values": [_float(value) for value in round_.means]}
            for round_ in self.radar_rounds
        ]
        return {"labels": [str(s.name) for s in self.sections], "series": series, "max": 4}


@dataclass
class AnswerCell:
    benchmark_id: int
    answered: bool = False
    level: int | None = None  # None with answered: "I cannot say"


@dataclass
class OrganizationAnswers:
    organization: Text | str
    respondent: str
    levels: list[AnswerCell]  # per benchmark, in template order


@dataclass
class RoundResults:
    round: AssessmentRound
    anonymous: bool
    respondents: int  # asked to answer
    submitted: int
    shown: bool
    mean: Decimal | None
    sections: list[SectionResult]
    sectors: list[SectorResult]
    comparison: Comparison
    benchmarks: list[BenchmarkResult]  # every benchmark, in template order
    answers_per_organization: list[OrganizationAnswers] | None = None
    withheld_text: str = WITHHELD

    @property
    def any_withheld(self) -> bool:
        return (
            not self.shown
            or any(not s.shown for s in self.sections)
            or any(not b.shown for b in self.benchmarks)
            or any(not s.shown for s in self.sectors)
        )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _comparison_rounds(round_: AssessmentRound) -> list[AssessmentRound]:
    """This round and the initiative's closed rounds before it on a template of the same key,
    oldest first (one query)."""
    earlier = Q(opens_on__lt=round_.opens_on) | Q(opens_on=round_.opens_on, pk__lt=round_.pk)
    return list(
        AssessmentRound.objects.filter(
            initiative_id=round_.initiative_id, template__key=round_.template.key
        )
        .filter(Q(pk=round_.pk) | (Q(state=RoundState.CLOSED) & earlier))
        .only("pk", "title", "language", "translations", "opens_on", "template_id")
        .order_by("opens_on", "pk")
    )


def _comparison(rounds, sections: list[SectionResult], scores) -> Comparison:
    keys = [section.key for section in sections]
    names = {section.key: section.name for section in sections}
    # A section of an earlier version that this round's template no longer has: after this
    # round's own, named as its latest round named it (one query).
    other = (
        TemplateSection.objects.filter(template__rounds__in=[r.pk for r in rounds])
        .exclude(key__in=keys)
        .values_list("key", "name", "language", "translations", "template__rounds__opens_on")
        .order_by("template__rounds__opens_on", "order", "pk")
    )
    for key, name, language, translations, _opens_on in other:
        if key not in names:
            keys.append(key)
        names[key] = text_of(name, language, translations, "name")
    comparison_rounds = []
    for compared in rounds:
        score = scores[compared.pk]
        means = [score.sections[key].mean if key in score.sections else None for key in keys]
        comparison_rounds.append(
            ComparisonRound(
                id=compared.pk,
                title=compared.text("title"),
                opens_on=compared.opens_on,
                shown=score.shown,
                mean=score.mean,
                means=means,
            )
        )
    return Comparison(
        sections=[ComparisonSection(key, names[key]) for key in keys],
        rounds=comparison_rounds,
        latest=comparison_rounds[-1] if comparison_rounds else None,
        previous=comparison_rounds[-2] if len(comparison_rounds) > 1 else None,
    )


def round_results(round_: AssessmentRound, *, user) -> RoundResults:
    """The results tree of a round the user may see (check can_view_results first)."""
    anonymous = round_.anonymous
    template_id = round_.template_id
    submitted_answers = AnswerValue.objects.filter(
        response__round=round_, response__state=ResponseState.SUBMITTED
    )

    # 1. The template: sections and benchmarks in order (two queries).
    section_rows = list(
        TemplateSection.objects.filter(template_id=template_id)
        .order_by("order", "pk")
        .values_list("pk", "key", "name", "language", "translations")
    )
    benchmark_rows = list(
        Benchmark.objects.filter(section__template_id=template_id)
        .order_by("section__order", "section_id", "order", "pk")
        .values_list("pk", "key", "text", "language", "translations", "section_id")
    )

    # 2. Scores of this round and the ones it compares with (one query, then round_scores' 4).
    compared = _comparison_rounds(round_)
    scores = round_scores([r.pk for r in compared])
    score = scores[round_.pk]

    # 3. Who was asked (one query).
    asked = Response.objects.filter(round=round_).count()

    # 4. The distribution of each benchmark (one query).
    counts: dict[int, dict[int | None, int]] = defaultdict(dict)
    for benchmark_id, level, number in (
        submitted_answers.values_list("benchmark_id", "level").annotate(n=Count("pk")).order_by()
    ):
        counts[benchmark_id][level] = number

    # 5. The comments (one query); attributed only below, for a named round.
    comments: dict[int, list[str]] = defaultdict(list)
    for benchmark_id, comment in submitted_answers.exclude(comment="").values_list(
        "benchmark_id", "comment"
    ):
        comments[benchmark_id].append(comment)

    benchmarks_by_section: dict[int, list[BenchmarkResult]] = defaultdict(list)
    all_benchmarks = []
    for pk, key, text, language, translations, section_id in benchmark_rows:
        levels = counts.get(pk, {})
        rated = sum(n for level, n in levels.items() if level is not None)
        answers = sum(levels.values())
        shown = figure_shown(anonymous=anonymous, respondents=rated)
        result = BenchmarkResult(
            id=pk,
            key=key,
            text=text_of(text, language, translations, "text"),
            respondents=rated,
            answers=answers,
            shown=shown,
        )
        if shown:
            if rated:
                total = sum(level * n for level, n in levels.items() if level is not None)
                result.mean = two_places(Decimal(total) / Decimal(rated))
            result.distribution = [
                LevelCount(
                    value,
                    label,
                    levels.get(value, 0),
                    _percent(levels.get(value, 0), answers),
                    TONES[value],
                )
                for value, label in [*Level.choices, (None, CANNOT_SAY)]
            ]
            result.comments = sorted(comments.get(pk, []), key=str.casefold)
        benchmarks_by_section[section_id].append(result)
        all_benchmarks.append(result)

    sections = []
    for pk, key, name, language, translations in section_rows:
        section_score = score.sections.get(key)
        respondents = section_score.respondents if section_score else 0
        shown = figure_shown(anonymous=anonymous, respondents=respondents)
        sections.append(
            SectionResult(
                key=key,
                name=text_of(name, language, translations, "name"),
                respondents=respondents,
                shown=shown,
                mean=section_score.mean if section_score and shown else None,
                benchmarks=benchmarks_by_section.get(pk, []),
            )
        )

    # 6-7. By sector: submitted responses per sector, and section means per sector (two).
    sector_labels = dict(Sector.choices)
    per_sector = dict(
        Response.objects.filter(round=round_, state=ResponseState.SUBMITTED)
        .values_list("organization__sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sector_sections: dict[str, dict[str, tuple]] = defaultdict(dict)
    rated = submitted_answers.filter(level__isnull=False)
    if anonymous:  # only the benchmarks shown count in a mean (see selectors.scores)
        rated = rated.filter(benchmark_id__in=[b.id for b in all_benchmarks if b.shown])
    for sector, key, mean, respondents in (
        rated.values_list("response__organization__sector", "benchmark__section__key")
        .annotate(mean=Avg("level"), respondents=Count("response_id", distinct=True))
        .order_by()
    ):
        sector_sections[sector or ""][key] = (mean, respondents)
    sectors = []
    ordered = [value for value in Sector.values if value in per_sector]
    if None in per_sector:
        ordered.append(None)
    shown_sectors = _sectors_shown(per_sector, anonymous=anonymous)
    section_sectors = {}
    for section in sections:
        raters = {
            sector: sector_sections[sector or ""].get(section.key, (None, 0))[1]
            for sector in per_sector
        }
        section_sectors[section.key] = _sectors_shown(
            raters, anonymous=anonymous, among=shown_sectors
        )
    for sector in ordered:
        respondents = per_sector[sector]
        sector_key = sector or ""
        shown = sector in shown_sectors
        row = SectorResult(
            sector=sector_key,
            label=str(sector_labels.get(sector, NO_SECTOR)),
            respondents=respondents,
            shown=shown,
        )
        for section in sections:
            mean, rated = sector_sections[sector_key].get(section.key, (None, 0))
            section_shown = sector in section_sectors[section.key]
            row.sections.append(
                SectorSection(
                    key=section.key,
                    respondents=rated,
                    shown=section_shown,
                    mean=two_places(mean) if section_shown else None,
                )
            )
        sectors.append(row)

    # 8. The comparison (one query: the sections that other versions had).
    comparison = _comparison(compared, sections, scores)

    results = RoundResults(
        round=round_,
        anonymous=anonymous,
        respondents=asked,
        submitted=score.submitted,
        shown=score.shown,
        mean=score.mean,
        sections=sections,
        sectors=sectors,
        comparison=comparison,
        benchmarks=all_benchmarks,
    )
    # 9. A named round, to those who may: each response's levels (one query).
    if can_see_answers_per_organization(user, round_):
        results.answers_per_organization = _answers_per_organization(
            submitted_answers, all_benchmarks
        )
    return results


def _sectors_shown(counts: dict, *, anonymous: bool, among=None) -> set:
    """The sectors (of `among`, default all) whose figure may be shown, from the respondents
    each counts. In an anonymous round a sector of fewer than MIN_RESPONDENTS is withheld, and
    the withheld ones together must not count one or two respondents either: the figure of
    everyone less the sectors shown would give theirs away. So while they do, the smallest
    sector still shown is withheld too."""
    among = set(counts) if among is None else among
    if not anonymous:
        return among
    shown = {sector for sector in among if figure_shown(anonymous=True, respondents=counts[sector])}
    while shown:
        hidden = sum(n for sector, n in counts.items() if sector not in shown)
        if hidden == 0 or figure_shown(anonymous=True, respondents=hidden):
            break
        shown.remove(min(shown, key=lambda sector: (counts[sector], str(sector))))
    return shown


def _answers_per_organization(submitted_answers, benchmarks) -> list[OrganizationAnswers]:
    rows: dict[int, OrganizationAnswers] = {}
    positions = {benchmark.id: index for index, benchmark in enumerate(benchmarks)}
    for values in submitted_answers.values_list(
        "response_id",
        "response__organization__name",
        "response__organization__language",
        "response__organization__translations",
        "response__respondent__full_name",
        "response__respondent__email",
        "benchmark_id",
        "level",
    ).order_by("response__organization__name", "response_id"):
        response_id, org, org_language, org_translations, full_name, email, benchmark_id, level = (
            values
        )
        row = rows.get(response_id)
        if row is None:
            organization = (
                text_of(org, org_language, org_translations, "name") if org is not None else ""
            )
            row = rows[response_id] = OrganizationAnswers(
                organization=organization,
                respondent=full_name or email,
                levels=[AnswerCell(benchmark.id) for benchmark in benchmarks],
            )
        if benchmark_id in positions:
            cell = row.levels[positions[benchmark_id]]
            cell.answered, cell.level = True, level
    return list(rows.values())
