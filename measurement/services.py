"""Writes of shared measurement: periods, submissions, review. Each one atomic and recorded.

A change that can move a rollup writes a RollupRequest in the same transaction and queues
the rollup task on commit; if the broker is down the periodic task picks the request up.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Organization
from initiatives.services import enqueue_on_commit

from .models import (
    Category,
    CategoryValue,
    Dimension,
    Indicator,
    IndicatorAssignment,
    LateSubmissionException,
    MeasurementSettings,
    PeriodChange,
    PeriodState,
    ReportingPeriod,
    RollupRequest,
    Submission,
    SubmissionEvent,
    SubmissionState,
    Target,
)
from .models.indicators import FREQUENCY_MONTHS, ValueType

HUNDRED = Decimal(100)
STORED_PLACES = Decimal("0.000001")
EDITABLE_STATES = {SubmissionState.DRAFT, SubmissionState.RETURNED, SubmissionState.SUBMITTED}


# --- periods -----------------------------------------------------------------------------


def settings_for(initiative: Initiative) -> MeasurementSettings:
    settings, _created = MeasurementSettings.objects.get_or_create(initiative=initiative)
    return settings


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def periods_generate(
    *, initiative: Initiative, frequency: str, first_start: date, count: int
) -> list[ReportingPeriod]:
    """Create `count` consecutive periods (idempotent: existing ones are kept as they are)."""
    if count < 1 or count > 120:
        raise ValidationError({"count": _("Generate between 1 and 120 periods at a time.")})
    settings = settings_for(initiative)
    months = FREQUENCY_MONTHS[frequency]
    start = first_start.replace(day=1)
    periods = []
    for _index in range(count):
        end = _add_months(start, months) - timedelta(days=1)
        period, _created = ReportingPeriod.objects.get_or_create(
            initiative=initiative,
            frequency=frequency,
            start=start,
            defaults={"end": end, "due_date": end + timedelta(days=settings.due_days_after_end)},
        )
        periods.append(period)
        start = end + timedelta(days=1)
    return periods


def period_state_for(period: ReportingPeriod, settings: MeasurementSettings, today: date) -> str:
    if today > period.due_date + timedelta(days=settings.lock_days_after_due):
        return PeriodState.LOCKED
    if today > period.due_date + timedelta(days=settings.close_days_after_due):
        return PeriodState.CLOSED
    if today >= period.end - timedelta(days=settings.open_days_before_end):
        return PeriodState.OPEN
    return PeriodState.SCHEDULED


_STATE_ORDER = {"scheduled": 0, "open": 1, "closed": 2, "locked": 3}


def _step_date(period: ReportingPeriod, settings: MeasurementSettings, state: str) -> date:
    """The first day on which the calendar puts the period in `state`."""
    if state == PeriodState.LOCKED:
        return period.due_date + timedelta(days=settings.lock_days_after_due + 1)
    if state == PeriodState.CLOSED:
        return period.due_date + timedelta(days=settings.close_days_after_due + 1)
    return period.end - timedelta(days=settings.open_days_before_end)


@transaction.atomic
def periods_advance(*, today: date | None = None) -> int:
    """Open, close and lock periods as each initiative's calendar says. Never moves backwards:
    a period that staff reopened by hand stays as they left it until its next step is due."""
    today = today or timezone.localdate()
    changed = 0
    last_change = PeriodChange.objects.filter(period=OuterRef("pk")).order_by("-at").values("at")
    periods = (
        ReportingPeriod.objects.exclude(state=PeriodState.LOCKED)
        .select_related("initiative__measurement_settings")
        .annotate(changed_by_hand_at=Subquery(last_change[:1]))
        .select_for_update(of=("self",))
    )
    for period in periods:
        settings = getattr(period.initiative, "measurement_settings", None) or MeasurementSettings()
        target = period_state_for(period, settings, today)
        by_hand = period.changed_by_hand_at
        if by_hand and timezone.localdate(by_hand) >= _step_date(period, settings, target):
            continue  # staff set this state after the calendar's step: wait for the next one
        if _STATE_ORDER[target] > _STATE_ORDER[period.state]:
            period.state = target
            period.save(update_fields=["state"])
            changed += 1
    return changed


@transaction.atomic
def period_set_state(
    *, period: ReportingPeriod, state: str, user, note: str = ""
) -> ReportingPeriod:
    """A backbone action: open, close, lock or reopen a period by hand. It is recorded."""
    if state not in PeriodState.values:
        raise ValidationError({"state": _("Unknown period state.")})
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.state == state:
        return period
    PeriodChange.objects.create(
        period=period, actor=user, from_state=period.state, to_state=state, note=note
    )
    period.state = state
    period.save(update_fields=["state"])
    return period


@transaction.atomic
def late_exception_grant(
    *, period: ReportingPeriod, organization: Organization, until: date, reason: str, user
) -> LateSubmissionException:
    if until < timezone.localdate():
        raise ValidationError({"until": _("The date must not be in the past.")})
    exception, _created = LateSubmissionException.objects.update_or_create(
        period=period,
        organization=organization,
        defaults={"until": until, "reason": reason, "granted_by": user},
    )
    return exception


def period_accepts_values(period: ReportingPeriod, organization_id: int) -> bool:
    if period.state == PeriodState.OPEN:
        return True
    if period.state == PeriodState.CLOSED:
        return LateSubmissionException.objects.filter(
            period=period, organization_id=organization_id, until__gte=timezone.localdate()
        ).exists()
    return False


# --- values ------------------------------------------------------------------------------


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
    from .tasks import rollup_process_requests_task

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


@transaction.atomic
def submission_approve(*, submission_id: int, user) -> Submission:
    """Approve a submitted value. A second reviewer arriving late gets a clear refusal."""
    submission = _locked_submission(submission_id)
    _refuse_locked(submission.period)
    if submission.state != SubmissionState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be approved; this one is %(state)s.")
            % {"state": submission.get_state_display().lower()}
        )
    submission.state = SubmissionState.APPROVED
    submission.reviewed_at, submission.reviewed_by = timezone.now(), user
    submission.version += 1
    submission.save(update_fields=["state", "reviewed_at", "reviewed_by", "version", "updated_at"])
    _record(submission, user=user, action=SubmissionEvent.Action.APPROVED, from_state="submitted")
    _request_rollup(submission)
    return submission


@transaction.atomic
def submission_return(*, submission_id: int, user, note: str) -> Submission:
    """Send a submitted value back to the partner with a note saying what to fix."""
    if not note.strip():
        raise ValidationError({"note": _("Say what should be corrected.")})
    submission = _locked_submission(submission_id)
    _refuse_locked(submission.period)
    if submission.state != SubmissionState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be returned; this one is %(state)s.")
            % {"state": submission.get_state_display().lower()}
        )
    return _send_back(submission, user=user, note=note, action=SubmissionEvent.Action.RETURNED)


@transaction.atomic
def submission_reopen(*, submission_id: int, user, note: str) -> Submission:
    """A backbone action: take an approved value out of the rollup and back to the partner."""
    if not note.strip():
        raise ValidationError({"note": _("Say why the approved value is reopened.")})
    submission = _locked_submission(submission_id)
    _refuse_locked(submission.period)
    if submission.state != SubmissionState.APPROVED:
        raise ValidationError(_("Only an approved value can be reopened."))
    _send_back(submission, user=user, note=note, action=SubmissionEvent.Action.REOPENED)
    _request_rollup(submission)
    return submission


def _send_back(submission: Submission, *, user, note: str, action: str) -> Submission:
    from_state = submission.state
    submission.state = SubmissionState.RETURNED
    submission.review_note = note.strip()
    submission.reviewed_at, submission.reviewed_by = timezone.now(), user
    submission.version += 1
    submission.save(
        update_fields=[
            "state",
            "review_note",
            "reviewed_at",
            "reviewed_by",
            "version",
            "updated_at",
        ]
    )
    _record(submission, user=user, action=action, from_state=from_state, note=note.strip())
    return submission


@transaction.atomic
def submissions_approve_bulk(*, initiative: Initiative, submission_ids: list[int], user) -> int:
    """Approve every submitted value among the ids, in one transaction. Returns how many."""
    now = timezone.now()
    rows = list(
        Submission.objects.select_for_update(of=("self",))
        .filter(
            pk__in=submission_ids,
            indicator__initiative=initiative,
            state=SubmissionState.SUBMITTED,
        )
        .filter(~Q(period__state=PeriodState.LOCKED))
        .values_list("pk", "indicator_id", "period_id")
    )
    if not rows:
        return 0
    ids = [pk for pk, _i, _p in rows]
    Submission.objects.filter(pk__in=ids).update(
        state=SubmissionState.APPROVED,
        reviewed_at=now,
        reviewed_by=user,
        updated_at=now,
        version=F("version") + 1,
    )
    SubmissionEvent.objects.bulk_create(
        SubmissionEvent(
            submission_id=pk,
            actor=user,
            action=SubmissionEvent.Action.APPROVED,
            from_state=SubmissionState.SUBMITTED,
            to_state=SubmissionState.APPROVED,
        )
        for pk in ids
    )
    RollupRequest.objects.bulk_create(
        RollupRequest(indicator_id=indicator, period_id=period)
        for indicator, period in {(i, p) for _pk, i, p in rows}
    )
    from .tasks import rollup_process_requests_task

    enqueue_on_commit(rollup_process_requests_task)
    return len(ids)


# --- indicators --------------------------------------------------------------------------


def _request_rollups_for_indicator(indicator: Indicator) -> None:
    from .tasks import rollup_process_requests_task

    periods = ReportingPeriod.objects.filter(
        initiative_id=indicator.initiative_id, frequency=indicator.frequency
    ).values_list("pk", flat=True)
    RollupRequest.objects.bulk_create(
        RollupRequest(indicator=indicator, period_id=period_id) for period_id in periods
    )
    enqueue_on_commit(rollup_process_requests_task)


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


@transaction.atomic
def indicator_save(*, indicator: Indicator, organizations, dimensions) -> Indicator:
    """Create or update an indicator, its disaggregations and who reports it."""
    indicator.full_clean(exclude=["initiative"])
    indicator.save()
    indicator.dimensions.set(dimensions)
    wanted = {organization.pk for organization in organizations}
    current = set(indicator.assignments.values_list("organization_id", flat=True))
    indicator.assignments.filter(organization_id__in=current - wanted).delete()
    IndicatorAssignment.objects.bulk_create(
        IndicatorAssignment(indicator=indicator, organization_id=pk) for pk in wanted - current
    )
    _request_rollups_for_indicator(indicator)  # the aggregation or the expected count may change
    return indicator


@transaction.atomic
def dimension_create(*, initiative: Initiative, name: str, categories: list[str]) -> Dimension:
    if Dimension.objects.filter(initiative=initiative, name__iexact=name).exists():
        raise ValidationError({"name": _("This initiative already has a breakdown by that name.")})
    dimension = Dimension.objects.create(initiative=initiative, name=name)
    Category.objects.bulk_create(
        Category(dimension=dimension, name=category, order=position)
        for position, category in enumerate(categories)
    )
    return dimension


@transaction.atomic
def targets_save(*, indicator: Indicator, targets: dict[int, Decimal | None]) -> None:
    """Set (or clear, with None) the target of each period."""
    periods = set(
        ReportingPeriod.objects.filter(
            initiative_id=indicator.initiative_id, pk__in=targets
        ).values_list("pk", flat=True)
    )
    for period_id, value in targets.items():
        if period_id not in periods:
            continue
        if value is None:
            Target.objects.filter(indicator=indicator, period_id=period_id).delete()
        else:
            Target.objects.update_or_create(
                indicator=indicator, period_id=period_id, defaults={"value": value}
            )
