"""Yearly figures: an indicator's period figures added up over each calendar year by its
time rule (Indicator.time_aggregation), in ONE SQL statement whatever the number of
indicators and years (SQLite for `make run`, PostgreSQL in production).

A period belongs to the calendar year of its start. The year's figure is computed from the
inputs of the period figures (measurement_rollup), never from averages of averages:

- sum: the sum of the period figures;
- last: the figure of the latest period of the year that has one;
- average: for an indicator averaged across organizations (average, weighted average), the
  sum of the organizations' values (× weights) over the sum of their counts (weights) of
  every period of the year, i.e. SUM(value_sum) / SUM(value_weight); otherwise the average
  of the period figures;
- ratio of sums: SUM(numerator) / SUM(denominator) of the periods, × 100 for a percentage.

A year is **complete** when each of the initiative's periods of that year (of the
indicator's frequency) has a figure and the last of them ends on 31 December. A year is
**provisional** while it is not complete (periods still to come, or without a figure) or any
of its periods' figures is provisional (measurement/provisional.py: too few of the expected
organizations reported and the period is not locked). A provisional year is not judged on
track or off track: a quarterly count summed over one quarter of four is not a year's
result (docs/decisions.md, "Yearly figures").
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import QuerySet

from ..models import Indicator
from ..models.indicators import FREQUENCY_MONTHS
from ..progress import PROGRESS_BADGES, PROGRESS_ICONS, Progress, progress_of
from ..provisional import DEFAULT_THRESHOLD

SIX = Decimal("0.000001")

_YEAR = {
    "postgresql": "CAST(EXTRACT(YEAR FROM p.start) AS INTEGER)",
    "sqlite": "CAST(strftime('%%Y', p.start) AS INTEGER)",
}

# One row per (indicator, period) of the indicator's frequency, with its rollup if any and
# whether its figure is provisional; ranked within the year for the rule "last".
YEARLY_SQL = """
WITH periods AS (
    SELECT
        i.id AS indicator_id,
        {year} AS year,
        p.start AS start,
        p."end" AS period_end,
        r.value AS value,
        r.numerator AS numerator,
        r.denominator AS denominator,
        r.value_sum AS value_sum,
        r.value_weight AS value_weight,
        CASE
            WHEN p.state = 'locked' OR COALESCE(r.expected, 0) <= 0 THEN 0
            WHEN (r.contributing - r.carried) * 100
                 < r.expected * COALESCE(s.provisional_threshold, {default_threshold}) THEN 1
            ELSE 0
        END AS provisional,
        ROW_NUMBER() OVER (
            PARTITION BY i.id, {year}
            ORDER BY CASE WHEN r.value IS NULL THEN 1 ELSE 0 END, p.start DESC
        ) AS position
    FROM measurement_indicator i
    JOIN measurement_reportingperiod p
      ON p.initiative_id = i.initiative_id AND p.frequency = i.frequency
    LEFT JOIN measurement_rollup r ON r.indicator_id = i.id AND r.period_id = p.id
    LEFT JOIN measurement_measurementsettings s ON s.initiative_id = i.initiative_id
    WHERE i.id IN ({indicators}) {year_filter}
)
SELECT
    y.indicator_id,
    y.year,
    CASE i.time_aggregation
        WHEN 'sum' THEN y.sum_value
        WHEN 'last' THEN y.last_value
        WHEN 'average' THEN CASE
            WHEN i.aggregation IN ('average', 'weighted_average')
                THEN y.value_sum * 1.0 / NULLIF(y.value_weight, 0)
            ELSE y.avg_value
        END
        WHEN 'ratio_of_sums' THEN y.numerator
            * (CASE i.value_type WHEN 'percentage' THEN 100.0 ELSE 1.0 END)
            / NULLIF(y.denominator, 0)
    END AS value,
    y.numerator,
    y.denominator,
    y.periods,
    y.with_figure,
    y.provisional_periods,
    y.last_end,
    t.value AS target
