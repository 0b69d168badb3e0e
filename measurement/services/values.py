"""What is entered for one value, and its checks: numbers, fractions, breakdowns, outliers.

Pure functions over an indicator and its categories: no query, so that a batch of any size is
checked with the data loaded once (see submissions.py).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Category, Indicator
from ..models.indicators import ValueType

HUNDRED = Decimal(100)

# Stored in the saver's language; pages show it again in the reader's (templatetags/values.py).
OUTLIER_REASON = gettext_noop("%(value)s is far from the previous period's %(previous)s.")


STORED_PLACES = Decimal("0.000001")


@dataclass
class Values:
    """What a partner enters for one indicator, organization and period."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    weight: Decimal | None = None
    categories: dict[int, dict[str, Decimal | None]] = field(default_factory=dict)
    breakdown_incomplete: bool = False
    comment: str = ""


def _check_number(errors: dict, name: str, number: Decimal | None, indicator: Indicator):
    if number is None:
        return
    if not number.is_finite():
        errors[name] = _("Enter a number.")
    elif number < 0 and indicator.value_type in (ValueType.COUNT, ValueType.PERCENTAGE):
        errors[name] = _("This cannot be negative.")
    elif indicator.value_type == ValueType.COUNT and number != number.to_integral_value():
        errors[name] = _("A count is a whole number.")
    elif abs(number) >= Decimal("1e14"):
        errors[name] = _("This number is too large.")


def _fraction(indicator: Indicator, numerator, denominator) -> Decimal | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    value = numerator / denominator
    if indicator.value_type == ValueType.PERCENTAGE:
        value *= HUNDRED
    # Rounded as the database stores it, so that saving the same numbers again changes nothing.
    return value.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)


def values_clean(
    indicator: Indicator, values: Values, *, categories: list[Category], require: bool
) -> Values:
    """Validate values for an indicator; raises ValidationError keyed by field.

    Field names: value, numerator, denominator, weight, category_<id>[_numerator|_denominator].
    """
    errors: dict[str, str] = {}
    for name in ("value", "numerator", "denominator", "weight"):
        _check_number(errors, name, getattr(values, name), indicator)
    if indicator.is_fraction:
        for name in ("numerator", "denominator"):
            if require and getattr(values, name) is None and name not in errors:
                errors[name] = _("This field is required.")
        if values.denominator is not None and values.denominator <= 0:
            errors["denominator"] = _("The denominator must be above zero.")
        if (
            indicator.value_type == ValueType.PERCENTAGE
            and values.numerator is not None
            and values.denominator is not None
            and values.denominator > 0
            and values.numerator > values.denominator
        ):
            errors["numerator"] = _(
                "A percentage is between 0 and 100: the numerator cannot exceed the denominator."
            )
        values.value = _fraction(indicator, values.numerator, values.denominator)
    elif require and values.value is None and "value" not in errors:
        errors["value"] = _("This field is required.")
    if indicator.aggregation == "weighted_average" and require and values.weight is None:
        errors["weight"] = _("A weighted average needs the weight of this value.")
    _check_categories(indicator, values, categories, errors, require=require)
    if errors:
        raise ValidationError(errors)
    return values


def _check_categories(indicator, values: Values, categories, errors: dict, *, require) -> None:
    by_dimension: dict[int, list[Category]] = {}
    for category in categories:
        by_dimension.setdefault(category.dimension_id, []).append(category)
        entered = values.categories.get(category.pk, {})
        for part in ("value", "numerator", "denominator"):
            name = f"category_{category.pk}" + ("" if part == "value" else f"_{part}")
            _check_number(errors, name, entered.get(part), indicator)
        denominator = entered.get("denominator")
        if denominator is not None and denominator <= 0:
            errors[f"category_{category.pk}_denominator"] = _("The denominator must be above zero.")
        numerator = entered.get("numerator")
        if (
            indicator.value_type == ValueType.PERCENTAGE
            and numerator is not None
            and denominator is not None
            and denominator > 0
            and numerator > denominator
        ):
            errors[f"category_{category.pk}_numerator"] = _(
                "A percentage is between 0 and 100: the numerator cannot exceed the denominator."
            )
        if indicator.is_fraction:
            entered["value"] = _fraction(indicator, entered.get("numerator"), denominator)
            # A category's figure sums numerators and denominators over the same organizations.
            if require and (numerator is None) != (denominator is None):
                missing = "numerator" if numerator is None else "denominator"
                errors.setdefault(f"category_{category.pk}_{missing}", _("This field is required."))
    if not indicator.is_additive or values.breakdown_incomplete or errors:
        return
    parts = ("numerator", "denominator") if indicator.is_fraction else ("value",)
    for members in by_dimension.values():
        entered = [values.categories.get(c.pk, {}) for c in members]
        if not any(e.get(part) is not None for e in entered for part in parts):
            continue  # this breakdown was not filled in at all
        for part in parts:
            total = getattr(values, part)
            parts_sum = sum((e.get(part) or Decimal(0)) for e in entered)
            if total is not None and parts_sum != total:
                errors[f"category_{members[0].pk}" + ("" if part == "value" else f"_{part}")] = _(
                    "The categories of %(dimension)s add up to %(sum)s, not %(total)s. Correct "
                    "them, or mark the breakdown as incomplete."
                ) % {"dimension": members[0].dimension.name, "sum": parts_sum, "total": total}


def outlier_reason(value: Decimal | None, previous: Decimal | None, factor: Decimal) -> str:
    """Why a value is far from the previous one (more than `factor` times either way), or ''."""
    if previous is None or value is None or previous == 0:
        return ""
    if value == 0 or max(value / previous, previous / value) > factor or value / previous < 0:
        return _(OUTLIER_REASON) % {
            "value": format(value.normalize(), "f"),
            "previous": format(previous.normalize(), "f"),
        }
    return ""
