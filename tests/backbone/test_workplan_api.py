"""The workplan API: bad input is a 400 at its field (never a 500), another initiative's
objects a 404, and what is written is read back."""

import pytest

from backbone.models import WorkplanTask
from tests.backbone import workplan_factories as f
from tests.personas import api_client_as


@pytest.fixture
def staff(world):
    return api_client_as(world, "backbone")


def errors(response) -> set:
    assert response.status_code == 400, response.content
    body = response.json()
    return set(body.get("errors", body).keys()) if isinstance(body, dict) else set()


def test_the_lifecycle(world, staff):
    plan = staff.post("/api/v1/workplans/", {"initiative": "stem", "year": 2026}).json()
    assert plan["year"] == 2026 and plan["initiative"] == "stem"
    objective = staff.post(
        "/api/v1/workplan-objectives/",
        {"workplan": plan["id"], "function": "measurement", "title": "Data"},
    ).json()
    task = staff.post(
        "/api/v1/workplan-tasks/",
        {
            "objective": objective["id"],
            "title": "Survey",
            "owner": world.partner.pk,
            "due_on": "2026-04-01",
        },
    )
    assert task.status_code == 201, task.content
    assert task.json()["owner"] == world.partner.pk and task.json()["status"] == "not_started"
    listed = staff.get(
        "/api/v1/workplan-tasks/", {"objective": objective["id"], "status": "not_started"}
    )
    assert [row["id"] for row in listed.json()["results"]] == [task.json()["id"]]
    staff.post(f"/api/v1/workplan-tasks/{task.json()['id']}/status/", {"status": "done"})
    assert WorkplanTask.objects.get().status == "done"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("workplans", {"initiative": "stem", "year": 1999}, "year"),
        ("workplans", {"initiative": "stem", "year": "soon"}, "year"),
        ("workplans", {"year": 2026}, "initiative"),
        ("workplans", {"initiative": "stem", "year": 2026}, "year"),  # taken
        (
            "workplan-objectives",
            {"workplan": "P", "function": "gardening", "title": "x"},
            "function",
        ),
        ("workplan-objectives", {"workplan": "P", "function": "vision", "title": ""}, "title"),
        ("workplan-objectives", {"workplan": "x", "function": "vision", "title": "x"}, "workplan"),
        ("workplan-tasks", {"objective": "O", "title": "x", "owner": "outsider"}, "owner"),
        ("workplan-tasks", {"objective": "O", "title": "x", "owner": 10**30}, "owner"),
        ("workplan-tasks", {"objective": "O", "title": "x", "status": "finished"}, "status"),
        ("workplan-tasks", {"objective": "O", "title": "x", "due_on": "2026-02-30"}, "due_on"),
        ("workplan-tasks", {"objective": "O", "title": "x\x00"}, "title"),
    ],
)
def test_bad_input_is_a_400_at_its_field(world, staff, path, body, field):
    plan = f.workplan(world, 2026)
    objective = f.objective(world, plan)
    swap = {"P": plan.pk, "O": objective.pk, "outsider": world.outsider.pk}
    body = {
        key: swap.get(value, value) if isinstance(value, str) else value
        for key, value in body.items()
    }
    assert field in errors(staff.post(f"/api/v1/{path}/", body, format="json"))


def test_patches_refuse_at_the_field(world, staff):
    objective = f.objective(world, f.workplan(world))
    task = f.task(world, objective)
    response = staff.patch(f"/api/v1/workplan-tasks/{task.pk}/", {"owner": world.other_partner.pk})
    assert "owner" in errors(response)
    response = staff.patch(f"/api/v1/workplan-objectives/{objective.pk}/", {"function": "x"})
    assert "function" in errors(response)
    response = staff.post(f"/api/v1/workplan-tasks/{task.pk}/status/", {"status": ""})
    assert "status" in errors(response)
    assert "status" in errors(staff.get("/api/v1/workplan-tasks/", {"status": "nope"}))
    assert "year" in errors(staff.get("/api/v1/workplans/", {"year": "0.5"}))
    assert staff.get("/api/v1/workplans/", {"year": "2026"}).json()["count"] == 1


def test_another_initiatives_objects_are_not_found(world, staff):
    theirs = f.workplan(world, 2026)
    mine_elsewhere = api_client_as(world, "other_partner")
    response = mine_elsewhere.post(
        "/api/v1/workplan-objectives/", {"workplan": theirs.pk, "function": "vision", "title": "x"}
    )
    assert response.status_code == 404
    assert (
        staff.post("/api/v1/workplans/", {"initiative": "employment", "year": 2026}).status_code
        == 404
    )
    assert (
        staff.post("/api/v1/workplans/", {"initiative": "nowhere", "year": 2026}).status_code == 404
    )


def test_admin_writes_through_the_services(client, world):
    plan = f.workplan(world, 2026)
    objective = f.objective(world, plan)
    task = f.task(world, objective)
    client.force_login(world.superuser)
    response = client.post(
        "/admin/backbone/workplan/add/", {"initiative": world.initiative.pk, "year": 2026}
    )
    assert response.status_code == 200 and "already has a workplan" in response.content.decode()
    response = client.post(
        "/admin/backbone/workplan/add/", {"initiative": world.initiative.pk, "year": 2027}
    )
    assert response.status_code == 302
    url = f"/admin/backbone/workplantask/{task.pk}/change/"
    assert client.get(url).status_code == 200
    body = {
        "title": "Draft",
        "owner": world.outsider.pk,
        "status": "done",
        "note": "",
        "due_on": "",
    }
    response = client.post(url, body)
    assert (
        response.status_code == 200
        and "Choose a person of this initiative." in response.content.decode()
    )
    response = client.post(url, {**body, "owner": world.viewer.pk})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.owner, task.updated_by) == ("done", world.viewer, world.superuser)
    for path in (
        "workplan",
        f"workplan/{plan.pk}/change",
        "workplanobjective",
        f"workplanobjective/{objective.pk}/change",
        "workplantask",
    ):
        assert client.get(f"/admin/backbone/{path}/").status_code == 200, path
