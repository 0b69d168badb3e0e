"""Bad input on every agenda form: the message at its field, status 400, nothing saved."""

import pytest
from django.urls import reverse

from agenda import services
from agenda.models import AgendaVersion, Endorsement, Goal, SectionComment, Strategy
from tests.agenda.factories import draft_of_next


def url(name, world, *args):
    return reverse(f"agenda:{name}", args=[world.initiative.slug, *args])


@pytest.fixture
def draft(world, adopted):
    return draft_of_next(world)


def field_error(response, text):
    assert response.status_code == 400
    assert text in response.text
    assert 'aria-invalid="true"' in response.text or "is-invalid" in response.text


def test_a_goal_needs_a_title(client, world, draft):
    client.force_login(world.backbone)
    response = client.post(url("goal_create", world), {"new-goal-title": "   "})
    field_error(response, "This field is required.")
    assert Goal.objects.count() == 1


def test_a_goal_title_with_nul_is_refused(client, world, draft):
    client.force_login(world.backbone)
    response = client.post(url("goal_create", world), {"new-goal-title": "Math\x00"})
    assert response.status_code == 400
    assert Goal.objects.count() == 1


def test_a_goal_under_another_initiatives_goal_is_refused(client, world, draft):
    services.version_draft_start(user=world.superuser, initiative=world.other_initiative)
    foreign = services.goal_save(
        user=world.superuser, initiative=world.other_initiative, title="Jobs"
    )
    client.force_login(world.backbone)
    response = client.post(
        url("goal_create", world), {"new-goal-title": "Labs", "new-goal-parent": foreign.pk}
    )
    field_error(response, "Choose a goal of this agenda.")
    assert not Goal.objects.filter(title="Labs").exists()


def test_a_too_long_strategy_title_is_refused(client, world, draft):
    goal = Goal.objects.get()
    client.force_login(world.backbone)
    response = client.post(
        url("strategy_create", world, goal.pk), {f"new-strategy-{goal.pk}-title": "x" * 301}
    )
    field_error(response, "at most 300 characters")
    assert Strategy.objects.count() == 1


def test_editing_a_strategy_with_an_empty_title_keeps_it(client, world, draft):
    strategy = Strategy.objects.get()
    client.force_login(world.backbone)
    response = client.post(url("strategy_edit", world, strategy.pk), {})
    field_error(response, "This field is required.")
    assert Strategy.objects.get().title == "Strategy 0.0"


def test_sections_with_nul_are_refused(client, world, draft):
    client.force_login(world.backbone)
    response = client.post(url("editor", world), {"vision": "New\x00", "problem": "Changed"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.problem == "Too few students take 5-unit math"


def test_sections_without_a_draft_are_refused(client, world, adopted):
    client.force_login(world.backbone)
    response = client.post(url("editor", world), {"vision": "New"})
    assert response.status_code == 400
    assert "Start a new draft" in response.text
    assert AgendaVersion.objects.get().vision.startswith("Every student")


def test_an_empty_comment_is_refused_at_its_section(client, world, draft):
    services.version_open_for_comment(user=world.backbone, version=draft)
    client.force_login(world.partner)
    response = client.post(url("comment", world, 2), {"section": "vision", "text": " "})
    field_error(response, "This field is required.")
    response = client.post(url("comment", world, 2), {"section": "goal:0", "text": "Hi"})
    assert response.status_code == 400
    assert "Choose a section of this version." in response.text
    assert not SectionComment.objects.exists()


def test_declining_without_a_reason_is_refused(client, world, adopted):
    client.force_login(world.partner)
    response = client.post(url("endorse", world), {"decision": "declined", "reason": ""})
    field_error(response, "Please say why your organization declines.")
    response = client.post(url("endorse", world), {"decision": "maybe"})
    field_error(response, "Choose to endorse or to decline.")
    assert not Endorsement.objects.exists()


def test_comparing_versions_that_do_not_exist(client, world, adopted):
    client.force_login(world.viewer)
    response = client.get(url("compare", world), {"old": 1, "new": 7})
    field_error(response, "This agenda has no version of this number.")
    response = client.get(url("compare", world), {"old": "x", "new": "²"})
    assert response.status_code == 400


def test_numbers_too_large_for_the_database_are_404(client, world, adopted):
    client.force_login(world.backbone)
    huge = 10**20
    assert client.get(url("version_detail", world, huge)).status_code == 404
    assert client.post(url("goal_edit", world, huge), {}).status_code == 404
