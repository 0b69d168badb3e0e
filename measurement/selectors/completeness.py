"""Completeness, one counting rule for every page: expected (assigned organization ×
indicator) against submitted, approved, returned and late."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from initiatives.models import Initiative

from ..models import (
    Indicator,
    IndicatorAssignment,
    LateSubmissionGrant,
    PeriodState,
    ReportingPeriod,
    Submission,
    SubmissionState,
)


def assigned_submissions(queryset: QuerySet[Submission] | None = None) -> QuerySet[Submission]:
    """Values of organizations assigned to their indicator: those completeness counts (a value
    kept after its organization was unassigned is not expected, so it is not counted either)."""
    queryset = Submission.objects.all() if queryset is None else queryset
    return queryset.filter(
        Exists(
            IndicatorAssignment.objects.filter(
                indicator_id=OuterRef("indicator_id"), organization_id=OuterRef("organization_id")
            )
        )
    )


def excused_organization_ids(*, period: ReportingPeriod, organization_ids=None) -> set[int]:
    """Organizations whose missing values of the period are not late: they hold a live
    late-submission exception, and the period is not locked. One rule for every page."""
    if period.state == PeriodState.LOCKED:
        return set()
    exceptions = LateSubmissionGrant.objects.filter(period=period, until__gte=timezone.localdate())
    if organization_ids is not None:
        exceptions = exceptions.filter(organization_id__in=organization_ids)
    return set(exceptions.values_list("organization_id", flat=True))


def completeness(*, initiative: Initiative, period: ReportingPeriod) -> dict:
    """Expected (assigned organization × indicator) against submitted, approved and late."""
    indicators = Indicator.objects.filter(
        initiative=initiative, frequency=period.frequency, is_active=True
    )
    late = period.due_date < timezone.localdate()
    rows = list(indicators.annotate(expected=Count("assignments")).order_by("code"))
    counts = {
        row["indicator_id"]: row
        for row in assigned_submissions(Submission.objects.filter(period=period))
        .filter(indicator__in=indicators)
        .values("indicator_id")
        .annotate(
            submitted=Count(
                "pk", filter=Q(state__in=[SubmissionState.SUBMITTED, SubmissionState.APPROVED])
            ),
            approved=Count("pk", filter=Q(state=SubmissionState.APPROVED)),
            returned=Count("pk", filter=Q(state=SubmissionState.RETURNED)),
        )
    }
    for row in rows:
        found = counts.get(row.pk, {})
        for key in ("submitted", "approved", "returned"):
            setattr(row, key, found.get(key, 0))
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("expected", "submitted", "approved", "returned")
    }
    # Missing values of organizations with a live exception are missing, not late.
    excused = defaultdict(int)
    excused_ids = excused_organization_ids(period=period) if late else set()
    if excused_ids:
        sent = set(
            Submission.objects.filter(
                period=period,
                organization_id__in=excused_ids,
                state__in=[SubmissionState.SUBMITTED, SubmissionState.APPROVED],
            ).values_list("indicator_id", "organization_id")
        )
        for pair in IndicatorAssignment.objects.filter(
            indicator__in=indicators, organization_id__in=excused_ids
        ).values_list("indicator_id", "organization_id"):
            if pair not in sent:
                excused[pair[0]] += 1
    for row in rows:
        row.missing = max(row.expected - row.submitted, 0)
        row.late = max(row.missing - excused[row.pk], 0) if late else 0
    totals["missing"] = max(totals["expected"] - totals["submitted"], 0)
    totals["late"] = sum(row.late for row in rows)
    return {"rows": rows, "totals": totals, "is_late": late}
