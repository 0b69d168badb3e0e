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

from django.db.models import Exists, OuterRef

from initiatives.models import Membership
from initiatives.selectors import initiative_is_visible_to

from ..models import Indicator, Rollup
from ..services import rollups


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


def own_figures(*, indicator: Indicator, periods) -> dict[int, OwnFigure]:
    """The figure of the indicator's own organizations in each period (without what child
    initiatives add), by the rollups' own rules (services/rollups.py), in one query."""
    periods = list(periods)
    found = rollups.own_figures(indicator_id=indicator.pk, period_ids=[p.pk for p in periods])
    figures = {}
    for period in periods:
        value, contributing, expected = found.get(period.pk, (None, 0, 0))
        figures[period.pk] = OwnFigure(
            value=None if value is None else _six(value),
            contributing=contributing,
            expected=expected,
        )
    return figures


def _six(value) -> Decimal:
    """As a rollup stores it: six decimals."""
    return Decimal(str(value)).quantize(Decimal("0.000001"))
