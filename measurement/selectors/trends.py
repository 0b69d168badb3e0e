"""The rolled-up trend of indicators over their recent periods, with targets and progress.

Read in a fixed number of queries whatever the number of indicators: the periods (with
their initiative's provisional threshold), the shared figures (of the totals, or of one
category) and the targets, each in one query.

Each point says whether its figure is provisional (measurement/provisional.py, the one
rule); the verdict is judged on the latest point that is not (measurement/progress.py).
A category's point is provisional when its period's total is: it is the period that
waits for its reports.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from ..models import CategoryRollup, Indicator, PeriodState, ReportingPeriod, Rollup, Target
from ..progress import PROGRESS_BADGES, PROGRESS_ICONS, Progress, judged_point, progress_of
from ..provisional import is_provisional, threshold_expression

RECENT_PERIODS = 8


@dataclass
class Point:
    period: ReportingPeriod
    value: Decimal | None = None
    target: Decimal | None = None
    contributing: int | None = None
    expected: int | None = None
    carried: int = 0  # of the contributing, those carried forward (cumulative indicators)
    # Of the period's total: the organizations that reported this very period, and those
    # expected (a category's point too, whose `expected` stays None).
    reported: int | None = None
    expected_total: int | None = None
    provisional: bool = False  # shown, marked, and never judged


@dataclass
class Trend:
    indicator: Indicator
    points: list[Point] = field(default_factory=list)
    category_id: int | None = None  # the figures of one category, not of the totals

    @property
    def latest(self) -> Point | None:
        """The most recent point with a shared figure."""
        return next((p for p in reversed(self.points) if p.value is not None), None)

    @property
    def judged(self) -> Point | None:
        """The point the verdict is judged on: the latest one whose figure is final."""
        return judged_point(self.points)

    @property
    def judged_on_earlier(self) -> bool:
        """The latest figure is provisional and the verdict comes from an earlier one."""
        latest, judged = self.latest, self.judged
        return latest is not None and judged is not None and latest is not judged

    @property
    def progress(self) -> Progress:
        latest = self.judged
        if latest is None and self.latest is not None:
            return Progress.PROVISIONAL  # a figure, but none of them final yet
        if self.category_id is not None:
            # Targets and the baseline are set for the totals: a category is not judged by them.
            return progress_of(
                direction=self.indicator.direction,
                value=latest.value if latest else None,
                target=None,
                baseline=None,
            )
        return progress_of(
            direction=self.indicator.direction,
            value=latest.value if latest else None,
            target=latest.target if latest else None,
            baseline=self.indicator.baseline,
        )

    @property
    def progress_icon(self) -> str:
        return PROGRESS_ICONS[self.progress]

    @property
    def progress_badge(self) -> str:
        return PROGRESS_BADGES[self.progress]

    def chart(self) -> dict:
        """What static/js/charts.js draws (numbers as floats, labels as text)."""

        def number(value):
            return None if value is None else float(value)

        return {
            "labels": [point.period.label for point in self.points],
            "values": [number(point.value) for point in self.points],
            "targets": [number(point.target) for point in self.points],
            "provisional": [point.provisional for point in self.points],
            "baseline": None if self.category_id else number(self.indicator.baseline),
            "percentage": self.indicator.value_type == "percentage",
            "names": {
                "value": _("Shared figure"),
                "target": _("Target"),
                "baseline": _("Baseline"),
                "provisional": _("Provisional (hollow point)"),
            },
        }


def trends(
    *,
    indicators: list[Indicator],
    upto: date | None = None,
    recent: int = RECENT_PERIODS,
    category_id: int | None = None,
) -> dict[int, Trend]:
    """Per indicator id, its trend over the `recent` periods of its frequency ending by `upto`.

    With `category_id`, the figures are those of that category (indicators without it get
    empty points); else the totals.
    """
    if not indicators:
        return {}
    initiative_ids = {indicator.initiative_id for indicator in indicators}
    periods = ReportingPeriod.objects.filter(initiative_id__in=initiative_ids).annotate(
        threshold=threshold_expression("initiative_id")
    )
    if upto is not None:
        periods = periods.filter(start__lte=upto)
    by_frequency: dict[tuple[int, str], list[ReportingPeriod]] = {}
    for period in periods.order_by("start"):
        by_frequency.setdefault((period.initiative_id, period.frequency), []).append(period)
    shown = {key: items[-recent:] for key, items in by_frequency.items()}
    period_ids = [period.pk for items in shown.values() for period in items]
    indicator_ids = [indicator.pk for indicator in indicators]
    found = _figures(indicator_ids, period_ids, category_id)
    targets = {
        (indicator_id, period_id): value
        for indicator_id, period_id, value in Target.objects.filter(
            indicator_id__in=indicator_ids, period_id__in=period_ids
        ).values_list("indicator_id", "period_id", "value")
    }

    result = {}
    for indicator in indicators:
        trend = Trend(indicator, category_id=category_id)
        for period in shown.get((indicator.initiative_id, indicator.frequency), []):
            key = (indicator.pk, period.pk)
            point = Point(period, target=None if category_id else targets.get(key))
            if key in found:
                _point_figures(point, found[key], period, total=category_id is None)
            trend.points.append(point)
        result[indicator.pk] = trend
    return result


def _figures(indicator_ids, period_ids, category_id) -> dict[tuple[int, int], tuple]:
    """(value, contributing, carried, reported, expected) per (indicator, period): of the
    totals, or of one category with its period total's reported and expected."""
    if category_id is None:
        figures = Rollup.objects.filter(
            indicator_id__in=indicator_ids, period_id__in=period_ids
        ).annotate(total_reported=F("contributing") - F("carried"), total_expected=F("expected"))
    else:
        total = Rollup.objects.filter(
            indicator_id=OuterRef("indicator_id"), period_id=OuterRef("period_id")
        )
        figures = CategoryRollup.objects.filter(
            indicator_id__in=indicator_ids, period_id__in=period_ids, category_id=category_id
        ).annotate(
            total_reported=Subquery(
                total.annotate(n=F("contributing") - F("carried")).values("n")[:1]
            ),
            total_expected=Subquery(total.values("expected")[:1]),
        )
    columns = ["value", "contributing", "carried", "total_reported", "total_expected"]
    return {
        (row[0], row[1]): row[2:]
        for row in figures.values_list("indicator_id", "period_id", *columns)
    }


def _point_figures(point: Point, row: tuple, period: ReportingPeriod, *, total: bool) -> None:
    value, contributing, carried, reported, expected = row
    point.value, point.contributing, point.carried = value, contributing, carried
    point.reported, point.expected_total = reported, expected
    point.expected = expected if total else None
    point.provisional = reported is not None and is_provisional(
        reported=reported,
        expected=expected,
        threshold=getattr(period, "threshold", 100),
        locked=period.state == PeriodState.LOCKED,
    )
