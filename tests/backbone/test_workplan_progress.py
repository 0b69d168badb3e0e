"""Progress of a workplan counted against a hand computation, per function and overall, in
the page's reading and in the one aggregate query; the page's queries do not grow with the
data."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backbone.models import BackboneFunction as F
from backbone.models import TaskStatus as S
from backbone.selectors import workplan as selectors
from tests.backbone import workplan_factories as f

TODAY = date(2026, 6, 15)
PAST, FUTURE = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


def build(world):
    """VISION: done, done(past), in progress(past: overdue), dropped(past: not counted)
    POLICY: not started(past: overdue), not started(future), not started(no date)
    FUNDING: only a dropped task.  Others: nothing."""
    plan = f.workplan(world, 2026)
    vision = f.objective(world, plan, F.VISION, "Vision")
    f.task(world, vision, "a", S.DONE)
    f.task(world, vision, "b", S.DONE, due_on=PAST)
    f.task(world, vision, "c", S.IN_PROGRESS, due_on=PAST)
    f.task(world, vision, "d", S.DROPPED, due_on=PAST)
    policy = f.objective(world, plan, F.POLICY, "Policy")
    f.task(world, policy, "e", S.NOT_STARTED, due_on=PAST)
    f.task(world, policy, "f", S.NOT_STARTED, due_on=FUTURE)
    f.task(world, policy, "g", S.NOT_STARTED)
    funding = f.objective(world, plan, F.FUNDING, "Funding")
    f.task(world, funding, "h", S.DROPPED, due_on=PAST)
    return plan


def test_progress_per_function_and_overall(world):
    plan = build(world)
    view = selectors.workplan_view(workplan=plan, today=TODAY)
    by_function = {
        p.function: (p.progress.done, p.progress.total, p.progress.overdue) for p in view.functions
    }
    assert [p.function for p in view.functions] == list(F.values)
    assert by_function == {
        F.VISION: (2, 3, 1),
        F.ACTIVITIES: (0, 0, 0),
        F.MEASUREMENT: (0, 0, 0),
        F.PUBLIC_WILL: (0, 0, 0),
        F.POLICY: (0, 3, 1),
        F.FUNDING: (0, 0, 0),
    }
    overall = view.progress
    assert (overall.done, overall.total, overall.overdue) == (2, 6, 2)
    assert overall.percent == 33
    overdue = {
        t.title for p in view.functions for o in p.objectives for t in o.tasks.all() if t.is_overdue
    }
    assert overdue == {"c", "e"}


def test_workplan_progress_is_one_query(world, django_assert_num_queries):
    build(world)
    other = f.workplan(world, 2025)  # another year: not counted
    f.task(world, f.objective(world, other), "z", S.DONE)
    ids = [world.initiative.pk, world.other_initiative.pk]
    with django_assert_num_queries(1):
        result = selectors.workplan_progress(ids, 2026, today=TODAY)
    assert result == {world.initiative.pk: (2, 6, 2)}
    assert selectors.workplan_progress(ids, 2025, today=TODAY) == {world.initiative.pk: (1, 1, 0)}
    assert selectors.workplan_progress(ids, 2030) == {}


def test_the_page_shows_the_progress(client, world):
    build(world)
    client.force_login(world.viewer)
    response = client.get(reverse("backbone:workplan_year", args=[world.initiative.slug, 2026]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="progressbar"' in html and 'aria-valuenow="' in html
    assert "of 6 tasks done" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def grow(world, plan, n):
    for function in F.values:
        objective = f.objective(world, plan, function, f"Objective {n}")
        for i in range(n):
            f.task(world, objective, f"Task {i}", owner=world.partner, due_on=timezone.localdate())


def test_the_page_reads_flat(client, world):
    plan = f.workplan(world, 2026)
    grow(world, plan, 1)
    url = reverse("backbone:workplan_year", args=[world.initiative.slug, 2026])
    for persona in ("backbone", "viewer"):
        client.force_login(getattr(world, persona))
        small = _queries(client, url)
        grow(world, plan, 5)
        assert _queries(client, url) == small, persona
