"""Reporting periods: the initiative's list, those open to an organization, the current one."""

from collections.abc import Sequence

from django.db.models import Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from initiatives.models import Initiative, Organization
from initiatives.selectors import initiative_list_for_user

from ..models import (
    LateSubmissionGrant,
    PeriodState,
    ReportingPeriod,
)

# Newest first; of periods starting on the same day, by frequency. Every list and the current
# period read them in this order.
NEWEST_FIRST = ("-start", "frequency")


def period_list(*, initiative: Initiative) -> QuerySet[ReportingPeriod]:
    """The initiative's periods, newest first: the pages' lists, the filters' choices of the
    dashboard, the labels of the exports."""
    return ReportingPeriod.objects.filter(initiative=initiative).order_by(*NEWEST_FIRST)


def periods_visible_to(*, user) -> QuerySet[ReportingPeriod]:
    """The periods of every initiative the user is a member of (all for a superuser)."""
    return ReportingPeriod.objects.filter(
        initiative__in=initiative_list_for_user(user=user)
    ).select_related("initiative")


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


# --- the current period ------------------------------------------------------------------
#
# An initiative's current period is its latest open period; when none is open, the latest that
# has started; when none has started either, the first to come (the earliest). "Latest" and
# "earliest" are in the order of NEWEST_FIRST. The dashboard reads it in Python from the list it
# already holds, the portfolio in SQL for many initiatives at once: the two functions below are
# the one rule, side by side, and tests/measurement/test_selectors.py holds them to agree.


def current_period(periods: Sequence[ReportingPeriod]) -> ReportingPeriod | None:
    """The current period of `periods`, an initiative's `period_list` (newest first)."""
    open_period = next((p for p in periods if p.state == PeriodState.OPEN), None)
    if open_period is not None:
        return open_period
    today = timezone.localdate()
    return next((p for p in periods if p.start <= today), periods[-1] if periods else None)


def current_period_subquery(initiative: str = "pk") -> Func:
    """The id of the current period of the initiative at OuterRef(`initiative`), for
    `.annotate(current_period_id=current_period_subquery())`."""
    periods = ReportingPeriod.objects.filter(initiative=OuterRef(initiative))
    newest_first = periods.order_by(*NEWEST_FIRST)
    return Coalesce(
        Subquery(newest_first.filter(state=PeriodState.OPEN).values("pk")[:1]),
        Subquery(newest_first.filter(start__lte=timezone.localdate()).values("pk")[:1]),
        Subquery(newest_first.reverse().values("pk")[:1]),
    )
