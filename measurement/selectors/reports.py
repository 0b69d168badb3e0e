"""The printable report of a period."""

from django.db.models import Count, Q

from initiatives.models import Initiative

from ..models import (
    CategoryRollup,
    Indicator,
    MeasurementSettings,
    ReportingPeriod,
    Rollup,
    Target,
)
from ..provisional import DEFAULT_THRESHOLD, rollup_is_provisional


def initiative_threshold(*, initiative: Initiative) -> int:
    """The initiative's provisional threshold (percent), in one query."""
    found = MeasurementSettings.objects.filter(initiative=initiative).values_list(
        "provisional_threshold", flat=True
    )
    return next(iter(found), DEFAULT_THRESHOLD)


def period_report(*, initiative: Initiative, period: ReportingPeriod) -> list[dict]:
    """The printable report's sections: each indicator of the period's frequency with its
    shared figure, target and figures per category (approved values only), and whether the
    figure is still provisional, in 6 queries."""
    indicators = list(
        Indicator.objects.filter(initiative=initiative, frequency=period.frequency)
        .filter(Q(is_active=True) | Q(rollups__period=period, rollups__contributing__gt=0))
        .annotate(assigned=Count("assignments", distinct=True))
        .distinct()
        .order_by("code")
    )
    rollups = {r.indicator_id: r for r in Rollup.objects.filter(period=period)}
    targets = {t.indicator_id: t.value for t in Target.objects.filter(period=period)}
    parts: dict[int, list[CategoryRollup]] = {}
    for row in (
        CategoryRollup.objects.filter(period=period)
        .select_related("category__dimension")
        .order_by("category__dimension__name", "category__order", "category__name")
    ):
        parts.setdefault(row.indicator_id, []).append(row)
    threshold = initiative_threshold(initiative=initiative)
    for rollup in rollups.values():
        rollup.provisional = rollup_is_provisional(
            rollup, threshold=threshold, locked=period.is_locked
        )
    return [
        {
            "indicator": indicator,
            "rollup": rollups.get(indicator.pk),
            "target": targets.get(indicator.pk),
            "categories": parts.get(indicator.pk, []),
        }
        for indicator in indicators
    ]
