"""What the activity pages, exports and the API read: lists, the matrix of strategies ×
organizations with its gaps and overlaps, and who is working on an indicator's curve.

The matrix's query count does not grow with the data: strategies with their gap counts (one
query), the page's organizations (a count and a page), their activities (one), the overlaps
(two). Gaps and overlaps are computed over every organization, not only the page's.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from agenda.models import Goal, Strategy
from initiatives.models import Initiative, Organization, Participation
from initiatives.selectors import initiative_list_for_user
from measurement.models import Indicator

from .models import CURRENT_STATUSES, Activity, ActivityRole, ActivityStatus

ORGANIZATIONS_PER_PAGE = 25
# What a cell of the matrix shows of an activity.
CELL_FIELDS = (
    "id",
    "organization_id",
    "strategy_id",
    "role",
    "status",
    "title",
    "language",
    "translations",
)


@dataclass(frozen=True)
class MatrixFilters:
    """Declared filters (the pages' form cleans them); empty means every one."""

    goal: int | None = None
    geography: str = ""  # a reach_key
    population: str = ""  # a reach_key
    status: str = ""
    sector: str = ""

    @property
    def narrows_activities(self) -> bool:
        return bool(self.geography or self.population or self.status)


def activity_list(*, initiative: Initiative, filters: MatrixFilters | None = None) -> QuerySet:
    """An initiative's activities, filtered, with what a list or an export shows of each."""
    queryset = Activity.objects.filter(initiative=initiative)
    if filters is not None:
        queryset = queryset.filter(_activity_q(filters, prefix=""))
        if filters.status:
            queryset = queryset.filter(status=filters.status)
    return queryset.select_related("organization", "strategy__goal").prefetch_related("indicators")


def activity_get(*, initiative: Initiative, pk: int) -> Activity:
    """Raises Activity.DoesNotExist for an activity of another initiative."""
    return activity_list(initiative=initiative).get(pk=pk)


def activities_visible_to(*, user) -> QuerySet:
    """The activities of the user's initiatives (the API's): another initiative's do not exist."""
    return (
        Activity.objects.filter(initiative__in=initiative_list_for_user(user=user))
        .select_related("initiative", "strategy")
        .prefetch_related(Prefetch("indicators", Indicator.objects.only("pk").order_by("pk")))
    )


def _activity_q(filters: MatrixFilters, prefix: str) -> Q:
    """The filters that say which activities count, status apart (gaps use their own)."""
    q = Q()
    if filters.goal:
        q &= Q(**{f"{prefix}strategy__goal_id": filters.goal})
    if filters.geography:
        q &= Q(**{f"{prefix}geography_key": filters.geography})
    if filters.population:
        q &= Q(**{f"{prefix}population_key": filters.population})
    if filters.sector:
        q &= Q(**{f"{prefix}organization__sector": filters.sector})
    return q


@dataclass
class Overlap:
    """More than one current lead for one strategy, population and geography."""

    strategy: Strategy
    population: str
    geography: str
    leads: list[Activity]


@dataclass
class StrategyRow:
    strategy: Strategy
    active: int  # active activities (the filters' goal, geography, population, sector)
    leads: int  # planned or active leads
    cells: list[list[Activity]] = field(default_factory=list)  # one per column
    overlapping: bool = False

    @property
    def has_no_active(self) -> bool:
        return self.active == 0

    @property
    def has_no_lead(self) -> bool:
        return self.leads == 0

    @property
    def is_gap(self) -> bool:
        return self.has_no_active or self.has_no_lead


@dataclass
class Matrix:
    rows: list[StrategyRow]
    organizations: Page
    overlaps: list[Overlap]

    @property
    def gaps(self) -> list[StrategyRow]:
        return [row for row in self.rows if row.is_gap]

    @property
    def goals(self) -> list[tuple[Goal, list[StrategyRow]]]:
        grouped: dict[int, tuple[Goal, list[StrategyRow]]] = {}
        for row in self.rows:
            goal = row.strategy.goal
            grouped.setdefault(goal.pk, (goal, []))[1].append(row)
        return list(grouped.values())


def _strategy_rows(initiative: Initiative, filters: MatrixFilters) -> list[StrategyRow]:
    counted = _activity_q(filters, prefix="activities__")
    strategies = (
        Strategy.objects.filter(goal__initiative=initiative, retired=False, goal__retired=False)
        .select_related("goal")
        .annotate(
            active_count=Count(
                "activities", filter=counted & Q(activities__status=ActivityStatus.ACTIVE)
            ),
            lead_count=Count(
                "activities",
                filter=counted
                & Q(activities__role=ActivityRole.LEAD, activities__status__in=CURRENT_STATUSES),
            ),
        )
        .order_by("goal__order", "goal_id", "order", "id")
    )
    if filters.goal:
        strategies = strategies.filter(goal_id=filters.goal)
    return [StrategyRow(strategy=s, active=s.active_count, leads=s.lead_count) for s in strategies]


def _organizations(
    initiative: Initiative, filters: MatrixFilters, page: int, per_page: int
) -> Page:
    organizations = Organization.objects.filter(
        Exists(
            Participation.objects.active().filter(
                initiative=initiative, organization=OuterRef("pk")
            )
        )
    ).order_by("name", "id")
    if filters.sector:
        organizations = organizations.filter(sector=filters.sector)
    if filters.narrows_activities or filters.goal:
        shown = activity_list(initiative=initiative, filters=filters)
        organizations = organizations.filter(
            Exists(shown.filter(organization=OuterRef("pk")).values("pk"))
        )
    return Paginator(organizations, per_page).get_page(page)


def _overlaps(initiative: Initiative, filters: MatrixFilters) -> list[Overlap]:
    leads = Activity.objects.filter(
        _activity_q(filters, prefix=""),
        initiative=initiative,
        role=ActivityRole.LEAD,
        status__in=CURRENT_STATUSES,
        strategy__retired=False,
        strategy__goal__retired=False,
    )
    # A lead overlaps when another lead has its strategy, population and geography: one
    # query, fetching only the overlapping leads.
    another = leads.filter(
        strategy_id=OuterRef("strategy_id"),
        population_key=OuterRef("population_key"),
        geography_key=OuterRef("geography_key"),
    ).exclude(pk=OuterRef("pk"))
    rows = (
        leads.filter(Exists(another))
        .select_related("organization", "strategy__goal")
        .order_by(
            "strategy__goal__order", "strategy__goal_id", "strategy__order", "strategy_id", "id"
        )
    )
    found: dict[tuple, Overlap] = {}
    for activity in rows:
        key = (activity.strategy_id, activity.population_key, activity.geography_key)
        overlap = found.setdefault(
            key, Overlap(activity.strategy, activity.population, activity.geography, [])
        )
        overlap.leads.append(activity)
    return list(found.values())


def matrix_for(
    *,
    initiative: Initiative,
    filters: MatrixFilters,
    page: int = 1,
    per_page: int = ORGANIZATIONS_PER_PAGE,
) -> Matrix:
    """The matrix of the page's organizations, with the gaps and overlaps of all."""
    rows = _strategy_rows(initiative, filters)
    organizations = _organizations(initiative, filters, page, per_page)
    columns = {organization.pk: i for i, organization in enumerate(organizations)}
    by_strategy = {row.strategy.pk: row for row in rows}
    for row in rows:
        row.cells = [[] for _ in columns]
    shown = activity_list(initiative=initiative, filters=filters).filter(
        organization_id__in=list(columns), strategy_id__in=list(by_strategy)
    )
    for activity in (
        shown.select_related(None).prefetch_related(None).only(*CELL_FIELDS).order_by("role", "id")
    ):
        by_strategy[activity.strategy_id].cells[columns[activity.organization_id]].append(activity)
    overlaps = _overlaps(initiative, filters)
    for overlap in overlaps:
        if overlap.strategy.pk in by_strategy:
            by_strategy[overlap.strategy.pk].overlapping = True
    return Matrix(rows=rows, organizations=organizations, overlaps=overlaps)


@dataclass
class CurveWork:
    """Who is working on one indicator's curve: current activities, by strategy."""

    activities: list[Activity] = field(default_factory=list)

    @property
    def organization_count(self) -> int:
        return len({activity.organization_id for activity in self.activities})

    @property
    def by_strategy(self) -> list[tuple[Strategy, list[Activity]]]:
        grouped: dict[int, tuple[Strategy, list[Activity]]] = {}
        for activity in self.activities:
            grouped.setdefault(activity.strategy_id, (activity.strategy, []))[1].append(activity)
        return list(grouped.values())


def _curve_links(initiative: Initiative, indicator_ids) -> QuerySet:
    """The links of the initiative's planned and active activities to these indicators, under
    the agenda's current strategies (as in the matrix: work under a retired strategy is not
    the plan's)."""
    return Activity.indicators.through.objects.filter(
        indicator_id__in=list(indicator_ids),
        activity__initiative=initiative,
        activity__status__in=CURRENT_STATUSES,
        activity__strategy__retired=False,
        activity__strategy__goal__retired=False,
    )


def curve_work(*, initiative: Initiative, indicator_ids) -> dict[int, CurveWork]:
    """For each indicator, the current activities that aim to move it (one query)."""
    links = (
        _curve_links(initiative, indicator_ids)
        .select_related("activity__organization", "activity__strategy__goal")
        .order_by(
            "activity__strategy__goal__order",
            "activity__strategy__goal_id",
            "activity__strategy__order",
            "activity__strategy_id",
            "activity_id",
        )
    )
    work: dict[int, CurveWork] = defaultdict(CurveWork)
    for link in links:
        work[link.indicator_id].activities.append(link.activity)
    return work


@dataclass(frozen=True)
class CurveCount:
    """How many current activities aim to move one indicator, and of how many organizations."""

    activity_count: int
    organization_count: int


def curve_counts(*, initiative: Initiative, indicator_ids) -> dict[int, CurveCount]:
    """curve_work's numbers without its rows, for pages of many indicators (one query that
    returns a row per indicator, whatever the number of activities)."""
    rows = (
        _curve_links(initiative, indicator_ids)
        .values("indicator_id")
        .annotate(
            activities=Count("activity_id"),  # a link is unique per activity and indicator
            organizations=Count("activity__organization_id", distinct=True),
        )
        .order_by()
    )
    return {
        row["indicator_id"]: CurveCount(row["activities"], row["organizations"]) for row in rows
    }
