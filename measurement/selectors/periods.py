"""Reporting periods: the initiative's list, those open to an organization, the current one."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from initiatives.models import Initiative, Organization

from ..models import (
    LateSubmissionGrant,
    PeriodState,
    ReportingPeriod,
)


def period_list(*, initiative: Initiative) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(initiative=initiative).order_by("-start", "frequency")


def periods_open_to(
    *, initiative: Initiative, organization: Organization
) -> QuerySet[ReportingPeriod]:
    """Periods that accept the organization's values: open ones, and closed ones where it holds
    a late-submission exception that has not expired (annotated `grant_until`)."""
    exception = LateSubmissionGrant.objects.filter(
        period=OuterRef("pk"), organization=organization, until__gte=timezone.localdate()
    ).values("until")[:1]
    return (
        ReportingPeriod.objects.filter(initiative=initiative)
        .annotate(grant_until=Subquery(exception))
        .filter(Q(state=PeriodState.OPEN) | Q(state=PeriodState.CLOSED, grant_until__isnull=False))
        .order_by("due_date", "frequency")
    )
