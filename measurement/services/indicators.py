"""Indicators, their breakdowns, targets and the organizations assigned to report them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from sheatufim.text import isolate

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
    indicator_validate(indicator=indicator)
    previous_target = (
        Indicator.objects.filter(pk=indicator.pk)
        .values_list("contributes_to_id", flat=True)
        .first()
        if indicator.pk
        else None
    )
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
    # The parents' figures count this indicator's organizations (old and new parent alike).
    _request_rollups_for_targets({previous_target, indicator.contributes_to_id})
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


# --- rules of the indicator settings and of contributions to a parent initiative ----------


def indicator_validate(*, indicator: Indicator) -> None:
    """Every rule indicator_save applies before it writes, keyed by field; the admin's form
    asks here too, so that its errors show at the field as on the page."""
    indicator.full_clean(exclude=["initiative"])
    if error := figure_error(indicator, indicator.baseline):
        raise ValidationError({"baseline": error})
    _refuse_frequency_change(indicator)
    _refuse_unweighted_switch(indicator)
    contribution_check(indicator=indicator)
    _refuse_breaking_contributions(indicator)


def _same_unit(a: str, b: str) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def contribution_check(*, indicator: Indicator) -> None:
    """An indicator adds only to an indicator of its initiative's parent with the same value
    type, unit, frequency and way of counting (cumulative or not; the periods of the two
    initiatives are matched by their start date); a weighted average of the parent needs the
    weights of the child's values."""
    target = indicator.contributes_to
    if target is None:
        return
    parent_id = (
        Initiative.objects.filter(pk=indicator.initiative_id)
        .values_list("parent_id", flat=True)
        .first()
    )
    if parent_id is None:
        raise ValidationError(
            {
                "contributes_to": _(
                    "This initiative runs inside no other initiative: set its parent "
                    "initiative first."
                )
            }
        )
    if target.initiative_id != parent_id:
        raise ValidationError(
            {"contributes_to": _("Choose an indicator of the parent initiative.")}
        )
    if error := _mismatch(child=indicator, parent=target):
        raise ValidationError({"contributes_to": error})
    stored = Indicator.objects.filter(pk=indicator.pk).values_list("contributes_to_id", flat=True)
    if not target.is_active and (indicator.pk is None or stored.first() != target.pk):
        raise ValidationError(
            {"contributes_to": _("The parent's indicator is inactive: choose an active one.")}
        )


def _misfit(*, child: Indicator, parent: Indicator) -> str | None:
    """The first setting by which the child's values cannot count in the parent's figure."""
    if child.value_type != parent.value_type:
        return "value_type"
    if not _same_unit(child.unit, parent.unit):
        return "unit"
    if child.frequency != parent.frequency:
        return "frequency"
    if child.cumulative != parent.cumulative:
        return "cumulative"
    weighted = Aggregation.WEIGHTED_AVERAGE
    if parent.aggregation == weighted and child.aggregation != weighted:
        return "aggregation"
    return None


def _mismatch(*, child: Indicator, parent: Indicator) -> str | None:
    """Why the child's values cannot count in the parent's figure (None when they can)."""
    misfit = _misfit(child=child, parent=parent)
    if misfit == "value_type":
        return _(
            "The parent's indicator is of another value type (%(type)s): a contribution needs "
            "the same value type."
        ) % {"type": parent.get_value_type_display()}
    if misfit == "unit":
        return _(
            "The parent's indicator is measured in another unit (%(unit)s): a contribution "
            "needs the same unit."
        ) % {"unit": isolate(parent.text("unit")) if parent.unit else _("no unit")}
    if misfit == "frequency":
        return _(
            "The parent's indicator is reported at another frequency (%(frequency)s): "
            "periods are matched by their start date, so a contribution needs the same "
            "frequency."
        ) % {"frequency": parent.get_frequency_display()}
    if misfit == "cumulative":
        return _(
            "One of the two indicators is cumulative (a running total) and the other counts "
            "each period apart: a contribution needs both to count the same way."
        )
    if misfit == "aggregation":
        return _(
            "The parent's indicator is a weighted average: it needs the weight of every "
            "value, so this indicator must be a weighted average too."
        )
    return None


def _refuse_breaking_contributions(indicator: Indicator) -> None:
    """The indicators that add to this one keep fitting it: a change of its value type, unit,
    frequency or aggregation that they no longer fit is refused at that field."""
    if indicator.pk is None:
        return
    children = Indicator.objects.filter(contributes_to=indicator).only(
        "value_type", "unit", "frequency", "cumulative", "aggregation"
    )
    for child in children:
        # A parent may become cumulative, or stop being, before its children follow: the
        # figure counts their values its way; each child must match when next saved.
        if (field := _misfit(child=child, parent=indicator)) and field != "cumulative":
            raise ValidationError(
                {
                    field: _(
                        "Indicators of child initiatives add to this one and would no longer "
                        "fit it: detach their contributions first, or keep this setting."
                    )
                }
            )


def _targets_upward(indicator_ids) -> list[int]:
    """These indicators and those they add to, level after level (levels are few: one query
    each; a loop left by a concurrent change stops at the first repeat)."""
    found: list[int] = []
    level = {pk for pk in indicator_ids if pk}
    while level:
        found.extend(sorted(level))
        level = set(
            Indicator.objects.filter(pk__in=level, contributes_to__isnull=False).values_list(
                "contributes_to_id", flat=True
            )
        ) - set(found)
    return found


def _request_rollups_for_targets(indicator_ids) -> None:
    """Rollups for every period of the indicators a change reaches through contributions."""
    ids = _targets_upward(indicator_ids)
    if not ids:
        return
    indicators = list(
        Indicator.objects.filter(pk__in=ids).values_list("pk", "initiative_id", "frequency")
    )
    wanted = models.Q(pk__in=[])
    for _pk, initiative_id, frequency in indicators:
        wanted |= models.Q(initiative_id=initiative_id, frequency=frequency)
    periods: dict[tuple[int, str], list[int]] = {}
    for period_id, initiative_id, frequency in ReportingPeriod.objects.filter(wanted).values_list(
        "pk", "initiative_id", "frequency"
    ):
        periods.setdefault((initiative_id, frequency), []).append(period_id)
    rollup_request(
        (pk, period_id)
        for pk, initiative_id, frequency in indicators
        for period_id in periods.get((initiative_id, frequency), [])
    )


def contributions_detach(*, initiative_id: int, parent_id: int | None) -> int:
    """The initiative's indicators stop adding to indicators that are not of its parent (it
    moved, or runs on its own now); the figures they added to are recomputed. Returns the
    number of indicators detached."""
    detached = Indicator.objects.filter(initiative_id=initiative_id, contributes_to__isnull=False)
    if parent_id is not None:
        detached = detached.exclude(contributes_to__initiative_id=parent_id)
    targets = set(detached.values_list("contributes_to_id", flat=True))
    if not targets:
        return 0
    count = Indicator.objects.filter(pk__in=list(detached.values_list("pk", flat=True))).update(
        contributes_to=None
    )
    _request_rollups_for_targets(targets)
    return count


def on_initiative_parent_changed(sender, initiative, old_parent_id, parent_id, **kwargs) -> None:
    contributions_detach(initiative_id=initiative.pk, parent_id=parent_id)


def indicator_rollups_request(*, indicator: Indicator) -> None:
    """After a change of who reports the indicator outside indicator_save (the admin's
    inline): its figures and those of the parent's indicators it adds to."""
    _request_rollups_for_indicator(indicator)
    _request_rollups_for_targets({indicator.contributes_to_id})
