"""Saving values: the one writer of submissions, whoever calls it (form, API, bulk, import)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Organization
from initiatives.services import enqueue_on_commit

from ..models import (
    Category,
    CategoryValue,
    Indicator,
    PeriodState,
    ReportingPeriod,
    RollupRequest,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from ..models.indicators import ValueType
from .periods import period_accepts_values

HUNDRED = Decimal(100)


STORED_PLACES = Decimal("0.000001")


EDITABLE_STATES = {SubmissionState.DRAFT, SubmissionState.RETURNED, SubmissionState.SUBMITTED}


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
    _check_categories(indicator, values, categories, errors)
    if errors:
        raise ValidationError(errors)
    return values


def _check_categories(indicator, values: Values, categories, errors: dict) -> None:
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


def _outlier_reason(indicator: Indicator, submission: Submission) -> str:
    """A value far from the same organization's previous period is flagged, never refused."""
    previous = (
        Submission.objects.filter(
            indicator=indicator,
            organization_id=submission.organization_id,
            period__start__lt=submission.period.start,
            state=SubmissionState.APPROVED,
        )
        .order_by("-period__start")
        .values_list("value", flat=True)
        .first()
    )
    return outlier_reason(submission.value, previous, indicator.outlier_factor)


def outlier_reason(value: Decimal | None, previous: Decimal | None, factor: Decimal) -> str:
    """Why a value is far from the previous one (more than `factor` times either way), or ''."""
    if previous is None or value is None or previous == 0:
        return ""
    if value == 0 or max(value / previous, previous / value) > factor or value / previous < 0:
        return _("%(value)s is far from the previous period's %(previous)s.") % {
            "value": format(value.normalize(), "f"),
            "previous": format(previous.normalize(), "f"),
        }
    return ""


def _record(submission: Submission, *, user, action: str, from_state: str, changes=None, note=""):
    SubmissionEvent.objects.create(
        submission=submission,
        actor=user,
        action=action,
        from_state=from_state,
        to_state=submission.state,
        changes=changes or {},
        note=note,
    )


def _request_rollup(submission: Submission) -> None:
    from ..tasks import rollup_process_requests_task

    RollupRequest.objects.create(
        indicator_id=submission.indicator_id, period_id=submission.period_id
    )
    enqueue_on_commit(rollup_process_requests_task)


def _as_text(value) -> str | None:
    return (
        None
        if value is None
        else format(value.normalize(), "f")
        if isinstance(value, Decimal)
        else str(value)
    )


def _locked_submission(submission_id: int) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("period", "indicator")
        .get(pk=submission_id)
    )


def _refuse_locked(period: ReportingPeriod) -> None:
    if period.state == PeriodState.LOCKED:
        raise ValidationError(
            _("The period %(period)s is locked: its values cannot change.") % {"period": period}
        )


CHANGE_FIELDS = ("value", "numerator", "denominator", "weight", "comment", "breakdown_incomplete")


@transaction.atomic
def submission_save(
    *,
    user,
    indicator: Indicator,
    organization: Organization,
    period: ReportingPeriod,
    values: Values,
    submit: bool,
    evidence=None,
    action: str = SubmissionEvent.Action.SAVED,
    categories: list[Category] | None = None,
) -> tuple[Submission, bool]:
    """Save a partner's values as a draft, or submit them. Returns (submission, changed).

    `categories` (the indicator's, with their dimension) may be passed by a caller that already
    loaded them, such as the import.
    """
    if period.initiative_id != indicator.initiative_id or period.frequency != indicator.frequency:
        raise ValidationError({"period": _("This period does not belong to the indicator.")})
    _refuse_locked(period)
    if not period_accepts_values(period, organization.pk):
        raise ValidationError(
            {"period": _("The period %(period)s is not open for reporting.") % {"period": period}}
        )
    if not indicator.assignments.filter(organization=organization).exists():
        raise ValidationError(
            {
                "indicator": _("%(organization)s does not report this indicator.")
                % {"organization": organization}
            }
        )
    if categories is None:
        categories = list(
            Category.objects.filter(dimension__indicators=indicator).select_related("dimension")
        )
    values = values_clean(indicator, values, categories=categories, require=submit)
    submission, _created = Submission.objects.select_for_update(of=("self",)).get_or_create(
        indicator=indicator, organization=organization, period=period
    )
    submission.period, submission.indicator = period, indicator
    if submission.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This value was approved. The backbone staff can reopen it if it must change.")
        )
    changes = _apply_values(submission, values, categories)
    from_state = submission.state
    new_state = SubmissionState.SUBMITTED if submit else SubmissionState.DRAFT
    if from_state == SubmissionState.RETURNED and not submit and not changes:
        new_state = from_state
    if evidence is not None:
        submission.evidence = evidence
        changes["evidence"] = [None, evidence.name]
    if not changes and new_state == from_state and not _created:
        return submission, False
    submission.state = new_state
    submission.updated_by = user
    submission.version += 1
    if submit:
        submission.submitted_at, submission.submitted_by = timezone.now(), user
        submission.flag_reason = _outlier_reason(indicator, submission)
        submission.flagged = bool(submission.flag_reason)
    submission.save()
    event = (
        action
        if action == SubmissionEvent.Action.IMPORTED
        else (SubmissionEvent.Action.SUBMITTED if submit else SubmissionEvent.Action.SAVED)
    )
    _record(submission, user=user, action=event, from_state=from_state, changes=changes)
    return submission, True


def _apply_values(submission: Submission, values: Values, categories) -> dict:
    """Copy values onto the submission and its category rows; return {field: [old, new]}."""
    changes = {}
    for name in CHANGE_FIELDS:
        old, new = getattr(submission, name), getattr(values, name)
        if isinstance(new, Decimal) or isinstance(old, Decimal):
            same = (old is None and new is None) or (
                old is not None and new is not None and Decimal(old) == Decimal(new)
            )
        else:
            same = old == new
        if not same:
            changes[name] = [_as_text(old), _as_text(new)]
            setattr(submission, name, new)
    if submission.pk is None:
        submission.save()
    existing = {row.category_id: row for row in submission.category_values.all()}
    for category in categories:
        entered = values.categories.get(category.pk, {})
        new = {part: entered.get(part) for part in ("value", "numerator", "denominator")}
        row = existing.get(category.pk)
        old = {part: getattr(row, part) if row else None for part in new}
        if all(v is None for v in new.values()):
            if row:
                row.delete()
        elif row is None:
            CategoryValue.objects.create(submission=submission, category=category, **new)
        else:
            CategoryValue.objects.filter(pk=row.pk).update(**new)
        if any(
            (old[p] is None) != (new[p] is None)
            or (old[p] is not None and Decimal(old[p]) != Decimal(new[p]))
            for p in new
        ):
            changes[f"{category.dimension.name}: {category.name}"] = [
                _as_text(old["value"]),
                _as_text(new["value"]),
            ]
    return changes
