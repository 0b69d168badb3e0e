"""Initiatives inside initiatives: setting the parent (the service, the page, the admin), the
parent's consent, and the contributions measurement detaches when the parent changes."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.models import Initiative, Role
from initiatives.services import initiative_set_parent
from measurement.models import RollupRequest
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, SphereFactory
from tests.measurement.factories import IndicatorFactory, PeriodFactory
from tests.measurement.test_query_counts import queries
from tests.personas import PERSONAS, check, login_as, member


@pytest.fixture
def national(world):
    """A national initiative; the child's backbone staff manage it too (its consent)."""
    parent = InitiativeFactory(name="National network", slug="national")
    MembershipFactory(user=world.backbone, initiative=parent, role=Role.BACKBONE_STAFF)
    return parent


def test_backbone_staff_place_the_initiative_inside_one_they_also_manage(world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    assert Initiative.objects.get(pk=world.initiative.pk).parent == national


def test_a_parent_that_did_not_consent_is_refused_at_the_field(world):
    stranger = InitiativeFactory(name="Someone else's", slug="else")
    with pytest.raises(ValidationError) as refused:
        initiative_set_parent(initiative=world.initiative, parent=stranger, user=world.backbone)
    assert "also manage" in refused.value.message_dict["parent"][0]
    assert Initiative.objects.get(pk=world.initiative.pk).parent is None


def test_a_superuser_may_choose_any_collective_impact_parent(world):
    stranger = InitiativeFactory(name="Someone else's", slug="else")
    initiative_set_parent(initiative=world.initiative, parent=stranger, user=world.superuser)
    assert Initiative.objects.get(pk=world.initiative.pk).parent == stranger


def test_a_sphere_cannot_be_a_parent(world):
    sphere = SphereFactory(name="A sphere", slug="sphere")
    with pytest.raises(ValidationError) as refused:
        initiative_set_parent(initiative=world.initiative, parent=sphere, user=world.superuser)
    assert "collective impact" in refused.value.message_dict["parent"][0]
    assert world.initiative.parent_id is None


def test_a_cycle_is_refused_at_the_field(world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    national = Initiative.objects.get(pk=national.pk)
    with pytest.raises(ValidationError) as refused:
        initiative_set_parent(initiative=national, parent=world.initiative, user=world.superuser)
    assert "inside itself" in refused.value.message_dict["parent"][0]


def test_a_grandchild_cannot_become_the_grandparent(world, national):
    top = InitiativeFactory(name="Top", slug="top")
    initiative_set_parent(initiative=national, parent=top, user=world.superuser)
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.superuser)
    with pytest.raises(ValidationError):
        initiative_set_parent(initiative=top, parent=world.initiative, user=world.superuser)


def test_clearing_the_parent_is_allowed(world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    initiative_set_parent(initiative=world.initiative, parent=None, user=world.backbone)
    assert Initiative.objects.get(pk=world.initiative.pk).parent is None


# --- measurement hears of it: contributions that no longer reach the parent are detached ---


@pytest.fixture
def contributing(world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    target = IndicatorFactory(initiative=national, code="N1")
    period = PeriodFactory(initiative=national)
    PeriodFactory(initiative=world.initiative)
    child = IndicatorFactory(initiative=world.initiative, code="C1", contributes_to=target)
    RollupRequest.objects.all().delete()
    return target, child, period


def test_moving_to_another_parent_detaches_and_recomputes_the_old_parents_figures(
    world, contributing
):
    target, child, period = contributing
    other = InitiativeFactory(name="Other network", slug="other-network")
    MembershipFactory(user=world.backbone, initiative=other, role=Role.BACKBONE_STAFF)
    initiative_set_parent(initiative=world.initiative, parent=other, user=world.backbone)
    child.refresh_from_db()
    assert child.contributes_to is None
    assert RollupRequest.objects.filter(indicator=target, period=period).exists()


def test_clearing_the_parent_detaches_the_contributions(world, contributing):
    target, child, period = contributing
    initiative_set_parent(initiative=world.initiative, parent=None, user=world.backbone)
    child.refresh_from_db()
    assert child.contributes_to is None
    assert RollupRequest.objects.filter(indicator=target, period=period).exists()


def test_the_grandparents_figures_are_recomputed_too(world, contributing):
    target, _child, _period = contributing
    top = InitiativeFactory(name="Top", slug="top")
    national = target.initiative
    initiative_set_parent(initiative=national, parent=top, user=world.superuser)
    top_indicator = IndicatorFactory(initiative=top, code="T1")
    top_period = PeriodFactory(initiative=top)
    target.contributes_to = top_indicator
    target.save()
    RollupRequest.objects.all().delete()
    initiative_set_parent(initiative=world.initiative, parent=None, user=world.backbone)
    assert RollupRequest.objects.filter(indicator=top_indicator, period=top_period).exists()
    target.refresh_from_db()
    assert target.contributes_to == top_indicator  # the level above is not the one that moved


def test_saving_the_same_parent_changes_nothing(world, contributing):
    target, child, _period = contributing
    initiative_set_parent(
        initiative=world.initiative, parent=target.initiative, user=world.backbone
    )
    child.refresh_from_db()
    assert child.contributes_to == target
    assert not RollupRequest.objects.exists()


# --- the page: role × action -------------------------------------------------------------

SET_PARENT = {
    "backbone": 302,
    "parent_backbone": 404,  # manages the parent only: the child is not theirs to move
    "partner": 403,
    "other_partner": 404,
    "facilitator": 403,
    "viewer": 403,
    "outsider": 404,
    "superuser": 302,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", [*PERSONAS, "parent_backbone"])
def test_who_may_set_the_parent_on_the_page(client, world, national, persona):
    if persona == "parent_backbone":
        client.force_login(member("pb@example.org", Role.BACKBONE_STAFF, national))
    else:
        login_as(client, world, persona)
    url = reverse("initiatives:set_parent", args=[world.initiative.slug])
    response = client.post(url, {"parent": national.pk})
    check(response, SET_PARENT[persona])
    moved = Initiative.objects.get(pk=world.initiative.pk).parent_id == national.pk
    assert moved is (SET_PARENT[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_parent_form_is_shown_only_to_those_who_may_set_it(client, world, national, persona):
    login_as(client, world, persona)
    response = client.get(reverse("initiatives:detail", args=[world.initiative.slug]))
    if response.status_code != 200:
        return
    url = reverse("initiatives:set_parent", args=[world.initiative.slug])
    assert (url in response.text) is (SET_PARENT[persona] == 302)


def test_a_parent_without_consent_is_not_a_choice_and_a_post_of_it_is_a_400(client, world):
    stranger = InitiativeFactory(name="Someone else's network", slug="else")
    client.force_login(world.backbone)
    page = client.get(reverse("initiatives:detail", args=[world.initiative.slug]))
    assert stranger.name not in page.text
    response = client.post(
        reverse("initiatives:set_parent", args=[world.initiative.slug]), {"parent": stranger.pk}
    )
    assert response.status_code == 400
    assert response.context["parent_form"].errors["parent"]
    assert Initiative.objects.get(pk=world.initiative.pk).parent is None


def test_the_initiative_itself_and_its_children_are_not_choices(client, world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    client.force_login(world.backbone)
    response = client.get(reverse("initiatives:detail", args=[national.slug]))
    choices = list(response.context["parent_form"].fields["parent"].queryset)
    assert national not in choices
    assert world.initiative not in choices


def test_the_parent_can_be_cleared_on_the_page(client, world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    client.force_login(world.backbone)
    response = client.post(reverse("initiatives:set_parent", args=[world.initiative.slug]), {})
    assert response.status_code == 302
    assert Initiative.objects.get(pk=world.initiative.pk).parent is None


# --- the pages name the parent and list the children --------------------------------------


def test_the_parents_page_lists_its_children_linked_only_for_their_members(client, world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    hidden = InitiativeFactory(name="Northern chapter", slug="north", parent=national)
    sphere = SphereFactory(name="Southern sphere", slug="south-sphere", parent=national)
    client.force_login(world.backbone)
    response = client.get(reverse("initiatives:detail", args=[national.slug]))
    text = response.text
    assert reverse("initiatives:detail", args=[world.initiative.slug]) in text
    assert hidden.name in text and sphere.name in text
    assert reverse("initiatives:detail", args=[hidden.slug]) not in text


def test_the_childs_page_links_its_parent_for_a_member_of_it(client, world, national):
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    parent_url = reverse("initiatives:detail", args=[national.slug])
    client.force_login(world.backbone)
    assert (
        parent_url in client.get(reverse("initiatives:detail", args=[world.initiative.slug])).text
    )
    client.force_login(world.partner)  # not a member of the parent: its name, no link
    text = client.get(reverse("initiatives:detail", args=[world.initiative.slug])).text
    assert national.name in text and parent_url not in text


def test_the_initiative_page_query_count_does_not_grow_with_children(client, world, national):
    client.force_login(world.backbone)
    url = reverse("initiatives:detail", args=[national.slug])
    InitiativeFactory(name="Chapter 0", slug="chapter-0", parent=national)
    small = queries(client, url)
    for n in range(1, 6):
        child = InitiativeFactory(name=f"Chapter {n}", slug=f"chapter-{n}", parent=national)
        MembershipFactory(user=world.backbone, initiative=child, role=Role.VIEWER)
    assert queries(client, url) == small


def test_the_admin_sets_the_parent_through_the_service(rf, world, contributing):
    _target, child, _period = contributing
    from django.contrib.admin.sites import site

    request = rf.post("/admin/")
    request.user = world.superuser
    initiative = Initiative.objects.get(pk=world.initiative.pk)
    initiative.parent = None
    site._registry[Initiative].save_model(
        request, initiative, SimpleNamespace(changed_data=["parent"]), change=True
    )
    saved = Initiative.objects.get(pk=world.initiative.pk)
    assert saved.parent is None
    # The phase is not the admin's to change: it moves through backbone's phase change.
    assert "phase" in site._registry[Initiative].get_readonly_fields(request, initiative)
    assert "phase" not in site._registry[Initiative].get_readonly_fields(request, None)
    child.refresh_from_db()
    assert child.contributes_to is None  # measurement heard of it, as from the page
