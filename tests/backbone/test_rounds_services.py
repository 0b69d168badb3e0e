"""Rounds through their services: prepared, opened (the respondents fixed then), closed by a
manager or by the scheduler; who may; what is refused at which field."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from backbone.models import AssessmentRound, Response, ResponseState, RoundState
from backbone.selectors.rounds import respondents_for
from backbone.services import rounds as services
from initiatives.models import Participation, Role
from tests.backbone import round_factories as f
from tests.initiatives.factories import (
    InitiativeFactory,
    OrganizationFactory,
    ParticipationFactory,
)
from tests.personas import member

TODAY = timezone.localdate


def test_staff_prepare_a_round_in_draft(world):
    made = f.round(world, title="  Spring\u202e  2026 ")
    assert made.state == RoundState.DRAFT and made.title == "Spring 2026"
    assert made.anonymous is True and made.created_by == world.backbone


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "outsider"])
def test_others_cannot_prepare_a_round(world, persona):
    with pytest.raises(PermissionDenied):
        services.round_create(
            initiative=world.initiative,
            template=f.template(),
            title="x",
            opens_on=TODAY(),
            closes_on=TODAY(),
            by=getattr(world, persona),
        )


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_bad_input_is_refused_at_the_field(world):
    other = f.template(key="theirs", initiative=world.other_initiative)
    errors = _errors(
        lambda: services.round_create(
            initiative=world.initiative,
            template=other,
            title="  ",
            opens_on=TODAY(),
            closes_on=TODAY() - timedelta(days=1),
            by=world.backbone,
        )
    )
    assert set(errors) == {"template", "title", "closes_on"}
    assert "cannot close before it opens" in errors["closes_on"][0]
    errors = _errors(
        lambda: services.round_create(
            initiative=world.initiative,
            template=None,
            title="Fine",
            opens_on="soon",
            closes_on=None,
            by=world.backbone,
        )
    )
    assert set(errors) == {"template", "opens_on", "closes_on"}
    errors = _errors(lambda: f.round(world, title="a\x00b"))
    assert set(errors) == {"title"}
    assert AssessmentRound.objects.count() == 0


def test_an_initiatives_own_copy_may_be_used(world):
    own = f.template(key="ours", initiative=world.initiative)
    assert f.round(world, own).template == own


def test_respondents_are_partners_of_participating_organizations_and_staff(world):
    gone = member("gone@example.org", Role.PARTNER, world.initiative, world.second_org)
    Participation.objects.filter(initiative=world.initiative, organization=world.second_org).update(
        left_on=TODAY()
    )
    inactive = member("inactive@example.org", Role.BACKBONE_STAFF, world.initiative)
    inactive.is_active = False
    inactive.save()
    found = dict(respondents_for(world.initiative))
    assert found == {
        world.backbone.pk: world.initiative.backbone_id,
        world.partner.pk: world.partner_org.pk,
    }
    assert gone.pk not in found


def test_in_a_sphere_the_facilitator_answers(world):
    sphere = InitiativeFactory(kind="sphere", backbone=None, slug="sphere")
    org = OrganizationFactory(sector="nonprofit")
    ParticipationFactory(initiative=sphere, organization=org)
    rep = member("rep@example.org", Role.PARTNER, sphere, org)
    facilitator = member("fac@example.org", Role.FACILITATOR, sphere)
    assert dict(respondents_for(sphere)) == {rep.pk: org.pk, facilitator.pk: None}


def test_respondents_in_one_query(world, django_assert_num_queries):
    for n in range(5):
        member(f"p{n}@example.org", Role.PARTNER, world.initiative, world.partner_org)
    with django_assert_num_queries(1):
        assert len(respondents_for(world.initiative)) == 7


def test_opening_fixes_the_respondents(world, django_assert_max_num_queries):
    made = f.round(world)
    with django_assert_max_num_queries(8):
        opened = services.round_open(round=made, by=world.backbone)
    assert opened.state == RoundState.OPEN and opened.opened_at is not None
    rows = Response.objects.filter(round=made).values_list(
        "respondent_id", "organization_id", "state"
    )
    assert sorted(rows) == sorted(
        [
            (world.backbone.pk, world.initiative.backbone_id, ResponseState.NOT_STARTED),
            (world.partner.pk, world.partner_org.pk, ResponseState.NOT_STARTED),
        ]
    )


def test_opening_twice_is_refused_and_adds_no_one(world):
    made = f.open_round(world)
    with pytest.raises(ValidationError, match="Only a round being prepared"):
        services.round_open(round=made, by=world.backbone)
    assert Response.objects.filter(round=made).count() == 2


def test_a_round_without_benchmarks_or_respondents_does_not_open(world):
    empty = f.round(world, f.template(key="empty", benchmarks=0))
    with pytest.raises(ValidationError, match="no benchmark"):
        services.round_open(round=empty, by=world.backbone)
    lonely = InitiativeFactory(slug="lonely")  # no member: no one to answer
    made = services.round_create(
        initiative=lonely,
        template=f.template(key="lonely"),
        title="x",
        opens_on=TODAY(),
        closes_on=TODAY(),
        by=world.superuser,
    )
    with pytest.raises(ValidationError, match="No one would answer"):
        services.round_open(round=made, by=world.superuser)
    assert AssessmentRound.objects.get(pk=made.pk).state == RoundState.DRAFT


def test_a_round_whose_closing_date_passed_does_not_open(world):
    made = f.round(world, opens_on=TODAY() - timedelta(days=10), days=5)
    errors = _errors(lambda: services.round_open(round=made, by=world.backbone))
    assert "closing date has passed" in errors["closes_on"][0]


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "outsider"])
def test_only_managers_open_and_close(world, persona):
    made = f.round(world)
    with pytest.raises(PermissionDenied):
        services.round_open(round=made, by=getattr(world, persona))
    services.round_open(round=made, by=world.backbone)
    with pytest.raises(PermissionDenied):
        services.round_close(round=made, by=getattr(world, persona))


def test_an_open_round_changes_only_its_title_and_closing_date(world):
    made = f.open_round(world)
    errors = _errors(
        lambda: services.round_update(
            round=made, anonymous=False, template=f.template(key="t2"), by=world.backbone
        )
    )
    assert set(errors) == {"anonymous", "template"}
    errors = _errors(
        lambda: services.round_update(
            round=made, closes_on=TODAY() - timedelta(days=1), by=world.backbone
        )
    )
    assert "before today" in errors["closes_on"][0] or "before it opens" in errors["closes_on"][0]
    changed = services.round_update(
        round=made, title="Later", closes_on=TODAY() + timedelta(days=30), by=world.backbone
    )
    assert changed.title == "Later" and changed.state == RoundState.OPEN
    # Passing the unchanged value of a frozen field is not a change.
    services.round_update(round=made, anonymous=True, by=world.backbone)


def test_a_closed_round_stays(world):
    made = services.round_close(round=f.open_round(world), by=world.backbone)
    assert made.state == RoundState.CLOSED and made.closed_at is not None
    with pytest.raises(ValidationError, match="closed round cannot be changed"):
        services.round_update(round=made, title="x", by=world.backbone)
    with pytest.raises(ValidationError, match="Only an open round"):
        services.round_close(round=made, by=world.backbone)


def test_a_draft_round_changes_anything(world):
    made = f.round(world)
    other = f.template(key="t2")
    changed = services.round_update(
        round=made, template=other, anonymous=False, opens_on=TODAY(), by=world.backbone
    )
    assert changed.template == other and changed.anonymous is False


def test_the_scheduler_closes_rounds_past_their_date_once(world):
    due = f.open_round(world, title="due", days=1)
    later = f.open_round(world, title="later", days=5)
    draft = f.round(world, title="draft", days=0)
    tomorrow2 = TODAY() + timedelta(days=2)
    assert services.rounds_close_due(tomorrow2) == 1
    assert services.rounds_close_due(tomorrow2) == 0  # idempotent
    states = dict(AssessmentRound.objects.values_list("pk", "state"))
    assert states == {
        due.pk: RoundState.CLOSED,
        later.pk: RoundState.OPEN,
        draft.pk: RoundState.DRAFT,
    }
    assert AssessmentRound.objects.get(pk=due.pk).closed_at is not None


def test_the_scheduler_skips_a_round_closed_meanwhile(world):
    due = f.open_round(world, days=1)
    stale = AssessmentRound.objects.get(pk=due.pk)
    services.round_close(round=due, by=world.backbone)
    closed_at = AssessmentRound.objects.get(pk=due.pk).closed_at
    assert services._close(stale.pk, now=timezone.now()) is None
    assert services.rounds_close_due(TODAY() + timedelta(days=5)) == 0
    assert AssessmentRound.objects.get(pk=due.pk).closed_at == closed_at


def test_close_due_query_count_is_flat(world, django_assert_max_num_queries):
    for n in range(3):
        f.open_round(world, title=f"r{n}", days=1)
    with django_assert_max_num_queries(1 + 3 * 4):
        assert services.rounds_close_due(TODAY() + timedelta(days=3)) == 3
