"""Reporting periods: generated from a frequency, advanced by the calendar, set by hand;
late-submission grants."""

import calendar
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Initiative, Organization
from initiatives.signals import send_robust_logged

from ..models import (
    LateSubmissionGrant,
    MeasurementSettings,
    PeriodChange,
    PeriodState,
    ReportingPeriod,
)
from ..models.indicators import FREQUENCY_MONTHS
from ..signals import period_locked

DATE_IN_PAST = gettext_lazy("The date must not be in the past.")
PERIOD_LOCKED = gettext_lazy("The period %(period)s is locked: its values cannot change.")


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
            if target == PeriodState.LOCKED:
                send_robust_logged(period_locked, ReportingPeriod, period=period, user=None)
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
    if state == PeriodState.LOCKED:
        send_robust_logged(period_locked, ReportingPeriod, period=period, user=user)
    return period


@transaction.atomic
def late_grant_save(
    *, period: ReportingPeriod, organization: Organization, until: date, reason: str, user
) -> LateSubmissionGrant:
    if until < timezone.localdate():
        raise ValidationError({"until": str(DATE_IN_PAST)})
    exception, _created = LateSubmissionGrant.objects.update_or_create(
        period=period,
        organization=organization,
        defaults={"until": until, "reason": reason, "granted_by": user},
    )
    return exception


def period_refusal(period: ReportingPeriod, *, granted: bool) -> str | None:
    """Why the period takes no values from an organization, or None: locked periods never
    change; a closed one takes values under a live late-submission grant (`granted`)."""
    if period.state == PeriodState.LOCKED:
        return PERIOD_LOCKED % {"period": period}
    if period.state == PeriodState.OPEN or (period.state == PeriodState.CLOSED and granted):
        return None
    return _("The period %(period)s is not open for reporting.") % {"period": period}


def live_grants(periods) -> set[tuple[int, int]]:
    """(period, organization) pairs holding a late-submission grant that has not expired."""
    return set(
        LateSubmissionGrant.objects.filter(
            period__in=periods, until__gte=timezone.localdate()
        ).values_list("period_id", "organization_id")
    )
