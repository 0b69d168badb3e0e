"""The backbone dashboard's numbers: selectors only, in a fixed number of queries.

Shared figures come from the rollups (approved values only, through measurement.trends);
the states of single submissions (the heatmap, the review count, recent changes) are read
here and shown only to those the policy lets see every organization's values.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization, Sector
from initiatives.selectors import participant_organizations

from ..models import (
    Category,
    Indicator,
    IndicatorAssignment,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from ..progress import PROGRESS_BADGES, PROGRESS_ICONS, Progress
from ..signals import CurveSummary
from .completeness import Counts, excused_organization_ids, not_expected, value_counts
from .trends import Trend, trends

HEATMAP_ROWS = 25  # organizations per heatmap page: 25 × 100 indicators stays a light page
RECENT_CHANGES = 10


# --- filters' choices --------------------------------------------------------------------


def dashboard_categories(*, initiative: Initiative) -> list[Category]:
    return list(
        Category.objects.filter(dimension__initiative=initiative)
        .select_related("dimension")
        .order_by("dimension__name", "order", "name")
    )


# --- headline ----------------------------------------------------------------------------


def partners_by_sector(*, initiative: Initiative) -> list[tuple[str, int]]:
    counts = dict(
        participant_organizations(initiative=initiative)
        .order_by()
        .values_list("sector")
        .annotate(count=Count("pk"))
        .values_list("sector", "count")
    )
    return [(Sector(value).label, counts[value]) for value in Sector.values if counts.get(value)]


def progress_counts(trend_list: list[Trend]) -> list[dict]:
    """On track / off track / no target / no data, in that order, from the trends."""
    counts = Counter(trend.progress for trend in trend_list)
    return [
        {
            "progress": progress,
            "label": progress.label,
            "count": counts.get(progress, 0),
            "icon": PROGRESS_ICONS[progress],
            "badge": PROGRESS_BADGES[progress],
        }
        for progress in Progress
    ]


def period_completeness(*, initiative: Initiative, period: ReportingPeriod) -> Counts:
    """The headline: the period's expected, submitted and approved values (completeness's
    counts, in its two queries)."""
    return value_counts(periods=[period])[period.pk].totals


def reviews_waiting(*, initiative: Initiative) -> int:
    # Through the period (not the indicator) so that PostgreSQL can use (period, state).
    return Submission.objects.filter(
        period__initiative=initiative, state=SubmissionState.SUBMITTED
    ).count()


# --- cards -------------------------------------------------------------------------------


def dashboard_indicators(*, initiative: Initiative) -> list[Indicator]:
    """The active indicators, each with `assigned` (the organizations expected to report it)."""
    return list(
        Indicator.objects.filter(initiative=initiative, is_active=True)
        .annotate(assigned=Count("assignments"))
        .order_by("code")
    )


@dataclass
class Card:
    indicator: Indicator
    trend: Trend
    work: CurveSummary | None = None  # who is working on its curve (measurement.signals)

    @property
    def chart_id(self) -> str:
        return f"trend-{self.indicator.pk}"

    @property
    def latest(self):
        return self.trend.latest


def indicator_cards(
    *,
    indicators: list[Indicator],
    period: ReportingPeriod | None,
    category_id: int | None,
) -> list[Card]:
    """A card per indicator: its trend up to the period's end (of one category, if given)."""
    found = trends(
        indicators=indicators,
        upto=period.end if period else None,
        category_id=category_id,
    )
    return [Card(indicator, found[indicator.pk]) for indicator in indicators]


# --- heatmap -----------------------------------------------------------------------------


class CellState:
    APPROVED = "approved"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    DRAFT = "draft"
    MISSING = "missing"
    LATE = "late"


# A symbol and words for every state: colour is never the only signal (see the legend).
CELL_STATES = {
    CellState.APPROVED: ("✓", _("Approved")),
    CellState.SUBMITTED: ("◷", _("Submitted, waiting for review")),
    CellState.RETURNED: ("↩", _("Returned to the partner")),
    CellState.DRAFT: ("✎", _("Draft, not submitted")),
    CellState.MISSING: ("·", _("Missing")),
    CellState.LATE: ("!", _("Late: missing after the due date")),
}


@dataclass
class HeatmapRow:
    organization: Organization
    # (indicator id, state), the state None where the organization is not expected to report
    cells: list[tuple[int, str | None]] = field(default_factory=list)


@dataclass
class Heatmap:
    period: ReportingPeriod
    indicators: list[Indicator]
    rows: list[HeatmapRow]
    page: int
    pages: int
    organizations: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def heatmap(*, period: ReportingPeriod, indicators: list[Indicator], page: int = 1) -> Heatmap:
    """Organizations × the indicators of the period's frequency, one state per cell.

    Rows are the organizations assigned to one of those indicators or with a value in the
    period, by name, HEATMAP_ROWS at a time. A fixed number of queries: the organizations,
    then the assignments and the submission states of the page's organizations (as tuples),
    the exceptions and `not_expected`. A cell of an organization not assigned to the
    indicator (or not expected in the period) and without a value is empty (None).
    """
    columns = [i for i in indicators if i.frequency == period.frequency]
    column_ids = [i.pk for i in columns]
    assigned = IndicatorAssignment.objects.filter(indicator_id__in=column_ids)
    submitted = Submission.objects.filter(period=period, indicator_id__in=column_ids)
    organizations = list(
        Organization.objects.filter(
            Q(pk__in=assigned.values("organization_id"))
            | Q(pk__in=submitted.values("organization_id"))
        )
        .only("pk", "name", "language", "translations")
        .order_by("name", "pk")
    )
    pages = max(1, -(-len(organizations) // HEATMAP_ROWS))
    page = min(max(page, 1), pages)
    shown = organizations[(page - 1) * HEATMAP_ROWS : page * HEATMAP_ROWS]
    shown_ids = [o.pk for o in shown]
    expected = (
        set(
            assigned.filter(organization_id__in=shown_ids).values_list(
                "indicator_id", "organization_id"
            )
        )
        - not_expected(periods=[period])[period.pk]
    )
    states = {
        (indicator_id, organization_id): state
        for indicator_id, organization_id, state in submitted.filter(
            organization_id__in=shown_ids
        ).values_list("indicator_id", "organization_id", "state")
    }
    # An organization with a live late-submission exception still has time: missing, not late.
    excepted = excused_organization_ids(period=period, organization_ids=shown_ids)
    past_due = period.due_date < timezone.localdate()
    rows = []
    for organization in shown:
        row = HeatmapRow(organization)
        absent = (
            CellState.LATE if past_due and organization.pk not in excepted else CellState.MISSING
        )
        for indicator_id in column_ids:
            key = (indicator_id, organization.pk)
            state = states.get(key) or (absent if key in expected else None)
            row.cells.append((indicator_id, state))
        rows.append(row)
    return Heatmap(period, columns, rows, page, pages, len(organizations))


def heatmap_counts(heat: Heatmap) -> dict[str, int]:
    """How many cells of the shown page are in each state."""
    return Counter(state for row in heat.rows for _id, state in row.cells if state)


# --- recent changes ----------------------------------------------------------------------


def recent_changes(*, initiative: Initiative, limit: int = RECENT_CHANGES) -> list[SubmissionEvent]:
    return list(
        SubmissionEvent.objects.filter(submission__period__initiative=initiative)
        .select_related(
            "actor", "submission__indicator", "submission__organization", "submission__period"
        )
        .order_by("-at", "-id")[:limit]
    )
