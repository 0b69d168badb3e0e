"""Who may do what with the workplan, on the pages and in the API: backbone staff manage;
partners, facilitators and viewers read; an outsider and another initiative's partner see
nothing (404); anonymous visitors sign in first."""

import pytest
from django.urls import reverse

from backbone.models import TaskStatus, WorkplanTask
from tests.backbone import workplan_factories as f
from tests.personas import api_client_as, check, login_as

READERS = {"backbone": 200, "partner": 200, "facilitator": 200, "viewer": 200}
MATRIX = ["backbone", "partner", "facilitator", "viewer", "outsider", "other_partner", "anonymous"]


@pytest.fixture
def plan(world):
    plan = f.workplan(world, 2026)
    objective = f.objective(world, plan)
    task = f.task(world, objective, owner=world.partner)
    return plan, objective, task


def _manage(persona):
    return {"backbone": 200, "outsider": 404, "other_partner": 404, "anonymous": "login"}.get(
        persona, 403
    )


@pytest.mark.parametrize("persona", MATRIX)
def test_pages(client, world, plan, persona):
    _plan, objective, task = plan
    slug = world.initiative.slug
    login_as(client, world, persona)
    read = READERS.get(persona, {"anonymous": "login"}.get(persona, 404))
    response = client.get(reverse("backbone:workplan", args=[slug]))
    check(response, read)
    check(client.get(reverse("backbone:workplan_year", args=[slug, 2026])), read)
    if read == 200:
        html = client.get(reverse("backbone:workplan_year", args=[slug, 2026])).content.decode()
        shown = reverse("backbone:task_edit", args=[slug, task.pk]) in html
        assert shown is (persona == "backbone")
        assert (reverse("backbone:task_status", args=[slug, task.pk]) in html) is shown
    gets = [
        reverse("backbone:workplan_create", args=[slug]),
        reverse("backbone:objective_create", args=[slug, 2026]),
        reverse("backbone:objective_edit", args=[slug, objective.pk]),
        reverse("backbone:task_create", args=[slug, objective.pk]),
        reverse("backbone:task_edit", args=[slug, task.pk]),
    ]
    for url in gets:
        check(client.get(url), _manage(persona))
    expected_post = 302 if persona == "backbone" else _manage(persona)
    response = client.post(
        reverse("backbone:task_status", args=[slug, task.pk]), {"status": TaskStatus.DONE}
    )
    check(response, expected_post)
    task.refresh_from_db()
    assert (task.status == TaskStatus.DONE) is (persona == "backbone")
    response = client.post(
        reverse("backbone:objective_create", args=[slug, 2026]),
        {"function": "policy", "title": "Lobby"},
    )
    check(response, expected_post)


def test_staff_use_the_forms(client, world, plan):
    _plan, objective, task = plan
    slug = world.initiative.slug
    client.force_login(world.backbone)
    response = client.post(reverse("backbone:workplan_create", args=[slug]), {"year": 2027})
    assert response.status_code == 302 and response.url.endswith("/workplan/2027/")
    response = client.post(reverse("backbone:workplan_create", args=[slug]), {"year": 2027})
    assert response.status_code == 400
    assert "already has a workplan" in response.content.decode()
    response = client.post(reverse("backbone:workplan_create", args=[slug]), {"year": 1990})
    assert response.status_code == 400
    url = reverse("backbone:task_create", args=[slug, objective.pk])
    response = client.post(url, {"title": "Call", "owner": world.outsider.pk, "status": "done"})
    assert (
        response.status_code == 400
        and "Choose a person of this initiative." in response.content.decode()
    )
    response = client.post(
        url, {"title": "Call", "owner": world.viewer.pk, "status": "done", "due_on": "2026-03-01"}
    )
    assert response.status_code == 302
    assert WorkplanTask.objects.get(title="Call").owner == world.viewer
    response = client.post(
        reverse("backbone:task_edit", args=[slug, task.pk]),
        {"title": "Renamed", "status": "in_progress", "note": "n"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.status, task.owner) == ("Renamed", "in_progress", None)
    response = client.post(
        reverse("backbone:objective_edit", args=[slug, objective.pk]),
        {"function": "funding", "title": "Money"},
    )
    assert response.status_code == 302
    response = client.post(reverse("backbone:task_status", args=[slug, task.pk]), {"status": "x"})
    assert response.status_code == 400
    # ?year= goes to the year's page; a bad one shows the current year
    response = client.get(reverse("backbone:workplan", args=[slug]) + "?year=2026")
    assert response.status_code == 302 and response.url.endswith("/workplan/2026/")
    assert client.get(reverse("backbone:workplan", args=[slug]) + "?year=x").status_code == 200
    assert client.get(reverse("backbone:workplan_year", args=[slug, 1500])).status_code == 404


def _api_read(persona):
    return {"outsider": 404, "other_partner": 404, "anonymous": 401}.get(persona, 200)


def _api_write(persona, ok):
    return {"backbone": ok, "outsider": 404, "other_partner": 404, "anonymous": 401}.get(
        persona, 403
    )


@pytest.mark.parametrize("persona", MATRIX)
def test_api(world, plan, persona):
    workplan, objective, task = plan
    client = api_client_as(world, persona)
    for kind, pk in (
        ("workplans", workplan.pk),
        ("workplan-objectives", objective.pk),
        ("workplan-tasks", task.pk),
    ):
        listed = client.get(f"/api/v1/{kind}/")
        if persona in ("outsider", "other_partner"):
            assert listed.status_code == 200 and listed.json()["count"] == 0
        else:
            assert listed.status_code == _api_read(persona)
        assert client.get(f"/api/v1/{kind}/{pk}/").status_code == _api_read(persona)
    created = client.post("/api/v1/workplans/", {"initiative": world.initiative.slug, "year": 2027})
    assert created.status_code == _api_write(persona, 201), created.content
    created = client.post(
        "/api/v1/workplan-objectives/",
        {"workplan": workplan.pk, "function": "policy", "title": "Law"},
    )
    assert created.status_code == _api_write(persona, 201), created.content
    created = client.post("/api/v1/workplan-tasks/", {"objective": objective.pk, "title": "Call"})
    assert created.status_code == _api_write(persona, 201), created.content
    patched = client.patch(f"/api/v1/workplan-objectives/{objective.pk}/", {"title": "New"})
    assert patched.status_code == _api_write(persona, 200), patched.content
    patched = client.patch(f"/api/v1/workplan-tasks/{task.pk}/", {"note": "n"})
    assert patched.status_code == _api_write(persona, 200), patched.content
    moved = client.post(f"/api/v1/workplan-tasks/{task.pk}/status/", {"status": "done"})
    assert moved.status_code == _api_write(persona, 200), moved.content
    task.refresh_from_db()
    assert (task.status == "done") is (persona == "backbone")
