"""Indicators and their figures per period."""

from django.db.models import Count, QuerySet

from initiatives.models import Initiative
from initiatives.selectors import initiative_list_for_user

from ..models import (
    Category,
    CategoryRollup,
    Indicator,
    ReportingPeriod,
    Rollup,
    Target,
)
from ..provisional import with_provisional, with_provisional_categories


def indicator_list(*, initiative: Initiative) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(initiative=initiative)
        .annotate(assigned=Count("assignments", distinct=True))
        .prefetch_related("dimensions")
        .order_by("code")
    )


def indicators_visible_to(*, user) -> QuerySet[Indicator]:
    """The indicators of every initiative the user is a member of, with what the API shows."""
    return (
        Indicator.objects.filter(initiative__in=initiative_list_for_user(user=user))
        .select_related("initiative")
        .prefetch_related("dimensions__categories", "targets", "organizations")
    )


def rollups_visible_to(*, user) -> QuerySet[Rollup]:
    """The shared figures of every initiative the user is a member of, each with whether it
    is provisional."""
    return with_provisional(
        Rollup.objects.filter(indicator__initiative__in=initiative_list_for_user(user=user))
    )


def category_rollups_visible_to(*, user) -> QuerySet[CategoryRollup]:
    """The shared figures per category of every initiative the user is a member of."""
    return with_provisional_categories(
        CategoryRollup.objects.filter(indicator__initiative__in=initiative_list_for_user(user=user))
    )


def latest_rollups(*, indicators) -> dict[int, Rollup]:
    """The most recent period's rollup of each indicator, in one query."""
    rows = (
        Rollup.objects.filter(indicator__in=indicators, contributing__gt=0)
        .select_related("period")
        .order_by("indicator_id", "-period__start")
    )
    latest: dict[int, Rollup] = {}
    for row in rows:
        latest.setdefault(row.indicator_id, row)
    return latest


def indicator_rollups(*, indicator: Indicator) -> dict:
    periods = list(
        ReportingPeriod.objects.filter(
            initiative_id=indicator.initiative_id, frequency=indicator.frequency
        ).order_by("start")
    )
    rollups = {r.period_id: r for r in Rollup.objects.filter(indicator=indicator)}
    targets = {t.period_id: t for t in Target.objects.filter(indicator=indicator)}
    categories = list(
        Category.objects.filter(dimension__indicators=indicator).select_related("dimension")
    )
    by_category = {
        (r.period_id, r.category_id): r for r in CategoryRollup.objects.filter(indicator=indicator)
    }
    return {
        "rows": [
            {
                "period": period,
                "rollup": rollups.get(period.pk),
                "target": targets.get(period.pk),
                "categories": [by_category.get((period.pk, c.pk)) for c in categories],
            }
            for period in periods
        ],
        "categories": categories,
    }
