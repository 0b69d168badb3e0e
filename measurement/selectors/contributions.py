"""Initiatives inside initiatives: what a parent's indicator is made of, and what a child's
indicator adds to.

The breakdown of a parent's indicator shows, for each of its periods, the figure of the
parent's own organizations and the figure of each child indicator that adds to it (the
child's own rollup of its period with the same start date; periods are matched by start
date, the frequencies being the same). A grandchild's organizations are inside their
child's figure. A fixed number of queries, whatever the number of children and periods.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Exists, OuterRef

from initiatives.models import Membership
from initiatives.selectors import initiative_is_visible_to

from ..models import Aggregation, Indicator, IndicatorAssignment, Rollup, SubmissionState


@dataclass
class OwnFigure:
    """The parent's own organizations' figure of one period, by the indicator's rule."""

    value: Decimal | None
    contributing: int
    expected: int


def contribution_breakdown(*, indicator: Indicator, periods, user) -> dict | None:
    """None when no child indicator adds to this one. Otherwise `children` (each child
    indicator with its initiative, `visible`: may the user open it) and `rows`: per period,
    `own` (an OwnFigure) and `figures` (each child's Rollup or None, in the children's order)."""
    member = Membership.objects.filter(initiative=OuterRef("initiative_id"), user_id=user.pk)
    children = list(
        Indicator.objects.filter(contributes_to=indicator)
        .select_related("initiative")
        .annotate(member=Exists(member))
        .order_by("initiative__name", "code")
    )
    if not children:
        return None
    for child in children:
        child.visible = bool(user.is_superuser or child.member)
    periods = list(periods)
    starts = {period.start for period in periods}
    figures = {
        (rollup.indicator_id, rollup.period.start): rollup
        for rollup in Rollup.objects.filter(
            indicator__in=children, period__frequency=indicator.frequency, period__start__in=starts
        ).select_related("period")
    }
    own = own_figures(indicator=indicator, periods=periods)
    rows = [
        {
            "period": period,
            "own": own[period.pk],
            "figures": [figures.get((child.pk, period.start)) for child in children],
        }
        for period in periods
    ]
    return {"children": children, "rows": rows}


def contribution_target(*, indicator: Indicator, user) -> dict | None:
    """What the indicator adds to: the parent's indicator, whether the user may open it, and
    whether the contribution is switched on. None when it adds to nothing."""
    if indicator.contributes_to_id is None:
        return None
    target = Indicator.objects.select_related("initiative").get(pk=indicator.contributes_to_id)
    return {
        "indicator": target,
        "visible": initiative_is_visible_to(user=user, initiative_id=target.initiative_id),
        "active": indicator.contribution_active,
    }


# Each organization's approved value of the period (cumulative: its latest approved value up
# to the period), then its aggregates; `recent` picks the most recently submitted for 'latest'.
_OWN_SQL = """
SELECT t.period_id, COUNT(*), SUM(t.value), AVG(t.value), MIN(t.value), MAX(t.value),
       SUM(t.value * t.weight), SUM(t.weight), SUM(t.numerator), SUM(t.denominator),
       MAX(CASE WHEN t.recent = 1 THEN t.value END)
FROM (
    SELECT u.*, ROW_NUMBER() OVER (
        PARTITION BY u.period_id ORDER BY u.submitted_at DESC, u.submission_id DESC
    ) AS recent
    FROM (
        SELECT p.id AS period_id, s.value, s.numerator, s.denominator, s.weight,
               s.submitted_at, s.id AS submission_id,
               ROW_NUMBER() OVER (
                   PARTITION BY p.id, s.organization_id ORDER BY sp.start DESC
               ) AS position
        FROM measurement_reportingperiod p
        JOIN measurement_submission s ON s.indicator_id = %s AND s.state = %s
        JOIN measurement_reportingperiod sp ON sp.id = s.period_id
        WHERE p.id IN ({periods}) AND (sp.id = p.id OR (%s = 1 AND sp.start <= p.start))
    ) u
    WHERE u.position = 1
) t
GROUP BY t.period_id
"""


def own_figures(*, indicator: Indicator, periods) -> dict[int, OwnFigure]:
    """The figure of the indicator's own organizations in each period (without what child
    initiatives add), in two queries."""
    periods = list(periods)
    expected = IndicatorAssignment.objects.filter(indicator=indicator).count()
    found = {
        period.pk: OwnFigure(value=None, contributing=0, expected=expected) for period in periods
    }
    if not periods:
        return found
    sql = _OWN_SQL.replace("{periods}", ", ".join(["%s"] * len(periods)))
    params = [indicator.pk, SubmissionState.APPROVED.value, *[p.pk for p in periods]]
    params.append(1 if indicator.cumulative else 0)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for period_id, count, *sums in rows:
        found[period_id] = OwnFigure(
            value=_aggregate(indicator, *sums), contributing=count, expected=expected
        )
    return found


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _aggregate(
    indicator, total, average, low, high, weighted, weights, numerator, denominator, latest
):
    """The rule of measurement/services/rollups.py (_AGGREGATE), over the sums of one period."""
    rule = indicator.aggregation
    total, weighted, weights = _number(total), _number(weighted), _number(weights)
    numerator, denominator = _number(numerator), _number(denominator)
    if rule == Aggregation.SUM:
        return total
    if rule == Aggregation.AVERAGE:
        return _number(average)
    if rule == Aggregation.WEIGHTED_AVERAGE:
        return weighted / weights if weighted is not None and weights else None
    if rule == Aggregation.MINIMUM:
        return _number(low)
    if rule == Aggregation.MAXIMUM:
        return _number(high)
    if rule == Aggregation.LATEST:
        return _number(latest)
    if rule == Aggregation.RATIO_OF_SUMS:
        if numerator is None or not denominator:
            return None
        scale = 100 if indicator.value_type == "percentage" else 1
        return numerator * scale / denominator
    return None
