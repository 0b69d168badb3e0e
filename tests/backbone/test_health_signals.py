"""Each condition-health signal against a hand computation on data built here, the
thresholds at their edges, the trends and the cases without data (docs/condition-health.md)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activities.models import ActivityRole, ActivityStatus
from agenda.models import Decision, Strategy
from backbone.models import TaskStatus, WorkplanTask
from backbone.selectors.health import Status, Trend, condition_health, percent
from communication.models import ActionItem, MeetingStatus
from initiatives.models import Participation
from measurement.models import SubmissionState
from tests.activities.factories import activity
from tests.agenda.factories import adopted_agenda, draft_of_next
from tests.backbone import workplan_factories as plans
from tests.backbone.health_factories import closed_round, endorse, one_benchmark_template
from tests.communication.minutes_factories import action_item, attended, meeting
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

pytestmark = pytest.mark.django_db


def health(world, condition):
    return condition_health([world.initiative.pk], today=timezone.localdate())[world.initiative.pk][
        condition
    ]


def test_percent_rounds_half_up_and_nothing_of_nothing():
    assert percent(1, 3) == 33
    assert percent(2, 3) == 67
    assert percent(1, 8) == 13  # 12.5
    assert percent(0, 0) is None
    assert percent(5, 4) == 100


# --- common agenda -----------------------------------------------------------------------


def test_agenda_without_any_version_has_no_data(world):
    signal = health(world, "agenda")
    assert signal.status == Status.NO_DATA
    assert signal.trend == Trend.UNKNOWN
    assert signal.url_name == "agenda:agenda"
    assert signal.url_args == ["stem"]


def test_agenda_with_a_draft_only_needs_attention(world):
    draft_of_next(world)
    signal = health(world, "agenda")
    assert signal.status == Status.ATTENTION
    assert signal.figures["adopted_version"] is None
    assert signal.figures["drafting"] is True


def test_agenda_counts_participants_that_endorsed_the_adopted_version(world):
    version = adopted_agenda(world)
    # 3 participants (backbone, Masar, Gesher) + a fourth: 4.
    fourth = OrganizationFactory(name="Fourth")
    ParticipationFactory(initiative=world.initiative, organization=fourth)
    endorse(version, world.partner_org)
    endorse(version, world.second_org, decision=Decision.DECLINED)  # not counted
    outsider_org = OrganizationFactory(name="Not a participant")
    endorse(version, outsider_org)  # not counted: not participating
    signal = health(world, "agenda")
    # By hand: 1 of 4 = 25% < 50: act now.
    assert signal.figures["endorsed"] == 1
    assert signal.figures["participants"] == 4
    assert signal.figures["percent"] == 25
    assert signal.status == Status.ACT
    assert signal.sentence == "Version 1 adopted; 1 of 4 partners endorsed it (25%)."


@pytest.mark.parametrize(
    ("endorsers", "status"), [(1, Status.ACT), (2, Status.ATTENTION), (3, Status.GOOD)]
)
def test_agenda_thresholds_at_their_edges(world, endorsers, status):
    """Of 4 participants: 2 = 50% (the edge of 'needs attention'), 3 = 75% (the edge of good)."""
    version = adopted_agenda(world)
    fourth = OrganizationFactory(name="Fourth")
    ParticipationFactory(initiative=world.initiative, organization=fourth)
    orgs = [world.partner_org, world.second_org, fourth]
    for organization in orgs[:endorsers]:
        endorse(version, organization)
    assert health(world, "agenda").status == status


def test_agenda_trend_against_90_days_earlier(world):
    version = adopted_agenda(world)
    endorse(version, world.partner_org, days_ago=120)
    endorse(version, world.second_org)
    signal = health(world, "agenda")
    # Now 2 of 3 (67%); 90 days earlier 1 of 3 (33%): up.
    assert (signal.figures["percent"], signal.figures["earlier_percent"]) == (67, 33)
    assert signal.trend == Trend.UP


def test_an_organization_that_left_no_longer_counts(world):
    version = adopted_agenda(world)
    endorse(version, world.partner_org)
    Participation.objects.filter(
        initiative=world.initiative, organization=world.partner_org
    ).update(left_on=timezone.localdate())
    signal = health(world, "agenda")
    assert (signal.figures["endorsed"], signal.figures["participants"]) == (0, 2)


# --- shared measurement ------------------------------------------------------------------


def _periods(world):
    today = timezone.localdate()
    previous = PeriodFactory(
        initiative=world.initiative,
        start=today - timedelta(days=250),
        end=today - timedelta(days=160),
        due_date=today - timedelta(days=140),
        state="closed",
    )
    current = PeriodFactory(
        initiative=world.initiative,
        start=today - timedelta(days=120),
        end=today - timedelta(days=30),
        due_date=today - timedelta(days=10),
    )
    return previous, current


def test_measurement_without_a_period_has_no_data(world):
    signal = health(world, "measurement")
    assert signal.status == Status.NO_DATA
    assert signal.url_name == "measurement:period_list"


@pytest.mark.parametrize(
    ("expected", "sent", "share", "status"),
    [
        (5, 0, 0, Status.ACT),
        (5, 2, 40, Status.ACT),
        (4, 2, 50, Status.ATTENTION),  # the edge of act now
        (5, 4, 80, Status.GOOD),  # the edge of good
        (5, 5, 100, Status.GOOD),
    ],
)
def test_measurement_completeness_of_the_current_period(world, expected, sent, share, status):
    """`expected` indicators × 1 organization; once due, < 50% act now, < 80% needs attention."""
    _previous, current = _periods(world)
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(expected)]
    for indicator in indicators:
        assign(indicator, world.partner_org)
    for indicator in indicators[:sent]:
        report(
            indicator,
            world.partner_org,
            current,
            partner=world.partner,
            reviewer=world.backbone,
            value=3,
        )
    signal = health(world, "measurement")
    assert signal.figures["expected"] == expected
    assert signal.figures["submitted"] == sent
    assert signal.figures["percent"] == share
    assert signal.figures["late"] == expected - sent
    assert signal.status == status
    # Nothing in the previous period: 0% then.
    assert signal.figures["previous_percent"] == 0
    assert signal.trend == (Trend.STEADY if sent == 0 else Trend.UP)
    assert signal.url_name == "measurement:completeness"


def test_measurement_counts_submitted_and_approved_not_drafts(world):
    _previous, current = _periods(world)
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    report(
        indicator,
        world.partner_org,
        current,
        partner=world.partner,
        value=1,
        state=SubmissionState.DRAFT,
    )
    signal = health(world, "measurement")
    assert (signal.figures["submitted"], signal.figures["expected"]) == (0, 2)
    assert "0 of 2 values in (0%), 2 late" in signal.sentence


def test_measurement_not_due_yet_is_not_late(world):
    today = timezone.localdate()
    PeriodFactory(
        initiative=world.initiative,
        start=today - timedelta(days=20),
        end=today + timedelta(days=70),
        due_date=today + timedelta(days=90),
    )
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    signal = health(world, "measurement")
    assert signal.figures["due"] is False
    assert signal.figures["late"] == 0
    assert signal.status == Status.GOOD
    assert signal.trend == Trend.UNKNOWN  # no previous period


# --- mutually reinforcing activities -----------------------------------------------------


def _strategies(world, count):
    adopted_agenda(world, strategies=count)
    return list(Strategy.objects.filter(goal__initiative=world.initiative).order_by("order", "pk"))


def test_activities_without_strategies_have_no_data(world):
    assert health(world, "activities").status == Status.NO_DATA


def test_activities_gaps_and_overlaps_by_hand(world):
    a, b, _c = _strategies(world, 3)
    activity(world, a, role=ActivityRole.LEAD, population="Girls", geography="Negev")
    activity(
        world,
        a,
        organization=world.second_org,
        role=ActivityRole.LEAD,
        population="girls ",
        geography="negev",
    )  # the same reach: an overlap
    activity(world, b, role=ActivityRole.PARTNER)  # active, but no lead: a gap
    # c: nothing, a gap.
    signal = health(world, "activities")
    assert signal.figures["strategies"] == 3
    assert signal.figures["covered"] == 1
    assert signal.figures["gaps"] == 2
    assert signal.figures["overlaps"] == 1
    assert signal.figures["percent"] == 33
    assert signal.status == Status.ACT
    assert signal.sentence == "1 of 3 strategies covered (33%); 2 gaps, 1 overlap."


def test_activities_planned_lead_without_active_work_is_a_gap(world):
    (a,) = _strategies(world, 1)
    activity(world, a, role=ActivityRole.LEAD, status=ActivityStatus.PLANNED)
    assert health(world, "activities").figures["gaps"] == 1


@pytest.mark.parametrize(
    ("covered", "status"), [(1, Status.ACT), (2, Status.ATTENTION), (4, Status.GOOD)]
)
def test_activities_thresholds_at_their_edges(world, covered, status):
    """Of 4 strategies (retired ones do not count): 2 = 50% needs attention, 4 = 100% good."""
    strategies = _strategies(world, 5)
    Strategy.objects.filter(pk=strategies[4].pk).update(retired=True)
    for strategy in strategies[:covered]:
        activity(world, strategy, role=ActivityRole.LEAD)
    signal = health(world, "activities")
    assert signal.figures["strategies"] == 4
    assert signal.status == status


def test_activities_trend_counts_work_running_then_and_now(world):
    a, b = _strategies(world, 2)
    today = timezone.localdate()
    running = activity(world, a, role=ActivityRole.LEAD)
    activity(world, b, role=ActivityRole.LEAD)
    # a's activity started long ago; b's started last week: 1 strategy then, 2 now.
    type(running).objects.filter(pk=running.pk).update(
        starts_on=today - timedelta(days=200), created_at=timezone.now() - timedelta(days=200)
    )
    type(running).objects.exclude(pk=running.pk).update(starts_on=today - timedelta(days=7))
    signal = health(world, "activities")
    assert (signal.figures["running_now"], signal.figures["running_earlier"]) == (2, 1)
    assert signal.trend == Trend.UP


# --- continuous communication ------------------------------------------------------------


def test_communication_without_meetings_or_items_has_no_data(world):
    assert health(world, "communication").status == Status.NO_DATA


def test_communication_by_hand(world):
    recent = meeting(world)
    attended(recent, world.partner, world.partner_org)
    attended(recent, world.backbone, world.initiative.backbone)
    old = meeting(world, title="Old")
    type(old).objects.filter(pk=old.pk).update(starts_at=timezone.now() - timedelta(days=100))
    cancelled = meeting(world, title="Cancelled")
    type(cancelled).objects.filter(pk=cancelled.pk).update(status=MeetingStatus.CANCELLED)
    overdue = action_item(world)
    ActionItem.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    action_item(world, title="Later", due_on=timezone.localdate() + timedelta(days=9))
    action_item(world, title="Third", due_on=timezone.localdate() + timedelta(days=9))
    signal = health(world, "communication")
    # 1 meeting held in 90 days (the cancelled one does not count), 1 in the 90 before;
    # 2 of 3 participants present (67%); 1 of 3 open items overdue (33% < 50%).
    assert signal.figures["meetings"] == 1
    assert signal.figures["meetings_earlier"] == 1
    assert signal.figures["organizations_present"] == 2
    assert signal.figures["present_percent"] == 67
    assert (signal.figures["overdue_items"], signal.figures["open_items"]) == (1, 3)
    assert signal.status == Status.ATTENTION  # one overdue item
    assert signal.trend == Trend.STEADY
    assert signal.sentence == (
        "1 meeting in the last 90 days; 2 of 3 partners attended (67%); "
        "1 of 3 open action items overdue."
    )


def test_communication_no_recent_meeting_is_act_now(world):
    old = meeting(world)
    type(old).objects.filter(pk=old.pk).update(starts_at=timezone.now() - timedelta(days=91))
    signal = health(world, "communication")
    assert signal.figures["meetings"] == 0
    assert signal.status == Status.ACT
    assert signal.trend == Trend.DOWN


def test_communication_half_the_items_overdue_is_act_now(world):
    recent = meeting(world)
    for org, user in ((world.partner_org, world.partner), (world.second_org, world.viewer)):
        attended(recent, user, org)
    first = action_item(world)
    action_item(world, title="Later", due_on=timezone.localdate() + timedelta(days=9))
    ActionItem.objects.filter(pk=first.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    assert health(world, "communication").status == Status.ACT  # 1 of 2 = 50%


def test_communication_good(world):
    recent = meeting(world)
    attended(recent, world.partner, world.partner_org)
    attended(recent, world.viewer, world.second_org)
    signal = health(world, "communication")
    assert signal.figures["present_percent"] == 67
    assert signal.status == Status.GOOD


# --- the backbone ------------------------------------------------------------------------


def test_backbone_without_workplan_or_round_has_no_data(world):
    signal = health(world, "backbone")
    assert signal.status == Status.NO_DATA
    assert signal.url_name == "backbone:workplan"


def _tasks(world, *, done, overdue, other):
    year = timezone.localdate().year
    objective = plans.objective(world, plans.workplan(world, year=year))
    for n in range(done):
        plans.task(world, objective, title=f"done {n}", status=TaskStatus.DONE)
    for n in range(overdue):
        task = plans.task(world, objective, title=f"late {n}")
        WorkplanTask.objects.filter(pk=task.pk).update(
            due_on=timezone.localdate() - timedelta(days=1)
        )
    for n in range(other):
        plans.task(world, objective, title=f"open {n}")
    plans.task(world, objective, title="dropped", status=TaskStatus.DROPPED)  # not counted


@pytest.mark.parametrize(
    ("overdue", "status"), [(0, Status.GOOD), (1, Status.ATTENTION), (2, Status.ACT)]
)
def test_backbone_workplan_overdue_thresholds(world, overdue, status):
    """Of 8 tasks: 1 overdue (12.5%) needs attention, 2 (25%, the edge) act now."""
    _tasks(world, done=3, overdue=overdue, other=5 - overdue)
    signal = health(world, "backbone")
    assert (signal.figures["tasks_done"], signal.figures["tasks"]) == (3, 8)
    assert signal.figures["tasks_overdue"] == overdue
    assert signal.figures["percent"] == 38  # 37.5 rounded half up
    assert signal.status == status


def test_backbone_latest_round_against_the_previous_of_the_same_key(world):
    template = one_benchmark_template()
    other = one_benchmark_template(key="another-instrument")
    closed_round(world.initiative, template, levels=[2, 3, 3], closed_days_ago=300, title="2025")
    closed_round(world.initiative, other, levels=[1, 1, 1], closed_days_ago=100, title="Other")
    closed_round(world.initiative, template, levels=[3, 3, 4], closed_days_ago=10, title="2026")
    signal = health(world, "backbone")
    # Latest: (3+3+4)/3 = 3.33; previous of its key: (2+3+3)/3 = 2.67 (not "Other").
    assert signal.figures["round"] == "2026"
    assert signal.figures["mean"] == "3.33"
    assert signal.figures["previous_round"] == "2025"
    assert signal.figures["previous_mean"] == "2.67"
    assert signal.trend == Trend.UP
    assert signal.status == Status.GOOD
    assert "“\u20682026\u2069” scored 3.33 of 4" in signal.sentence  # the title isolated


@pytest.mark.parametrize(
    ("levels", "status"),
    [
        ([3, 3, 3], Status.GOOD),
        ([2, 3, 3], Status.ATTENTION),
        ([2, 2, 2], Status.ATTENTION),
        ([1, 2, 2], Status.ACT),
    ],
)
def test_backbone_score_thresholds(world, levels, status):
    """Mean 3 (the edge) is good, below 3 needs attention, 2 (the edge) too, below 2 act now."""
    closed_round(world.initiative, one_benchmark_template(), levels=levels)
    assert health(world, "backbone").status == status


def test_backbone_round_with_fewer_than_three_respondents_shows_no_score(world):
    closed_round(world.initiative, one_benchmark_template(), levels=[1, 1])
    signal = health(world, "backbone")
    assert signal.figures["mean"] is None
    assert signal.figures["respondents"] == 2
    assert signal.trend == Trend.UNKNOWN
    assert signal.status == Status.NO_DATA  # no task, and no score shown to judge
    assert "fewer than 3 respondents" in signal.sentence


def test_every_initiative_reads_only_its_own_data(world):
    version = adopted_agenda(world)
    endorse(version, world.partner_org)
    found = condition_health([world.initiative.pk, world.other_initiative.pk])
    other = found[world.other_initiative.pk]
    assert [s.status for s in other.signals] == [Status.NO_DATA] * 5
    assert found[world.initiative.pk]["agenda"].figures["endorsed"] == 1
