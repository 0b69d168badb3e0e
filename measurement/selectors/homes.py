"""The numbers of the two "home" pages: a partner's organization in one initiative, and a
facilitator's portfolio of initiatives and spheres.

Each is read in a fixed number of queries whatever the number of indicators, periods,
organizations or initiatives: one query per table, grouped in Python. The on-track rule is
measurement/progress.py, through measurement/trends.py; nothing here decides it again.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from initiatives.models import Initiative, Membership, Organization, Role
from initiatives.permissions import PORTFOLIO_ROLES
from initiatives.selectors import participant_count

from ..models import (
    Indicator,
    ReportingPeriod,
    Rollup,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from ..progress import Progress
from .completeness import not_expected, value_counts
from .periods import current_period_subquery, periods_open_to
from .trends import Point, Trend, trends

# How many past periods the partner home compares (ours beside the initiative's figure).
COMPARED_PERIODS = 4
NOT_SENT = frozenset({SubmissionState.DRAFT, SubmissionState.RETURNED})


# --- partner home ------------------------------------------------------------------------


@dataclass
class OwedItem:
    indicator: Indicator
    submission: Submission | None  # a draft or a returned value; None when not started


@dataclass
class OwedPeriod:
    period: ReportingPeriod
    items: list[OwedItem]

    @property
    def grant_until(self) -> date | None:
        return getattr(self.period, "grant_until", None)

    @property
    def days_overdue(self) -> int:
        return max((timezone.localdate() - self.period.due_date).days, 0)

    @property
    def is_overdue(self) -> bool:
        """Past its due date with no live late-submission exception (the same rule as
        completeness' `excused_organization_ids`)."""
        return self.days_overdue > 0 and self.grant_until is None

    @property
    def is_late_allowed(self) -> bool:
        """Past its due date, still accepted under a live exception: late, not overdue."""
        return self.days_overdue > 0 and self.grant_until is not None


@dataclass
class ComparedPeriod:
    period: ReportingPeriod
    ours: Submission | None  # our value in any state; only an approved one is shown as a number
    shared: Point  # the initiative's rollup (value None when nothing is approved yet)


@dataclass
class Comparison:
    indicator: Indicator
    trend: Trend
    rows: list[ComparedPeriod]  # newest first


@dataclass
class PartnerHome:
    organization: Organization
    owed: list[OwedPeriod] = field(default_factory=list)
    returned: list[Submission] = field(default_factory=list)  # each with `fixable`
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def owed_count(self) -> int:
        return sum(len(group.items) for group in self.owed)

    @property
    def overdue_count(self) -> int:
        return sum(len(group.items) for group in self.owed if group.is_overdue)


def partner_home(
    *, initiative: Initiative, organization: Organization, recent: int = COMPARED_PERIODS
) -> PartnerHome:
    """What the organization still owes, what came back and why, and how it compares.

    Seven queries (nine when an assignment is newer than a period): open periods, assigned
    indicators, the three of `trends`, the submissions, `not_expected`.
    """
    periods = list(periods_open_to(initiative=initiative, organization=organization))
    indicators = list(
        Indicator.objects.filter(
            initiative=initiative, is_active=True, assignments__organization=organization
        ).order_by("code")
    )
    # The trend's default window keeps the progress badge the same as on the indicator page;
    # only the last `recent` periods are compared.
    by_indicator = trends(indicators=indicators, upto=timezone.localdate())
    open_ids = {period.pk for period in periods}
    compared_ids = {
        point.period.pk for trend in by_indicator.values() for point in trend.points[-recent:]
    }
    submissions = list(
        Submission.objects.filter(organization=organization, indicator__initiative=initiative)
        .filter(Q(period_id__in=open_ids | compared_ids) | Q(state=SubmissionState.RETURNED))
        .select_related("indicator", "period", "reviewed_by")
    )
    by_key = {(s.indicator_id, s.period_id): s for s in submissions}
    unexpected = not_expected(periods=periods)

    home = PartnerHome(organization=organization)
    for period in periods:
        items = [
            OwedItem(indicator, by_key.get((indicator.pk, period.pk)))
            for indicator in indicators
            if indicator.frequency == period.frequency
            and _not_sent(by_key.get((indicator.pk, period.pk)))
            and (indicator.pk, organization.pk) not in unexpected[period.pk]
        ]
        if items:
            home.owed.append(OwedPeriod(period, items))
    for submission in submissions:
        if submission.state == SubmissionState.RETURNED:
            submission.fixable = submission.period_id in open_ids
            home.returned.append(submission)
    home.returned.sort(key=lambda s: (s.period.due_date, s.indicator.code))
    for indicator in indicators:
        trend = by_indicator[indicator.pk]
        rows = [
            ComparedPeriod(point.period, by_key.get((indicator.pk, point.period.pk)), point)
            for point in reversed(trend.points[-recent:])
        ]
        home.comparisons.append(Comparison(indicator, trend, rows))
    return home


def _not_sent(submission: Submission | None) -> bool:
    return submission is None or submission.state in NOT_SENT


# --- facilitator portfolio ---------------------------------------------------------------


@dataclass
class PortfolioRow:
    initiative: Initiative  # annotated: participant_count, my_role, last_event_at, last_rollup_at
    period: ReportingPeriod | None = None  # the current period (see periods.current_period)
    expected: int = 0
    approved: int = 0
    indicator_count: int = 0
    on_track: int = 0
    off_track: int = 0

    @property
    def completeness(self) -> int | None:
        """Approved values of the current period as a share of those expected, in percent."""
        if not self.expected:
            return None
        return min(round(100 * self.approved / self.expected), 100)

    @property
    def judged(self) -> int:
        """Indicators with a verdict (a shared figure and a target or baseline)."""
        return self.on_track + self.off_track

    @property
    def not_judged(self) -> int:
        return self.indicator_count - self.judged

    @property
    def on_track_share(self) -> int | None:
        if not self.judged:
            return None
        return round(100 * self.on_track / self.judged)

    @property
    def role_label(self) -> str | None:
        role = self.initiative.my_role
        return Role(role).label if role else None

    @property
    def last_activity(self) -> datetime | None:
        times = [self.initiative.last_event_at, self.initiative.last_rollup_at]
        return max((time for time in times if time is not None), default=None)


def portfolio_initiatives(*, user):
    """The initiatives and spheres the user follows: as facilitator (or backbone staff), or all
    of them for a superuser; annotated in one query."""
    if not user.is_authenticated or not user.is_active:
        return Initiative.objects.none()
    queryset = Initiative.objects.all()
    mine = Membership.objects.filter(user_id=user.pk, initiative=OuterRef("pk"))
    if not user.is_superuser:
        queryset = queryset.filter(Exists(mine.filter(role__in=PORTFOLIO_ROLES)))
    events = SubmissionEvent.objects.filter(submission__indicator__initiative=OuterRef("pk"))
    rollups = Rollup.objects.filter(indicator__initiative=OuterRef("pk"))
    return (
        queryset.select_related("parent")
        .annotate(
            participant_count=participant_count(),
            my_role=Subquery(mine.values("role")[:1]),
            current_period_id=current_period_subquery(),
            last_event_at=Subquery(events.order_by("-at").values("at")[:1]),
            last_rollup_at=Subquery(rollups.order_by("-computed_at").values("computed_at")[:1]),
        )
        .order_by("kind", "name")
    )


def portfolio(*, user) -> list[PortfolioRow]:
    """One row per followed initiative, in 8 queries whatever their number."""
    initiatives = list(portfolio_initiatives(user=user))
    ids = [initiative.pk for initiative in initiatives]
    period_ids = [i.current_period_id for i in initiatives if i.current_period_id]
    periods = ReportingPeriod.objects.in_bulk(period_ids) if period_ids else {}
    counts = value_counts(periods=list(periods.values()))
    indicators = list(Indicator.objects.filter(initiative_id__in=ids, is_active=True))
    progress = trends(indicators=indicators, upto=timezone.localdate())

    rows = {initiative.pk: PortfolioRow(initiative) for initiative in initiatives}
    for row in rows.values():
        row.period = periods.get(row.initiative.current_period_id)
        if row.period is not None:
            totals = counts[row.period.pk].totals
            row.expected, row.approved = totals.expected, totals.approved
    for indicator in indicators:
        row = rows[indicator.initiative_id]
        row.indicator_count += 1
        verdict = progress[indicator.pk].progress
        row.on_track += verdict == Progress.ON_TRACK
        row.off_track += verdict == Progress.OFF_TRACK
    return list(rows.values())
