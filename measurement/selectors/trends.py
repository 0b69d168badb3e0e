"""The rolled-up trend of indicators over their recent periods, with targets and progress.

Read in a fixed number of queries whatever the number of indicators: the periods, the
shared figures (of the totals, or of one category) and the targets, each in one query.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import CategoryRollup, Indicator, ReportingPeriod, Rollup, Target
from ..progress import PROGRESS_BADGES, PROGRESS_ICONS, Progress, progress_of

RECENT_PERIODS = 8


@dataclass
class Point:
    period: ReportingPeriod
    value: Decimal | None = None
    target: Decimal | None = None
    contributing: int | None = None
    expected: int | None = None


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
    def progress(self) -> Progress:
        latest = self.latest
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
            "baseline": None if self.category_id else number(self.indicator.baseline),
            "percentage": self.indicator.value_type == "percentage",
            "names": {
                "value": _("Shared figure"),
                "target": _("Target"),
                "baseline": _("Baseline"),
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
    periods = ReportingPeriod.objects.filter(initiative_id__in=initiative_ids)
    if upto is not None:
        periods = periods.filter(start__lte=upto)
    by_frequency: dict[tuple[int, str], list[ReportingPeriod]] = {}
    for period in periods.order_by("start"):
        by_frequency.setdefault((period.initiative_id, period.frequency), []).append(period)
    shown = {key: items[-recent:] for key, items in by_frequency.items()}
    period_ids = [period.pk for items in shown.values() for period in items]
    indicator_ids = [indicator.pk for indicator in indicators]

    if category_id is None:
        figures = Rollup.objects.filter(indicator_id__in=indicator_ids, period_id__in=period_ids)
        columns = ["indicator_id", "period_id", "value", "contributing", "expected"]
    else:
        figures = CategoryRollup.objects.filter(
            indicator_id__in=indicator_ids, period_id__in=period_ids, category_id=category_id
        )
        columns = ["indicator_id", "period_id", "value", "contributing"]
    found = {(row[0], row[1]): row[2:] for row in figures.values_list(*columns)}
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
                row = found[key]
                point.value, point.contributing = row[0], row[1]
                point.expected = row[2] if len(row) > 2 else None
            trend.points.append(point)
        result[indicator.pk] = trend
    return result
