"""Agenda pages and actions × personas: allowed 200/302, others 403, other initiatives 404."""

import pytest
from django.urls import reverse

from agenda import services
from agenda.models import AgendaVersion, Endorsement, Goal, SectionComment, VersionState
from tests.agenda.factories import draft_of_next
from tests.personas import PERSONAS, check, login_as

MEMBERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
STAFF = {"backbone", "superuser"}


def expected(persona, allowed, *, ok=200, denied=403):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return ok if persona in allowed else denied


def url(name, world, *args):
    return reverse(f"agenda:{name}", args=[world.initiative.slug, *args])


@pytest.fixture
def open_draft(world, adopted):
    draft = draft_of_next(world)
    return services.version_open_for_comment(user=world.backbone, version=draft)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "page, args, allowed",
    [
        ("agenda", [], MEMBERS),
        ("version_list", [], MEMBERS),
        ("version_detail", [1], MEMBERS),
        ("version_detail", [2], MEMBERS),
        ("print", [1], MEMBERS),
        ("editor", [], STAFF),
    ],
)
def test_pages(client, world, open_draft, persona, page, args, allowed):
    login_as(client, world, persona)
    check(client.get(url(page, world, *args)), expected(persona, allowed))


@pytest.mark.parametrize("persona", PERSONAS)
def test_compare(client, world, open_draft, persona):
    login_as(client, world, persona)
    response = client.get(url("compare", world), {"old": 1, "new": 2})
    check(response, expected(persona, MEMBERS))
    if response.status_code == 200:
        assert "Goal 0" in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_adopt(client, world, open_draft, persona):
    login_as(client, world, persona)
    response = client.post(url("draft_adopt", world))
    check(response, expected(persona, STAFF, ok=302))
    adopted = AgendaVersion.objects.get(number=2).state == VersionState.ADOPTED
    assert adopted is (persona in STAFF)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_staff_add_goals(client, world, open_draft, persona):
    login_as(client, world, persona)
    response = client.post(url("goal_create", world), {"new-goal-title": "Labs"})
    check(response, expected(persona, STAFF, ok=302))
    assert Goal.objects.filter(title="Labs").exists() is (persona in STAFF)


@pytest.mark.parametrize("persona", PERSONAS)
def test_members_who_take_part_comment(client, world, open_draft, persona):
    login_as(client, world, persona)
    response = client.post(url("comment", world, 2), {"section": "vision", "text": "Yes"})
    allowed = {"backbone", "partner", "facilitator", "superuser"}
    check(response, expected(persona, allowed, ok=302))
    assert SectionComment.objects.exists() is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_partner_endorses(client, world, adopted, persona):
    login_as(client, world, persona)
    response = client.post(url("endorse", world), {"decision": "endorsed"})
    check(response, expected(persona, {"partner"}, ok=302))
    assert Endorsement.objects.filter(organization=world.partner_org).exists() is (
        persona == "partner"
    )


def test_the_agenda_page_shows_who_endorsed_and_the_share(client, world, adopted):
    services.endorsement_save(
        user=world.partner, version=adopted, decision="declined", reason="Too broad"
    )
    client.force_login(world.viewer)
    response = client.get(url("agenda", world))
    assert "Too broad" in response.text
    assert "<strong>0</strong> of 3 participating organizations" in response.text
    assert "Every student who can excel" in response.text


def test_another_initiatives_objects_are_404(client, world, adopted):
    goal = Goal.objects.get()
    client.force_login(world.other_partner)
    other = world.other_initiative.slug
    assert client.get(reverse("agenda:version_detail", args=[other, 1])).status_code == 404
    client.force_login(world.backbone)
    # The backbone of `initiative` reaches a goal of it only through its own initiative.
    services.version_draft_start(user=world.superuser, initiative=world.other_initiative)
    response = client.post(
        reverse("agenda:goal_edit", args=[other, goal.pk]), {f"goal-{goal.pk}-title": "X"}
    )
    assert response.status_code == 404
    world.other_initiative.memberships.create(user=world.backbone, role="backbone_staff")
    response = client.post(
        reverse("agenda:goal_edit", args=[other, goal.pk]), {f"goal-{goal.pk}-title": "X"}
    )
    assert response.status_code == 404
    assert Goal.objects.get().title == "Goal 0"


def test_a_partner_sees_the_endorsement_form_others_do_not(client, world, adopted):
    client.force_login(world.partner)
    assert 'name="decision"' in client.get(url("agenda", world)).text
    client.force_login(world.backbone)
    assert 'name="decision"' not in client.get(url("agenda", world)).text