FROM (
    SELECT
        indicator_id,
        year,
        SUM(value) AS sum_value,
        AVG(value) AS avg_value,
        MAX(CASE WHEN position = 1 THEN value END) AS last_value,
        SUM(CASE WHEN value IS NOT NULL THEN value_sum END) AS value_sum,
        SUM(CASE WHEN value IS NOT NULL THEN value_weight END) AS value_weight,
        SUM(CASE WHEN value IS NOT NULL THEN numerator END) AS numerator,
        SUM(CASE WHEN value IS NOT NULL THEN denominator END) AS denominator,
        COUNT(*) AS periods,
        COUNT(value) AS with_figure,
        SUM(provisional) AS provisional_periods,
        MAX(period_end) AS last_end
    FROM periods
    GROUP BY indicator_id, year
) y
JOIN measurement_indicator i ON i.id = y.indicator_id
LEFT JOIN measurement_yeartarget t ON t.indicator_id = y.indicator_id AND t.year = y.year
ORDER BY y.indicator_id, y.year
"""


@dataclass
class YearFigure:
    """An indicator's figure for a calendar year, with what it was made of."""

    indicator: Indicator | None
    indicator_id: int
    year: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    periods: int  # the initiative's periods of the indicator's frequency in the year
    with_figure: int  # of them, those with a shared figure
    provisional_periods: int  # of them, those whose figure is provisional
    last_end: date | None
    target: Decimal | None

    @property
    def periods_in_year(self) -> int:
        """How many periods a whole year has at the indicator's frequency (4 quarters)."""
        if self.indicator is None:
            return self.periods
        return 12 // FREQUENCY_MONTHS[self.indicator.frequency]

    @property
    def complete(self) -> bool:
        """Every period of the year has a figure, up to the year's last day."""
        return (
            self.periods > 0
            and self.with_figure == self.periods
            and self.last_end is not None
            and (self.last_end.month, self.last_end.day) == (12, 31)
        )

    @property
    def provisional(self) -> bool:
        return not self.complete or self.provisional_periods > 0

    @property
    def progress(self) -> Progress | None:
        """On track against the year's target; None (not judged) while provisional."""
        if self.provisional or self.indicator is None:
            return None
        return progress_of(
            direction=self.indicator.direction,
            value=self.value,
            target=self.target,
            baseline=self.indicator.baseline,
        )

    @property
    def progress_icon(self) -> str:
        return PROGRESS_ICONS[self.progress] if self.progress else ""

    @property
    def progress_badge(self) -> str:
        return PROGRESS_BADGES[self.progress] if self.progress else ""


def _decimal(value) -> Decimal | None:
    """The same six decimals as the period figures, from PostgreSQL's numeric or SQLite's
    float."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(SIX, rounding=ROUND_HALF_UP)


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _indicator_filter(indicators) -> tuple[str, list]:
    """The SQL of `i.id IN (…)`: a queryset as a subquery (still one statement), or ids."""
    if isinstance(indicators, QuerySet):
        sql, params = indicators.order_by().values("pk").query.sql_with_params()
        return sql, list(params)
    ids = [getattr(item, "pk", item) for item in indicators]
    return ", ".join(["%s"] * len(ids)), ids


def yearly_figures(*, indicators, years=None) -> dict[int, list[YearFigure]]:
    """The yearly figures of `indicators` (Indicator objects, ids or a queryset), by indicator
    id, each list in the order of the years; of the given `years` only, if any. One query."""
    if not isinstance(indicators, QuerySet) and not indicators:
        return {}
    vendor = connection.vendor if connection.vendor in _YEAR else "postgresql"
    year = _YEAR[vendor]
    ids_sql, params = _indicator_filter(indicators)
    year_filter = ""
    if years:
        year_filter = f"AND {year} IN ({', '.join(['%s'] * len(years))})"
        params += [int(y) for y in years]
    sql = YEARLY_SQL.format(
        year=year,
        indicators=ids_sql,
        year_filter=year_filter,
        default_threshold=DEFAULT_THRESHOLD,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    known = {}
    if not isinstance(indicators, QuerySet):
        known = {item.pk: item for item in indicators if isinstance(item, Indicator)}
    found: dict[int, list[YearFigure]] = {}
    for row in rows:
        indicator_id, y, value, num, den, periods, with_figure, provisional, last_end, target = row
        found.setdefault(indicator_id, []).append(
            YearFigure(
                indicator=known.get(indicator_id),
                indicator_id=indicator_id,
                year=int(y),
                value=_decimal(value),
                numerator=_decimal(num),
                denominator=_decimal(den),
                periods=periods,
                with_figure=with_figure,
                provisional_periods=int(provisional or 0),
                last_end=_date(last_end),
                target=_decimal(target),
            )
        )
    return found


def latest_judged(figures: list[YearFigure]) -> YearFigure | None:
    """The latest year that is not provisional: the one on-track is judged on."""
    return next((figure for figure in reversed(figures) if not figure.provisional), None)


@dataclass
class YearlyCard:
    """A dashboard card in the yearly view: an indicator's years, judged on the latest one
    that is not provisional."""

    indicator: Indicator
    years: list[YearFigure]

    @property
    def judged(self) -> YearFigure | None:
        return latest_judged(self.years)

    @property
    def latest(self) -> YearFigure | None:
        return next((y for y in reversed(self.years) if y.value is not None), None)


def yearly_cards(*, indicators: list[Indicator], upto: date | None = None) -> list[YearlyCard]:
    """A card per indicator with its years up to `upto`'s year (all, without one). One query."""
    found = yearly_figures(indicators=indicators)
    last = upto.year if upto else None
    return [
        YearlyCard(
            indicator,
            [y for y in found.get(indicator.pk, []) if last is None or y.year <= last],
        )
        for indicator in indicators
    ]
