"""The backbone's demo: the 5X2 initiative's workplan for this year (every function, tasks in
each state, one overdue) and its phase history from 0 to the phase its demo gives it, with the
items of the phases it passed checked and their evidence. Safe to run again: nothing doubles."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from initiatives.models import Initiative, Phase, User

from .models import BackboneFunction, PhaseChange, PhaseItem, TaskStatus, Workplan
from .services import phases as phase_services
from .services import workplan as workplan_services

# (function, objective, [(task, status, days from today to its due date)])
WORKPLAN = [
    (
        BackboneFunction.VISION,
        "Renew the common agenda with the steering committee",
        [
            ("Draft version 3 of the agenda", TaskStatus.DONE, -60),
            ("Collect the partners' endorsements", TaskStatus.IN_PROGRESS, 30),
        ],
    ),
    (
        BackboneFunction.ACTIVITIES,
        "Close the gaps in the activity matrix",
        [
            ("Find a lead for teacher training in the north", TaskStatus.IN_PROGRESS, -5),
            ("Convene the periphery working group monthly", TaskStatus.DONE, -20),
        ],
    ),
    (
        BackboneFunction.MEASUREMENT,
        "Every partner reports on time",
        [
            ("Train the new partners on reporting", TaskStatus.DONE, -45),
            ("Publish the yearly report to the board", TaskStatus.NOT_STARTED, 75),
        ],
    ),
    (
        BackboneFunction.PUBLIC_WILL,
        "Tell the story of five-unit mathematics in the periphery",
        [("Two articles with partner schools", TaskStatus.NOT_STARTED, 90)],
    ),
    (
        BackboneFunction.POLICY,
        "Bring the ministry's budget for excellence programmes to the periphery",
        [("Brief the education committee", TaskStatus.IN_PROGRESS, 40)],
    ),
    (
        BackboneFunction.FUNDING,
        "Secure the next three years of funding",
        [
            ("Renew the two foundations' grants", TaskStatus.DONE, -30),
            ("Approach a third funder", TaskStatus.DROPPED, 10),
        ],
    ),
]

# (to phase, on, note): the steps up to the phase the initiative's demo gives it.
PHASE_HISTORY = [
    (Phase.INITIATE_ACTION, date(2023, 9, 1), "Champion, funding and urgency in place."),
    (Phase.ORGANIZE_FOR_IMPACT, date(2024, 3, 1), "Common agenda adopted; backbone staffed."),
    (Phase.SUSTAIN, date(2025, 9, 1), "Shared measurement running; working groups in place."),
]


def load(*, initiative: Initiative, staff: User) -> None:
    if initiative is None:
        return
    _workplan(initiative, staff)
    _phases(initiative, staff)


def _workplan(initiative: Initiative, staff: User) -> None:
    today = timezone.localdate()
    if Workplan.objects.filter(initiative=initiative, year=today.year).exists():
        return
    workplan = workplan_services.workplan_create(initiative=initiative, year=today.year, by=staff)
    for function, title, tasks in WORKPLAN:
        objective = workplan_services.objective_create(
            workplan=workplan, function=function, title=title, by=staff
        )
        for task_title, status, days in tasks:
            workplan_services.task_create(
                objective=objective,
                title=task_title,
                owner=staff,
                due_on=today + timedelta(days=days),
                status=status,
                by=staff,
            )


def _phases(initiative: Initiative, staff: User) -> None:
    if PhaseChange.objects.filter(initiative=initiative).exists():
        return
    reached = initiative.phase
    Initiative.objects.filter(pk=initiative.pk).update(phase=Phase.ASSESS_READINESS)
    initiative.phase = Phase.ASSESS_READINESS
    items = PhaseItem.objects.filter(phase__lt=reached)
    for item in items:
        phase_services.phase_check(
            initiative=initiative,
            item=item,
            done=True,
            evidence="Minutes of the steering committee",
            by=staff,
        )
    for to_phase, on, note in PHASE_HISTORY:
        if to_phase > reached:
            break
        change = phase_services.phase_change(
            initiative=initiative, to_phase=to_phase, note=note, by=staff
        )
        # The history as it happened, not as the demo was loaded.
        moment = timezone.make_aware(datetime.combine(on, datetime.min.time()))
        PhaseChange.objects.filter(pk=change.pk).update(at=moment)
