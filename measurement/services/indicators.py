"""Indicators, their breakdowns, targets and the organizations assigned to report them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative

from ..models import (
    Aggregation,
    Category,
    Dimension,
    Indicator,
    IndicatorAssignment,
    ReportingPeriod,
    Target,
    ValueType,
    YearTarget,
)
from .rollups import rollup_request


def _request_rollups_for_indicator(indicator: Indicator) -> None:
    periods = ReportingPeriod.objects.filter(
        initiative_id=indicator.initiative_id, frequency=indicator.frequency
    ).values_list("pk", flat=True)
    rollup_request((indicator.pk, period_id) for period_id in periods)


def assignments_end(*, initiative_id: int, organization_id: int) -> int:
    """An organization that left an initiative reports none of its indicators any more: it
    is no longer expected (completeness, heatmap, rollups). Its values stay, with their history.
    Returns the number of assignments ended."""
    assignments = IndicatorAssignment.objects.filter(
        indicator__initiative_id=initiative_id, organization_id=organization_id
    )
    indicators = list(Indicator.objects.filter(pk__in=assignments.values("indicator_id")))
    ended, _detail = assignments.delete()
    for indicator in indicators:
        _request_rollups_for_indicator(indicator)  # the expected count changes
    return ended


def on_participation_ended(sender, participation, **kwargs) -> None:
    assignments_end(
        initiative_id=participation.initiative_id, organization_id=participation.organization_id
    )


def _refuse_frequency_change(indicator: Indicator) -> None:
    """Values belong to periods of the indicator's frequency: once there are values, another
    frequency would leave them (and their figures) in periods the indicator no longer has."""
    if indicator.pk is None:
        return
    stored = Indicator.objects.filter(pk=indicator.pk).values_list("frequency", flat=True).first()
    if stored != indicator.frequency and indicator.submissions.exists():
        raise ValidationError(
            {
                "frequency": _(
                    "Values were already reported at this frequency, so it cannot change. "
                    "Make the indicator inactive and create a new one instead."
                )
            }
        )


def figure_error(indicator: Indicator, value: Decimal | None) -> str | None:
    """Why `value` cannot be a target or baseline of the indicator (None when it can): a
    percentage is within 0-100, a count is never negative, as its reported values."""
    if value is None:
        return None
    if indicator.value_type == ValueType.PERCENTAGE and not 0 <= value <= 100:
        return _("A percentage is between 0 and 100.")
    if indicator.value_type == ValueType.COUNT and value < 0:
        return _("A count cannot be negative.")
    return None


def _refuse_unweighted_switch(indicator: Indicator) -> None:
    """A weighted average needs each value's weight: values reported without one would leave
    the figure blank, so the switch is refused with the reason rather than made silently."""
    if indicator.pk is None or indicator.aggregation != Aggregation.WEIGHTED_AVERAGE:
        return
    stored = Indicator.objects.filter(pk=indicator.pk).values_list("aggregation", flat=True).first()
    if stored == indicator.aggregation:
        return
    if indicator.submissions.filter(weight__isnull=True).exists():
        raise ValidationError(
            {
                "aggregation": _(
                    "A weighted average needs the weight of every value (e.g. the number of "
                    "students behind a score), and values were already reported without one: "
                    "their figure would be blank. Keep this aggregation, or create a new "
                    "indicator that asks for the weight."
                )
            }
        )


@transaction.atomic
def indicator_save(*, indicator: Indicator, organizations, dimensions) -> Indicator:
    """Create or update an indicator, its disaggregations and who reports it."""
    indicator.full_clean(exclude=["initiative"])
    if error := figure_error(indicator, indicator.baseline):
        raise ValidationError({"baseline": error})
    _refuse_frequency_change(indicator)
    _refuse_unweighted_switch(indicator)
    indicator.save()
    indicator.dimensions.set(dimensions)
    wanted = {organization.pk for organization in organizations}
    current = set(indicator.assignments.values_list("organization_id", flat=True))
    indicator.assignments.filter(organization_id__in=current - wanted).delete()
    today = timezone.localdate()
    IndicatorAssignment.objects.bulk_create(
        IndicatorAssignment(indicator=indicator, organization_id=pk, assigned_on=today)
        for pk in wanted - current
    )
    _request_rollups_for_indicator(indicator)  # the aggregation or the expected count may change
    return indicator


@transaction.atomic
def dimension_create(
    *,
    initiative: Initiative,
    name: str,
    categories: list[str],
    language: str = "",
    translations: dict | None = None,
    category_translations: list[dict] | None = None,
) -> Dimension:
    """A breakdown and its categories, with their names in other languages where given."""
    if Dimension.objects.filter(initiative=initiative, name__iexact=name).exists():
        raise ValidationError({"name": _("This initiative already has a breakdown by that name.")})
    dimension = Dimension.objects.create(
        initiative=initiative, name=name, language=language, translations=translations or {}
    )
    versions = category_translations or [{} for _category in categories]
    Category.objects.bulk_create(
        Category(
            dimension=dimension, name=category, order=position, language=language, translations=t
        )
        for position, (category, t) in enumerate(zip(categories, versions, strict=True))
    )
    return dimension


@transaction.atomic
def targets_save(*, indicator: Indicator, targets: dict[int, Decimal | None]) -> None:
    """Set (or clear, with None) the target of each period; a value out of the indicator's
    range refuses them all, keyed target_<period id>."""
    periods = set(
        ReportingPeriod.objects.filter(
            initiative_id=indicator.initiative_id, pk__in=targets
        ).values_list("pk", flat=True)
    )
    errors = {
        f"target_{period_id}": error
        for period_id, value in targets.items()
        if period_id in periods and (error := figure_error(indicator, value))
    }
    if errors:
        raise ValidationError(errors)
    for period_id, value in targets.items():
        if period_id not in periods:
            continue
        if value is None:
            Target.objects.filter(indicator=indicator, period_id=period_id).delete()
        else:
            Target.objects.update_or_create(
                indicator=indicator, period_id=period_id, defaults={"value": value}
            )


YEARS = range(1900, 2201)  # YearTarget.year's validators


@transaction.atomic
def year_targets_save(*, indicator: Indicator, targets: dict[int, Decimal | None]) -> None:
    """Set (or clear, with None) the target of each calendar year, judged against the year's
    figure by the indicator's time rule; a value out of the indicator's range, or a year out
    of range, refuses them all, keyed year_target_<year>."""
    errors = {}
    for year, value in targets.items():
        if year not in YEARS:
            errors[f"year_target_{year}"] = _("Enter a year between 1900 and 2200.")
        elif error := figure_error(indicator, value):
            errors[f"year_target_{year}"] = error
    if errors:
        raise ValidationError(errors)
    cleared = [year for year, value in targets.items() if value is None]
    if cleared:
        YearTarget.objects.filter(indicator=indicator, year__in=cleared).delete()
    for year, value in targets.items():
        if value is not None:
            YearTarget.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": value}
            )
