"""The period report as a board reads it: each indicator's figure with its verdict, its recent
trend and its change since the previous period, and a summary of what moved, what is off
track and how complete the period is.

In a fixed number of queries whatever the number of indicators and periods: the report's
sections (selectors.period_report), the trends of all its indicators (selectors.trends: the
periods, the figures and the targets, one query each) and the completeness counts. The verdict
is the dashboard's (Trend.progress): judged on the latest figure that is not provisional.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from initiatives.models import Initiative

from ..models import ReportingPeriod
from ..progress import PROGRESS_ICONS, Progress
from .completeness import completeness
from .reports import period_report
from .trends import Point, Trend, trends

MOVED_SHOWN = 3  # the largest changes the summary names


@dataclass
class Section:
    indicator: object
    rollup: object
    target: Decimal | None
    categories: list
    trend: Trend
    point: Point | None  # this period's
    previous: Point | None  # the period before's

    @property
    def progress(self) -> Progress:
        return self.trend.progress

    @property
    def progress_icon(self) -> str:
        return PROGRESS_ICONS[self.progress]

    @property
    def any_provisional(self) -> bool:
        return any(point.provisional for point in self.trend.points)

    @property
    def change(self) -> Decimal | None:
        """This period's figure less the previous one's, when both have one."""
        if self.point is None or self.previous is None:
            return None
        if self.point.value is None or self.previous.value is None:
            return None
        return self.point.value - self.previous.value

    @property
    def relative_change(self) -> Decimal | None:
        """The change as a share of the previous figure (None from zero): how the summary ranks
        changes of indicators in different units."""
        change = self.change
        if change is None or not self.previous.value:
            return None
        return abs(change / self.previous.value)


@dataclass
class Summary:
    previous: ReportingPeriod | None
    moved: list[Section] = field(default_factory=list)  # the largest changes, largest first
    changed: int = 0  # indicators whose figure changed since the previous period
    compared: int = 0  # indicators with a figure in both periods
    on_track: list[Section] = field(default_factory=list)
    off_track: list[Section] = field(default_factory=list)
    provisional: list[Section] = field(default_factory=list)  # not judged yet
    no_target: list[Section] = field(default_factory=list)
    no_data: list[Section] = field(default_factory=list)
    provisional_figures: list[Section] = field(default_factory=list)  # of this very period
    total: int = 0


@dataclass
class Report:
    sections: list[Section]
    summary: Summary
    completeness: dict

    @property
    def received_percent(self) -> int:
        """The expected reports received (submitted or approved), in whole percent."""
        totals = self.completeness["totals"]
        if not totals["expected"]:
            return 0
        return min(100, round(100 * totals["submitted"] / totals["expected"]))


def report_document(*, initiative: Initiative, period: ReportingPeriod) -> Report:
    """The report of `period`: its sections, their trends up to it, and its summary."""
    found = period_report(initiative=initiative, period=period)
    found_trends = trends(indicators=[row["indicator"] for row in found], upto=period.end)
    sections = [_section(row, found_trends[row["indicator"].pk], period) for row in found]
    return Report(
        sections=sections,
        summary=_summary(sections),
        completeness=completeness(initiative=initiative, period=period),
    )


def _section(row: dict, trend: Trend, period: ReportingPeriod) -> Section:
    index = next((i for i, p in enumerate(trend.points) if p.period.pk == period.pk), None)
    point = trend.points[index] if index is not None else None
    previous = trend.points[index - 1] if index else None
    return Section(
        indicator=row["indicator"],
        rollup=row["rollup"],
        target=row["target"],
        categories=row["categories"],
        trend=trend,
        point=point,
        previous=previous,
    )


def _summary(sections: list[Section]) -> Summary:
    previous = next((s.previous.period for s in sections if s.previous is not None), None)
    summary = Summary(previous=previous, total=len(sections))
    compared = [s for s in sections if s.change is not None]
    summary.compared = len(compared)
    changed = [s for s in compared if s.change != 0]
    summary.changed = len(changed)
    # From zero a change has no share: it ranks first, since any change from nothing is news.
    changed.sort(
        key=lambda s: (s.relative_change is not None, -(s.relative_change or 0), s.indicator.code)
    )
    summary.moved = changed[:MOVED_SHOWN]
    lists = {
        Progress.ON_TRACK: summary.on_track,
        Progress.OFF_TRACK: summary.off_track,
        Progress.PROVISIONAL: summary.provisional,
        Progress.NO_TARGET: summary.no_target,
        Progress.NO_DATA: summary.no_data,
    }
    for section in sections:
        lists[section.progress].append(section)
    summary.provisional_figures = [s for s in sections if s.point and s.point.provisional]
    return summary
