"""Condition health: for each of the five conditions of collective impact, one line computed
live from the initiative's own data, with its status, its figures, its trend and where to act.

`condition_health(initiative_ids)` reads any number of initiatives in a fixed number of
queries (about twenty, whatever their number or their data): each table is read once for all
of them, grouped by initiative, and the apps' own batch rules are called where they exist
(measurement's value_counts, current_period_subquery and trends; the workplan's progress; the
rounds' scores). The rule of each signal (figures, thresholds, trend, link) is written in
docs/condition-health.md; the code and that page say the same.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from activities.models import CURRENT_STATUSES, Activity, ActivityRole, ActivityStatus
from agenda.models import AgendaVersion, Decision, Endorsement, Strategy, VersionState
from communication.models import ActionItem, Attendance, Meeting, MeetingStatus
from communication.models.decisions import OPEN_ACTION_STATUSES
from initiatives.models import Initiative, Participation
from measurement.models import Indicator, ReportingPeriod
from measurement.progress import Progress
from measurement.selectors.completeness import value_counts
from measurement.selectors.periods import current_period_subquery
from measurement.selectors.trends import trends
from sheatufim.translated import text_of

from ..models import AssessmentRound, RoundState
from .scores import round_scores
from .workplan import workplan_progress

# The window of "recent" (meetings, endorsements, activities' trend): 90 days.
WINDOW = timedelta(days=90)
# Thresholds, in percent (a figure at the threshold is on its better side).
AGENDA_GOOD, AGENDA_ATTENTION = 75, 50  # partners that endorsed the adopted version
MEASUREMENT_GOOD, MEASUREMENT_ACT = 80, 50  # values in of those expected, once due
ON_TRACK_GOOD = 50  # indicators on track of those judged
COVERED_GOOD, COVERED_ACT = 80, 50  # strategies without a gap
PRESENT_GOOD = 50  # participating organizations present at a recent meeting
OVERDUE_ITEMS_ACT = 50  # overdue action items of the open ones
OVERDUE_TASKS_ACT = 25  # overdue workplan tasks of the year's tasks
SCORE_GOOD, SCORE_ACT = 3, 2  # the latest round's mean level (1 to 4)


def _comma() -> str:
    return pgettext("between the parts of a generated sentence", ", ")


def _semicolon() -> str:
    return pgettext("between the clauses of a generated sentence", "; ")


def _isolated(text: str) -> str:
    """A name written by people, in a generated sentence: isolated (FSI…PDI) so that a Hebrew
    title keeps its order in an English sentence, and the other way round."""
    return "\u2068" + text + "\u2069"


class Status(models.TextChoices):
    GOOD = "good", gettext_lazy("Good")
    ATTENTION = "attention", gettext_lazy("Needs attention")
    ACT = "act", gettext_lazy("Act now")
    NO_DATA = "no_data", gettext_lazy("No data yet")


class Trend(models.TextChoices):
    UP = "up", gettext_lazy("Up")
    DOWN = "down", gettext_lazy("Down")
    STEADY = "steady", gettext_lazy("Steady")
    UNKNOWN = "unknown", gettext_lazy("Unknown")


class Condition(models.TextChoices):
    AGENDA = "agenda", gettext_lazy("Common agenda")
    MEASUREMENT = "measurement", gettext_lazy("Shared measurement")
    ACTIVITIES = "activities", gettext_lazy("Mutually reinforcing activities")
    COMMUNICATION = "communication", gettext_lazy("Continuous communication")
    BACKBONE = "backbone", gettext_lazy("Backbone")


# Colour is never the only signal: each status has its shape and its words, each trend its
# arrow and its words.
STATUS_ICONS = {Status.GOOD: "✓", Status.ATTENTION: "!", Status.ACT: "✗", Status.NO_DATA: "…"}
STATUS_BADGES = {
    Status.GOOD: "text-bg-success",
    Status.ATTENTION: "text-bg-warning",
    Status.ACT: "text-bg-danger",
    Status.NO_DATA: "text-bg-light border",
}
TREND_ICONS = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.STEADY: "=", Trend.UNKNOWN: "?"}


# The order of the five statuses from worst (a signal is the worst of its parts).
_WORST_FIRST = (Status.ACT, Status.ATTENTION, Status.GOOD)


def _worst(*statuses: Status) -> Status:
    return next((s for s in _WORST_FIRST if s in statuses), Status.NO_DATA)


@dataclass
class Signal:
    condition: Condition
    status: Status
    sentence: str
    figures: dict
    trend: Trend
    compared_with: str  # the earlier point of the trend, in words
    url_name: str
    url_args: list

    @property
    def label(self) -> str:
        return Condition(self.condition).label

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS[self.status]

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def trend_label(self) -> str:
        return Trend(self.trend).label

    @property
    def trend_icon(self) -> str:
        return TREND_ICONS[self.trend]

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args)


@dataclass
class Health:
    initiative_id: int
    signals: list[Signal] = field(default_factory=list)

    def __getitem__(self, condition: str) -> Signal:
        for signal in self.signals:
            if signal.condition == condition:
                return signal
        raise KeyError(condition)


def percent(part: int, whole: int) -> int | None:
    """Whole percent, rounded half up; None of nothing."""
    if not whole:
        return None
    return min(100, (200 * part + whole) // (2 * whole))


def compare(now, earlier) -> Trend:
    if now is None or earlier is None:
        return Trend.UNKNOWN
    if now > earlier:
        return Trend.UP
    if now < earlier:
        return Trend.DOWN
    return Trend.STEADY


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- common agenda -----------------------------------------------------------------------


def _agenda(ids, slugs, participants, today) -> dict[int, Signal]:
    """The adopted version, whether a new one is being drafted, and the participating
    organizations that endorsed the adopted version (endorsement_share's rule), now and 90
    days earlier. Two queries."""
    cutoff = _day_start(today - WINDOW + timedelta(days=1))
    versions = defaultdict(dict)
    for row in AgendaVersion.objects.filter(initiative_id__in=ids).values(
        "initiative_id", "state", "number", "adopted_at"
    ):
        if row["state"] != VersionState.SUPERSEDED:
            versions[row["initiative_id"]][row["state"]] = row
        versions[row["initiative_id"]].setdefault("any", True)
    participating = Participation.objects.active().filter(
        initiative_id=OuterRef("version__initiative_id"),
        organization_id=OuterRef("organization_id"),
    )
    endorsed = {
        row["version__initiative_id"]: row
        for row in Endorsement.objects.filter(
            Exists(participating),
            version__initiative_id__in=ids,
            version__state=VersionState.ADOPTED,
            decision=Decision.ENDORSED,
        )
        .values("version__initiative_id")
        .annotate(
            now=Count("organization_id", distinct=True),
            earlier=Count("organization_id", distinct=True, filter=Q(at__lt=cutoff)),
        )
        .order_by()
    }
    found = {}
    for pk in ids:
        adopted = versions[pk].get(VersionState.ADOPTED)
        drafting = bool(
            versions[pk].get(VersionState.DRAFT) or versions[pk].get(VersionState.OPEN_FOR_COMMENT)
        )
        whole = participants.get(pk, 0)
        counts = endorsed.get(pk, {"now": 0, "earlier": 0})
        figures = {
            "adopted_version": adopted["number"] if adopted else None,
            "drafting": drafting,
            "endorsed": counts["now"],
            "participants": whole,
            "percent": percent(counts["now"], whole) if adopted else None,
            "earlier_percent": percent(counts["earlier"], whole) if adopted else None,
        }
        if adopted is None:
            status = Status.ATTENTION if versions[pk] else Status.NO_DATA
            sentence = (
                _("No version adopted yet; a draft is being prepared.")
                if drafting
                else _("No version of the common agenda adopted yet.")
            )
        else:
            share = figures["percent"]
            if share is None or share < AGENDA_ATTENTION:
                status = Status.ACT
            elif share < AGENDA_GOOD:
                status = Status.ATTENTION
            else:
                status = Status.GOOD
            sentence = _(
                "Version %(number)s adopted; %(endorsed)s of %(participants)s partners "
                "endorsed it (%(percent)s%%)."
            ) % {
                "number": adopted["number"],
                "endorsed": counts["now"],
                "participants": whole,
                "percent": share or 0,
            }
            if drafting:
                sentence += " " + _("A new version is being drafted.")
        found[pk] = Signal(
            Condition.AGENDA,
            status,
            sentence,
            figures,
            compare(figures["percent"], figures["earlier_percent"]),
            _("the share of partners 90 days earlier"),
            "agenda:agenda",
            [slugs[pk]],
        )
    return found


# --- shared measurement ------------------------------------------------------------------


def _measurement(ids, slugs, current_period_ids, today) -> dict[int, Signal]:
    """The current period's values in (value_counts), whether it is due, and the indicators on
    track (trends): 1 + value_counts' 2 + 1 + trends' 3 queries."""
    current_ids = [pk for pk in current_period_ids.values() if pk]
    earlier = ReportingPeriod.objects.filter(
        initiative_id=OuterRef("initiative_id"),
        frequency=OuterRef("frequency"),
        start__lt=OuterRef("start"),
    ).order_by("-start")
    periods = {
        period.pk: period
        for period in ReportingPeriod.objects.filter(pk__in=current_ids).annotate(
            previous_id=Subquery(earlier.values("pk")[:1])
        )
    }
    previous = ReportingPeriod.objects.in_bulk(
        [p.previous_id for p in periods.values() if p.previous_id]
    )
    counts = value_counts(periods=[*periods.values(), *previous.values()])
    indicators = list(Indicator.objects.filter(initiative_id__in=ids, is_active=True))
    verdicts = trends(indicators=indicators, upto=today)
    on_track = defaultdict(lambda: [0, 0, 0])  # on track, judged, indicators
    for indicator in indicators:
        verdict = verdicts[indicator.pk].progress
        tally = on_track[indicator.initiative_id]
        tally[0] += verdict == Progress.ON_TRACK
        tally[1] += verdict in (Progress.ON_TRACK, Progress.OFF_TRACK)
        tally[2] += 1
    found = {}
    for pk in ids:
        period = periods.get(current_period_ids.get(pk))
        good, judged, indicator_count = on_track[pk]
        if period is None:
            found[pk] = Signal(
                Condition.MEASUREMENT,
                Status.NO_DATA,
                _("No reporting period yet."),
                {"period": None, "indicators": indicator_count},
                Trend.UNKNOWN,
                _("the previous period"),
                "measurement:period_list",
                [slugs[pk]],
            )
            continue
        totals = counts[period.pk].totals
        due = period.due_date < today
        share = percent(totals.submitted, totals.expected)
        before = previous.get(period.previous_id)
        before_share = (
            percent(counts[before.pk].totals.submitted, counts[before.pk].totals.expected)
            if before
            else None
        )
        track_share = percent(good, judged)
        figures = {
            "period": period.label,
            "period_id": period.pk,
            "due_date": period.due_date.isoformat(),
            "due": due,
            "expected": totals.expected,
            "submitted": totals.submitted,
            "approved": totals.approved,
            "late": max(totals.expected - totals.submitted, 0) if due else 0,
            "percent": share,
            "previous_period": before.label if before else None,
            "previous_percent": before_share,
            "indicators": indicator_count,
            "judged": judged,
            "on_track": good,
            "on_track_percent": track_share,
        }
        if not totals.expected:
            status = Status.NO_DATA
        else:
            parts = [Status.GOOD]
            if due and share < MEASUREMENT_ACT:
                parts.append(Status.ACT)
            elif due and share < MEASUREMENT_GOOD:
                parts.append(Status.ATTENTION)
            if track_share is not None and track_share < ON_TRACK_GOOD:
                parts.append(Status.ATTENTION)
            status = _worst(*parts)
        sentence = _("%(period)s: %(submitted)s of %(expected)s values in (%(percent)s%%)") % {
            "period": period.label,
            "submitted": totals.submitted,
            "expected": totals.expected,
            "percent": share or 0,
        }
        if due:
            sentence += _comma() + (
                ngettext("%(late)s late", "%(late)s late", figures["late"])
                % {"late": figures["late"]}
            )
        else:
            sentence += _comma() + _("due %(date)s") % {
                "date": date_format(period.due_date, "SHORT_DATE_FORMAT")
            }
        if judged:
            sentence += _semicolon() + _(
                "%(on_track)s of %(judged)s indicators on track (%(percent)s%%)."
            ) % {"on_track": good, "judged": judged, "percent": track_share}
        else:
            sentence += _semicolon() + _("no indicator can be judged yet.")
        found[pk] = Signal(
            Condition.MEASUREMENT,
            status,
            sentence,
            figures,
            compare(share, before_share),
            _("the previous period"),
            "measurement:completeness",
            [slugs[pk]],
        )
    return found


# --- mutually reinforcing activities -----------------------------------------------------


def _activities(ids, slugs, today) -> dict[int, Signal]:
    """The matrix's rule (activities.selectors): a current strategy is a gap when it has no
    active activity or no planned or active lead; an overlap is two current leads on one
    strategy, population and geography. The trend counts strategies with work running (an
    activity active or completed whose dates span the day) today and 90 days earlier. Two
    queries."""
    then = today - WINDOW

    def running(day):
        return (
            Q(activities__status__in=(ActivityStatus.ACTIVE, ActivityStatus.COMPLETED))
            & (Q(activities__starts_on__isnull=True) | Q(activities__starts_on__lte=day))
            & (Q(activities__ends_on__isnull=True) | Q(activities__ends_on__gte=day))
            & Q(activities__created_at__lt=_day_start(day + timedelta(days=1)))
        )

    strategies = (
        Strategy.objects.filter(goal__initiative_id__in=ids, retired=False, goal__retired=False)
        .values("goal__initiative_id", "pk")
        .annotate(
            active=Count("activities", filter=Q(activities__status=ActivityStatus.ACTIVE)),
            leads=Count(
                "activities",
                filter=Q(
                    activities__role=ActivityRole.LEAD, activities__status__in=CURRENT_STATUSES
                ),
            ),
            running_now=Count("activities", filter=running(today)),
            running_then=Count("activities", filter=running(then)),
        )
        .order_by()
    )
    tally = defaultdict(lambda: {"strategies": 0, "gaps": 0, "now": 0, "then": 0})
    for row in strategies:
        counts = tally[row["goal__initiative_id"]]
        counts["strategies"] += 1
        counts["gaps"] += row["active"] == 0 or row["leads"] == 0
        counts["now"] += row["running_now"] > 0
        counts["then"] += row["running_then"] > 0
    leads = Activity.objects.filter(
        initiative_id__in=ids,
        role=ActivityRole.LEAD,
        status__in=CURRENT_STATUSES,
        strategy__retired=False,
        strategy__goal__retired=False,
    )
    another = leads.filter(
        initiative_id=OuterRef("initiative_id"),
        strategy_id=OuterRef("strategy_id"),
        population_key=OuterRef("population_key"),
        geography_key=OuterRef("geography_key"),
    ).exclude(pk=OuterRef("pk"))
    overlaps = defaultdict(int)
    for row in (
        leads.filter(Exists(another))
        .values("initiative_id", "strategy_id", "population_key", "geography_key")
        .distinct()
        .order_by()
    ):
        overlaps[row["initiative_id"]] += 1
    found = {}
    for pk in ids:
        counts = tally[pk]
        whole, gaps = counts["strategies"], counts["gaps"]
        covered = whole - gaps
        share = percent(covered, whole)
        figures = {
            "strategies": whole,
            "covered": covered,
            "gaps": gaps,
            "overlaps": overlaps[pk],
            "percent": share,
            "running_now": counts["now"],
            "running_earlier": counts["then"],
        }
        if not whole:
            status = Status.NO_DATA
            sentence = _("No strategy in the common agenda yet.")
        else:
            if share < COVERED_ACT:
                status = Status.ACT
            elif share < COVERED_GOOD or overlaps[pk]:
                status = Status.ATTENTION
            else:
                status = Status.GOOD
            sentence = _("%(covered)s of %(strategies)s strategies covered (%(percent)s%%)") % {
                "covered": covered,
                "strategies": whole,
                "percent": share,
            }
            sentence += (
                _semicolon()
                + ngettext("%(gaps)s gap", "%(gaps)s gaps", gaps) % {"gaps": gaps}
                + _comma()
                + ngettext("%(overlaps)s overlap.", "%(overlaps)s overlaps.", overlaps[pk])
                % {"overlaps": overlaps[pk]}
            )
        found[pk] = Signal(
            Condition.ACTIVITIES,
            status,
            sentence,
            figures,
            compare(counts["now"], counts["then"]) if whole else Trend.UNKNOWN,
            _("strategies with work running 90 days earlier"),
            "activities:matrix",
            [slugs[pk]],
        )
    return found


# --- continuous communication ------------------------------------------------------------


def _communication(ids, slugs, participants, today) -> dict[int, Signal]:
    """Meetings held (not cancelled) in the 90 days up to today and in the 90 before them;
    participating organizations present at one of the recent ones; open and overdue action
    items (communication's overdue rule). Three queries."""
    end = _day_start(today + timedelta(days=1))
    start = _day_start(today - WINDOW + timedelta(days=1))
    before = _day_start(today - 2 * WINDOW + timedelta(days=1))
    held = Meeting.objects.filter(initiative_id__in=ids, status=MeetingStatus.SCHEDULED)
    meetings = {
        row["initiative_id"]: row
        for row in held.values("initiative_id")
        .annotate(
            recent=Count("pk", filter=Q(starts_at__gte=start, starts_at__lt=end)),
            earlier=Count("pk", filter=Q(starts_at__gte=before, starts_at__lt=start)),
        )
        .order_by()
    }
    participating = Participation.objects.active().filter(
        initiative_id=OuterRef("meeting__initiative_id"),
        organization_id=OuterRef("organization_id"),
    )
    present = dict(
        Attendance.objects.filter(
            Exists(participating),
            meeting__in=held.filter(starts_at__gte=start, starts_at__lt=end),
        )
        .values("meeting__initiative_id")
        .annotate(n=Count("organization_id", distinct=True))
        .values_list("meeting__initiative_id", "n")
        .order_by()
    )
    items = {
        row["initiative_id"]: row
        for row in ActionItem.objects.filter(initiative_id__in=ids)
        .values("initiative_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_ACTION_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)),
        )
        .order_by()
    }
    found = {}
    for pk in ids:
        met = meetings.get(pk, {"recent": 0, "earlier": 0})
        owed = items.get(pk, {"open": 0, "overdue": 0})
        whole = participants.get(pk, 0)
        figures = {
            "meetings": met["recent"],
            "meetings_earlier": met["earlier"],
            "organizations_present": present.get(pk, 0),
            "participants": whole,
            "present_percent": percent(present.get(pk, 0), whole),
            "open_items": owed["open"],
            "overdue_items": owed["overdue"],
        }
        if pk not in meetings and pk not in items:
            status = Status.NO_DATA
            sentence = _("No meeting and no action item yet.")
        else:
            parts = [Status.GOOD]
            if not met["recent"]:
                parts.append(Status.ACT)
            elif (figures["present_percent"] or 0) < PRESENT_GOOD:
                parts.append(Status.ATTENTION)
            overdue_share = percent(owed["overdue"], owed["open"])
            if overdue_share is not None and overdue_share >= OVERDUE_ITEMS_ACT:
                parts.append(Status.ACT)
            elif owed["overdue"]:
                parts.append(Status.ATTENTION)
            status = _worst(*parts)
            sentence = (
                ngettext(
                    "%(count)s meeting in the last 90 days",
                    "%(count)s meetings in the last 90 days",
                    met["recent"],
                )
                % {"count": met["recent"]}
                + _semicolon()
                + _("%(present)s of %(participants)s partners attended (%(percent)s%%)")
                % {
                    "present": figures["organizations_present"],
                    "participants": whole,
                    "percent": figures["present_percent"] or 0,
                }
                + _semicolon()
                + ngettext(
                    "%(overdue)s of %(open)s open action item overdue.",
                    "%(overdue)s of %(open)s open action items overdue.",
                    owed["open"],
                )
                % {"overdue": owed["overdue"], "open": owed["open"]}
            )
        found[pk] = Signal(
            Condition.COMMUNICATION,
            status,
            sentence,
            figures,
            compare(met["recent"], met["earlier"]) if status != Status.NO_DATA else Trend.UNKNOWN,
            _("meetings in the 90 days before"),
            "communication:meeting_list",
            [slugs[pk]],
        )
    return found


# --- the backbone ------------------------------------------------------------------------


def _backbone(ids, slugs, today) -> dict[int, Signal]:
    """This year's workplan progress (workplan_progress) and the latest closed round's mean
    (round_scores), against the previous closed round of the same template key. 1 + 1 + 4
    queries."""
    progress = workplan_progress(ids, today.year, today=today)
    closed = defaultdict(list)
    for row in (
        AssessmentRound.objects.filter(initiative_id__in=ids, state=RoundState.CLOSED)
        .values(
            "pk",
            "initiative_id",
            "template__key",
            "title",
            "language",
            "translations",
            "closes_on",
            "closed_at",
        )
        .order_by("-closed_at", "-closes_on", "-pk")
    ):
        row["title"] = text_of(row["title"], row["language"], row["translations"], "title")
        closed[row["initiative_id"]].append(row)
    pairs = {}
    for pk, rounds in closed.items():
        latest = rounds[0]
        previous = next(
            (r for r in rounds[1:] if r["template__key"] == latest["template__key"]), None
        )
        pairs[pk] = (latest, previous)
    wanted = [r["pk"] for pair in pairs.values() for r in pair if r]
    scores = round_scores(wanted)
    found = {}
    for pk in ids:
        done, total, overdue = progress.get(pk, (0, 0, 0))
        latest, previous = pairs.get(pk, (None, None))
        mean = scores[latest["pk"]].mean if latest else None
        before = scores[previous["pk"]].mean if previous else None
        figures = {
            "year": today.year,
            "tasks_done": done,
            "tasks": total,
            "tasks_overdue": overdue,
            "percent": percent(done, total),
            "round": latest["title"] if latest else None,
            "round_id": latest["pk"] if latest else None,
            "respondents": scores[latest["pk"]].submitted if latest else 0,
            "mean": str(mean) if mean is not None else None,
            "previous_round": previous["title"] if previous else None,
            "previous_mean": str(before) if before is not None else None,
        }
        clauses = []
        if total:
            clauses.append(
                _("Workplan %(year)s: %(done)s of %(total)s tasks done (%(percent)s%%)")
                % {"year": today.year, "done": done, "total": total, "percent": figures["percent"]}
                + _comma()
                + ngettext("%(overdue)s overdue", "%(overdue)s overdue", overdue)
                % {"overdue": overdue}
            )
        else:
            clauses.append(_("No workplan task for %(year)s") % {"year": today.year})
        if latest is None:
            clauses.append(_("no closed assessment round yet"))
        elif mean is None:
            clauses.append(
                _("“%(round)s”: fewer than 3 respondents, score not shown")
                % {"round": _isolated(latest["title"])}
            )
        else:
            clauses.append(
                _("“%(round)s” scored %(mean)s of 4")
                % {"round": _isolated(latest["title"]), "mean": mean}
            )
        if not total and mean is None:
            status = Status.NO_DATA
        else:
            parts = [Status.GOOD]
            if total and percent(overdue, total) >= OVERDUE_TASKS_ACT:
                parts.append(Status.ACT)
            elif overdue:
                parts.append(Status.ATTENTION)
            if mean is not None and mean < SCORE_ACT:
                parts.append(Status.ACT)
            elif mean is not None and mean < SCORE_GOOD:
                parts.append(Status.ATTENTION)
            status = _worst(*parts)
        found[pk] = Signal(
            Condition.BACKBONE,
            status,
            _semicolon().join(clauses) + ".",
            figures,
            compare(mean, before),
            _("the previous round of the same assessment"),
            "backbone:workplan",
            [slugs[pk]],
        )
    return found


# --- all five ----------------------------------------------------------------------------


def condition_health(initiative_ids, *, today: date | None = None) -> dict[int, Health]:
    """{initiative id: Health} of the five conditions, in a number of queries that does not
    grow with the number of initiatives or their data."""
    today = today or timezone.localdate()
    ids = list(dict.fromkeys(initiative_ids))
    if not ids:
        return {}
    base = list(
        Initiative.objects.filter(pk__in=ids)
        .annotate(current_period_id=current_period_subquery())
        .values("pk", "slug", "current_period_id")
    )
    ids = [row["pk"] for row in base]
    slugs = {row["pk"]: row["slug"] for row in base}
    current = {row["pk"]: row["current_period_id"] for row in base}
    participants = dict(
        Participation.objects.active()
        .filter(initiative_id__in=ids)
        .values("initiative_id")
        .annotate(n=Count("organization_id", distinct=True))
        .values_list("initiative_id", "n")
        .order_by()
    )
    parts = (
        _agenda(ids, slugs, participants, today),
        _measurement(ids, slugs, current, today),
        _activities(ids, slugs, today),
        _communication(ids, slugs, participants, today),
        _backbone(ids, slugs, today),
    )
    return {pk: Health(pk, [part[pk] for part in parts]) for pk in ids}
