"""Completeness, one counting rule for every page: expected (assigned organization × active
indicator of the period's frequency) against submitted, approved, returned and late.

A period that ended before an organization was assigned the indicator (a new indicator, or a
new assignment) is not expected of it, unless it sent a value anyway or was granted a
late-submission exception for the period: `not_expected` is that rule, read by the counts,
the completeness page, the report, the heatmap and the partner home.

`value_counts` is the rule: the completeness page and the API, the dashboard's headline and the
portfolio read their numbers from it, in two queries whatever the number of periods,
indicators and organizations.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
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

SENT = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)


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


def not_expected(*, periods: Sequence[ReportingPeriod]) -> dict[int, set[tuple[int, int]]]:
    """Per period id, the (indicator id, organization id) assignments it does not expect: made
    after the period ended, with no value in it and no exception for it. One query, and two
    more only when such late assignments exist."""
    found: dict[int, set[tuple[int, int]]] = {period.pk: set() for period in periods}
    if not periods:
        return found
    late = list(
        IndicatorAssignment.objects.filter(
            indicator__initiative_id__in={p.initiative_id for p in periods},
            indicator__frequency__in={p.frequency for p in periods},
            assigned_on__gt=min(period.end for period in periods),
        ).values_list(
            "indicator_id",
            "organization_id",
            "assigned_on",
            "indicator__initiative_id",
            "indicator__frequency",
        )
    )
    if not late:
        return found
    indicator_ids = {row[0] for row in late}
    organization_ids = {row[1] for row in late}
    sent = set(
        Submission.objects.filter(
            period__in=periods, indicator_id__in=indicator_ids, organization_id__in=organization_ids
        ).values_list("period_id", "indicator_id", "organization_id")
    )
    excepted = set(
        LateSubmissionGrant.objects.filter(
            period__in=periods, organization_id__in=organization_ids
        ).values_list("period_id", "organization_id")
    )
    for period in periods:
        for indicator_id, organization_id, assigned_on, initiative_id, frequency in late:
            if (
                (initiative_id, frequency) == (period.initiative_id, period.frequency)
                and assigned_on > period.end
                and (period.pk, indicator_id, organization_id) not in sent
                and (period.pk, organization_id) not in excepted
            ):
                found[period.pk].add((indicator_id, organization_id))
    return found


# --- the counting rule -------------------------------------------------------------------


@dataclass
class Counts:
    """Values of a period: expected, submitted (or approved), approved and returned."""

    expected: int = 0
    submitted: int = 0  # submitted or approved
    approved: int = 0
    returned: int = 0

    @property
    def percent(self) -> int:
        """Submitted (or approved) values of the expected ones, in whole percent."""
        return min(100, round(100 * self.submitted / self.expected)) if self.expected else 0

    @property
    def approved_percent(self) -> int:
        return min(100, round(100 * self.approved / self.expected)) if self.expected else 0

    @property
    def waiting_percent(self) -> int:
        return max(0, self.percent - self.approved_percent)

    def add(self, other: "Counts") -> None:
        self.expected += other.expected
        self.submitted += other.submitted
        self.approved += other.approved
        self.returned += other.returned


@dataclass
class PeriodCounts:
    """One period's counts: per indicator (its active ones of the period's frequency, by code)
    and their totals."""

    indicators: list[Indicator] = field(default_factory=list)
    by_indicator: dict[int, Counts] = field(default_factory=dict)
    totals: Counts = field(default_factory=Counts)


def value_counts(*, periods: Sequence[ReportingPeriod]) -> dict[int, PeriodCounts]:
    """The counts of each period (by id), in a fixed number of queries: the indicators with
    their assignments (expected, less `not_expected`), then the assigned organizations' values
    grouped by period and indicator. A value counts only in its period and for an organization
    assigned to its indicator; an indicator counts only while active."""
    found = {period.pk: PeriodCounts() for period in periods}
    if not periods:
        return found
    indicators = Indicator.objects.filter(
        initiative_id__in={period.initiative_id for period in periods},
        frequency__in={period.frequency for period in periods},
        is_active=True,
    )
    by_kind = defaultdict(list)  # (initiative id, frequency) -> indicators, by code
    for indicator in indicators.annotate(
        expected=Count("assignments"), newest_assignment=Max("assignments__assigned_on")
    ).order_by("code"):
        by_kind[indicator.initiative_id, indicator.frequency].append(indicator)
    sent = (
        assigned_submissions(
            Submission.objects.filter(period__in=periods, indicator__in=indicators)
        )
        .values("period_id", "indicator_id")
        .annotate(
            submitted=Count("pk", filter=Q(state__in=SENT)),
            approved=Count("pk", filter=Q(state=SubmissionState.APPROVED)),
            returned=Count("pk", filter=Q(state=SubmissionState.RETURNED)),
        )
    )
    sent = {(row.pop("period_id"), row.pop("indicator_id")): row for row in sent}
    # Only periods with an indicator assigned after they ended ask `not_expected`: two queries
    # in the common case, a few more when there are such assignments.
    newer = [
        period
        for period in periods
        if any(
            indicator.newest_assignment is not None and indicator.newest_assignment > period.end
            for indicator in by_kind[period.initiative_id, period.frequency]
        )
    ]
    excluded = defaultdict(set, not_expected(periods=newer))
    for period in periods:
        counted = found[period.pk]
        counted.indicators = by_kind[period.initiative_id, period.frequency]
        unexpected = Counter(indicator_id for indicator_id, _org in excluded[period.pk])
        for indicator in counted.indicators:
            counts = Counts(
                expected=indicator.expected - unexpected[indicator.pk],
                **sent.get((period.pk, indicator.pk), {}),
            )
            counted.by_indicator[indicator.pk] = counts
            counted.totals.add(counts)
    return found


# --- the completeness page ---------------------------------------------------------------


def completeness(*, initiative: Initiative, period: ReportingPeriod) -> dict:
    """The period's counts by indicator (rows: its indicators, each with expected, submitted,
    approved, returned, missing and late) and in total. `initiative` is the period's."""
    counted = value_counts(periods=[period])[period.pk]
    late = period.due_date < timezone.localdate()
    excused = _excused_by_indicator(period, counted.indicators) if late else {}
    rows = counted.indicators
    for row in rows:
        counts = counted.by_indicator[row.pk]
        row.expected, row.submitted, row.approved, row.returned = (
            counts.expected,
            counts.submitted,
            counts.approved,
            counts.returned,
        )
        row.missing = max(row.expected - row.submitted, 0)
        row.late = max(row.missing - excused.get(row.pk, 0), 0) if late else 0
    totals = counted.totals
    return {
        "rows": rows,
        "totals": {
            "expected": totals.expected,
            "submitted": totals.submitted,
            "approved": totals.approved,
            "returned": totals.returned,
            "missing": max(totals.expected - totals.submitted, 0),
            "late": sum(row.late for row in rows),
        },
        "is_late": late,
    }


def _excused_by_indicator(period: ReportingPeriod, indicators: list[Indicator]) -> dict[int, int]:
    """Per indicator, the values still missing from organizations with a live exception: they
    are missing, not late."""
    excused_ids = excused_organization_ids(period=period)
    if not excused_ids:
        return {}
    sent = set(
        Submission.objects.filter(
            period=period, organization_id__in=excused_ids, state__in=SENT
        ).values_list("indicator_id", "organization_id")
    )
    excused: dict[int, int] = defaultdict(int)
    for pair in IndicatorAssignment.objects.filter(
        indicator__in=indicators, organization_id__in=excused_ids
    ).values_list("indicator_id", "organization_id"):
        if pair not in sent:
            excused[pair[0]] += 1
    return excused
