"""Reads of shared measurement, scoped by the policy; query counts stay flat."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from initiatives.models import Initiative, Organization, Participation

from . import permissions
from .models import (
    Category,
    CategoryRollup,
    Indicator,
    IndicatorAssignment,
    LateSubmissionException,
    MeasurementSettings,
    PeriodState,
    ReportingPeriod,
    Rollup,
    Submission,
    SubmissionState,
    Target,
)


def indicator_list(*, initiative: Initiative) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(initiative=initiative)
        .annotate(assigned=Count("assignments", distinct=True))
        .prefetch_related("dimensions")
        .order_by("code")
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


def period_list(*, initiative: Initiative) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(initiative=initiative).order_by("-start", "frequency")


def participants(*, initiative: Initiative) -> QuerySet[Organization]:
    active = Participation.objects.active().filter(initiative=initiative)
    return Organization.objects.filter(pk__in=active.values("organization_id")).order_by("name")


def periods_open_to(
    *, initiative: Initiative, organization: Organization
) -> QuerySet[ReportingPeriod]:
    """Periods that accept the organization's values: open ones, and closed ones where it holds
    a late-submission exception that has not expired (annotated `exception_until`)."""
    exception = LateSubmissionException.objects.filter(
        period=OuterRef("pk"), organization=organization, until__gte=timezone.localdate()
    ).values("until")[:1]
    return (
        ReportingPeriod.objects.filter(initiative=initiative)
        .annotate(exception_until=Subquery(exception))
        .filter(
            Q(state=PeriodState.OPEN) | Q(state=PeriodState.CLOSED, exception_until__isnull=False)
        )
        .order_by("due_date", "frequency")
    )


def reporting_rows(*, initiative: Initiative, organization: Organization) -> list[dict]:
    """For each period open to the organization: its assigned indicators and their submissions."""
    periods = list(periods_open_to(initiative=initiative, organization=organization))
    indicators = list(
        Indicator.objects.filter(
            initiative=initiative, is_active=True, assignments__organization=organization
        )
        .prefetch_related(
            Prefetch(
                "dimensions__categories",
                queryset=Category.objects.select_related("dimension"),
            )
        )
        .order_by("code")
    )
    submissions = {
        (s.indicator_id, s.period_id): s
        for s in Submission.objects.filter(
            organization=organization, period__in=periods, indicator__in=indicators
        ).prefetch_related("category_values")
    }
    return [
        {
            "period": period,
            "items": [
                {"indicator": indicator, "submission": submissions.get((indicator.pk, period.pk))}
                for indicator in indicators
                if indicator.frequency == period.frequency
            ],
        }
        for period in periods
    ]


def submission_list_for_user(*, user, initiative: Initiative) -> QuerySet[Submission]:
    """Submissions the user may see: all for staff (or where values are shared), else their own."""
    queryset = Submission.objects.filter(indicator__initiative=initiative).select_related(
        "indicator", "organization", "period"
    )
    if permissions.can_view_all_values(user, initiative):
        return queryset
    organization_id = permissions.own_organization_id(user, initiative)
    if organization_id is None:
        return queryset.none()
    return queryset.filter(organization_id=organization_id)


def submission_get_for_user(*, user, initiative: Initiative, pk: int) -> Submission:
    return (
        submission_list_for_user(user=user, initiative=initiative)
        .prefetch_related("category_values__category__dimension", "events__actor")
        .get(pk=pk)
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
    exceptions = LateSubmissionException.objects.filter(
        period=period, until__gte=timezone.localdate()
    )
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


def submissions_visible_to(*, user) -> QuerySet[Submission]:
    """Every submission the user may see, across their initiatives, in one query."""
    from initiatives.models import Membership
    from initiatives.permissions import ROLE_ACTIONS, Action

    queryset = Submission.objects.select_related("indicator__initiative", "organization", "period")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    shares = MeasurementSettings.objects.filter(
        initiative_id=OuterRef("initiative_id"), shares_raw_values=True
    )
    memberships = Membership.objects.filter(user=user).annotate(shared=Exists(shares))
    condition = Q(pk__in=[])
    for initiative_id, role, organization_id, shared in memberships.values_list(
        "initiative_id", "role", "organization_id", "shared"
    ):
        if shared or Action.VIEW_ALL_VALUES in ROLE_ACTIONS.get(role, ()):
            condition |= Q(indicator__initiative_id=initiative_id)
        elif organization_id:
            condition |= Q(indicator__initiative_id=initiative_id, organization_id=organization_id)
    return queryset.filter(condition)


def period_report(*, initiative: Initiative, period: ReportingPeriod) -> list[dict]:
    """The printable report's sections: each indicator of the period's frequency with its
    shared figure, target and figures per category (approved values only), in 5 queries."""
    indicators = list(
        Indicator.objects.filter(initiative=initiative, frequency=period.frequency)
        .filter(Q(is_active=True) | Q(rollups__period=period, rollups__contributing__gt=0))
        .annotate(assigned=Count("assignments", distinct=True))
        .distinct()
        .order_by("code")
    )
    rollups = {r.indicator_id: r for r in Rollup.objects.filter(period=period)}
    targets = {t.indicator_id: t.value for t in Target.objects.filter(period=period)}
    parts: dict[int, list[CategoryRollup]] = {}
    for row in (
        CategoryRollup.objects.filter(period=period)
        .select_related("category__dimension")
        .order_by("category__dimension__name", "category__order", "category__name")
    ):
        parts.setdefault(row.indicator_id, []).append(row)
    return [
        {
            "indicator": indicator,
            "rollup": rollups.get(indicator.pk),
            "target": targets.get(indicator.pk),
            "categories": parts.get(indicator.pk, []),
        }
        for indicator in indicators
    ]
