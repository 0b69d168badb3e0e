"""The life of a version: drafted, opened, adopted, superseded; endorsements per version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from agenda import selectors, services
from agenda.models import AgendaVersion, Endorsement, Goal, VersionState
from tests.agenda.factories import adopted_agenda, draft_of_next


def test_adopting_freezes_a_snapshot_with_ids(world):
    version = adopted_agenda(world, goals=2, strategies=2)
    goals = list(Goal.objects.filter(initiative=world.initiative))
    assert version.state == VersionState.ADOPTED
    assert version.adopted_by == world.backbone
    assert [g["id"] for g in version.snapshot["goals"]] == [g.pk for g in goals]
    assert len(version.snapshot["goals"][0]["strategies"]) == 2
    assert version.snapshot["sections"]["vision"].startswith("Every student")


def test_an_adopted_version_cannot_change(world, adopted):
    with pytest.raises(ValidationError):
        services.version_sections_save(user=world.backbone, version=adopted, vision="Other")
    adopted.refresh_from_db()
    assert adopted.vision.startswith("Every student")


def test_goals_cannot_change_without_a_draft(world, adopted):
    goal = Goal.objects.get(initiative=world.initiative)
    with pytest.raises(ValidationError):
        services.goal_save(user=world.backbone, initiative=world.initiative, goal=goal, title="X")
    assert Goal.objects.get(pk=goal.pk).title == "Goal 0"


def test_editing_the_next_draft_leaves_the_adopted_snapshot_as_it_was(world, adopted):
    draft = draft_of_next(world)
    goal = Goal.objects.get(initiative=world.initiative)
    services.goal_save(user=world.backbone, initiative=world.initiative, goal=goal, title="New")
    services.goal_retire(user=world.backbone, goal=goal)
    adopted.refresh_from_db()
    assert adopted.snapshot["goals"][0]["title"] == "Goal 0"
    assert draft.vision == adopted.vision  # the draft starts from the adopted text
    assert Goal.objects.filter(pk=goal.pk, retired=True).exists()  # retired, never deleted


def test_adopting_supersedes_the_earlier_version(world, adopted):
    draft = draft_of_next(world)
    services.goal_save(user=world.backbone, initiative=world.initiative, title="Second goal")
    draft = services.version_adopt(user=world.backbone, version=draft)
    adopted.refresh_from_db()
    assert adopted.state == VersionState.SUPERSEDED
    assert selectors.agenda_for(initiative=world.initiative).adopted == draft
    assert len(draft.snapshot["goals"]) == 2 and len(adopted.snapshot["goals"]) == 1


def test_one_draft_at_a_time(world, adopted):
    draft_of_next(world)
    with pytest.raises(ValidationError):
        draft_of_next(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaVersion.objects.create(initiative=world.initiative, number=9)


def test_adopting_needs_a_vision_and_a_goal(world):
    version = services.version_draft_start(user=world.backbone, initiative=world.initiative)
    with pytest.raises(ValidationError) as error:
        services.version_adopt(user=world.backbone, version=version)
    assert "vision" in error.value.message_dict
    version.refresh_from_db()
    assert version.state == VersionState.DRAFT


def test_only_managers_write_the_agenda(world):
    for user in (world.partner, world.facilitator, world.viewer, world.other_partner):
        with pytest.raises(PermissionDenied):
            services.version_draft_start(user=user, initiative=world.initiative)
    assert not AgendaVersion.objects.exists()


def test_comments_only_while_open(world, adopted):
    draft = draft_of_next(world)
    with pytest.raises(ValidationError):
        services.comment_add(user=world.partner, version=draft, section="vision", text="Hm")
    services.version_open_for_comment(user=world.backbone, version=draft)
    comment = services.comment_add(
        user=world.partner, version=draft, section="vision", text="Say 'every student'"
    )
    assert comment.organization == world.partner_org
    with pytest.raises(ValidationError) as error:
        services.comment_add(user=world.partner, version=draft, section="goal:999", text="x")
    assert "section" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.comment_add(user=world.viewer, version=draft, section="vision", text="x")
    services.version_adopt(user=world.backbone, version=draft)
    assert [c.text for c in draft.comments.all()] == ["Say 'every student'"]  # kept


def test_endorsements_belong_to_a_version(world, adopted):
    services.endorsement_save(user=world.partner, version=adopted, decision="endorsed")
    assert selectors.endorsement_share(initiative=world.initiative) == (1, 3)
    draft = draft_of_next(world)
    with pytest.raises(ValidationError):
        services.endorsement_save(user=world.partner, version=draft, decision="endorsed")
    services.version_adopt(user=world.backbone, version=draft)
    # A new adopted version asks every organization again; the old decision stays with v1.
    assert selectors.endorsement_share(initiative=world.initiative) == (0, 3)
    assert Endorsement.objects.get().version == adopted


def test_declining_needs_a_reason_and_only_partners_endorse(world, adopted):
    with pytest.raises(ValidationError) as error:
        services.endorsement_save(user=world.partner, version=adopted, decision="declined")
    assert "reason" in error.value.message_dict
    for user in (world.backbone, world.viewer, world.facilitator, world.superuser):
        with pytest.raises(PermissionDenied):
            services.endorsement_save(user=user, version=adopted, decision="endorsed")
    services.endorsement_save(
        user=world.partner, version=adopted, decision="declined", reason="Too broad"
    )
    services.endorsement_save(user=world.partner, version=adopted, decision="endorsed")
    assert Endorsement.objects.get().decision == "endorsed"  # replaced, not duplicated


def test_a_goal_cannot_be_part_of_itself(world, adopted):
    draft_of_next(world)
    parent = Goal.objects.get()
    child = services.goal_save(
        user=world.backbone, initiative=world.initiative, title="Child", parent=parent
    )
    with pytest.raises(ValidationError):
        services.goal_save(
            user=world.backbone, initiative=world.initiative, goal=parent, title="P", parent=child
        )
    assert Goal.objects.get(pk=parent.pk).parent is None


def test_moving_goals_reorders_them(world, adopted):
    draft_of_next(world)
    second = services.goal_save(user=world.backbone, initiative=world.initiative, title="Two")
    services.goal_move(user=world.backbone, goal=second, step=-1)
    assert list(Goal.objects.values_list("title", flat=True)) == ["Two", "Goal 0"]
