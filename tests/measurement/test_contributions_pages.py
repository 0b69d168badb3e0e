"""A child initiative's indicator adds to its parent's: the settings in indicator_save (one
write path for the page, the admin and the demo), the form, the API, the breakdown by child
initiative on the parent's indicator page and "adds to" on the child's."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from initiatives.models import Role
from initiatives.services import initiative_set_parent
from measurement import services
from measurement.admin import IndicatorAdminForm
from measurement.forms import IndicatorForm
from measurement.models import Indicator, RollupRequest, SubmissionState
from measurement.selectors.contributions import own_figures
from measurement.services.rollups import rollup_compute
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
)
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report
from tests.measurement.test_query_counts import queries

Q2 = {"start": date(2026, 4, 1), "end": date(2026, 6, 30), "due_date": date(2026, 7, 31)}


@pytest.fixture
def tree(world):
    """National (the parent, managed by the child's backbone too) > STEM (world.initiative)."""
    national = InitiativeFactory(name="National network", slug="national")
    MembershipFactory(user=world.backbone, initiative=national, role=Role.BACKBONE_STAFF)
    initiative_set_parent(initiative=world.initiative, parent=national, user=world.backbone)
    world.initiative.refresh_from_db()
    target = IndicatorFactory(initiative=national, code="N1", unit="students")
    return national, target


def save(indicator, organizations=()):
    return services.indicator_save(indicator=indicator, organizations=organizations, dimensions=[])


def child_of(world, target, **fields):
    return Indicator(
        initiative=world.initiative,
        code=fields.pop("code", "C1"),
        name="Chapter's students",
        value_type=fields.pop("value_type", "count"),
        aggregation=fields.pop("aggregation", "sum"),
        frequency=fields.pop("frequency", "quarterly"),
        unit=fields.pop("unit", "Students"),
        contributes_to=target,
        **fields,
    )


# --- the rules, in indicator_save -----------------------------------------------------------


def test_an_indicator_adds_to_a_fitting_indicator_of_the_parent(world, tree):
    national, target = tree
    period = PeriodFactory(initiative=national)
    saved = save(child_of(world, target))  # "Students" and "students": the same unit
    assert saved.contributes_to == target and saved.contribution_active
    assert RollupRequest.objects.filter(indicator=target, period=period).exists()


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"value_type": "amount"}, "value type"),
        ({"unit": "graduates"}, "unit"),
        ({"frequency": "yearly"}, "frequency"),
        ({"cumulative": True}, "running total"),
    ],
)
def test_a_misfit_is_refused_with_the_reason_at_the_field(world, tree, fields, reason):
    _national, target = tree
    with pytest.raises(ValidationError) as refused:
        save(child_of(world, target, **fields))
    assert reason in refused.value.message_dict["contributes_to"][0]
    assert not Indicator.objects.filter(initiative=world.initiative).exists()


def test_an_indicator_of_another_initiative_than_the_parent_is_refused(world, tree):
    elsewhere = IndicatorFactory(initiative=world.other_initiative, unit="students")
    with pytest.raises(ValidationError) as refused:
        save(child_of(world, elsewhere))
    assert "parent initiative" in refused.value.message_dict["contributes_to"][0]


def test_without_a_parent_nothing_can_be_added_to(world, tree):
    _national, target = tree
    initiative_set_parent(initiative=world.initiative, parent=None, user=world.backbone)
    with pytest.raises(ValidationError) as refused:
        save(child_of(world, target))
    assert "set its parent" in refused.value.message_dict["contributes_to"][0]


def test_a_weighted_average_needs_weights_from_its_children(world, tree):
    national, _target = tree
    weighted = IndicatorFactory(initiative=national, aggregation="weighted_average")
    with pytest.raises(ValidationError) as refused:
        save(child_of(world, weighted, unit="", aggregation="average"))
    assert "weighted average" in refused.value.message_dict["contributes_to"][0]


def test_an_inactive_indicator_of_the_parent_is_not_chosen_anew(world, tree):
    _national, target = tree
    Indicator.objects.filter(pk=target.pk).update(is_active=False)
    target.refresh_from_db()
    with pytest.raises(ValidationError):
        save(child_of(world, target))


def test_the_parent_indicator_keeps_fitting_its_contributions(world, tree):
    _national, target = tree
    save(child_of(world, target))
    target.unit = "graduates"
    with pytest.raises(ValidationError) as refused:
        save(target)
    assert "detach" in refused.value.message_dict["unit"][0]
    target.refresh_from_db()
    target.value_type = "amount"
    with pytest.raises(ValidationError) as refused:
        save(target)
    assert "value_type" in refused.value.message_dict


def test_switching_cumulative_on_with_values_recomputes_both_levels(world, tree):
    national, target = tree
    parent_period = PeriodFactory(initiative=national)
    period = PeriodFactory(initiative=world.initiative)
    child = save(child_of(world, target), [world.partner_org])
    report(
        child, world.partner_org, period, partner=world.partner, reviewer=world.backbone, value=4
    )
    RollupRequest.objects.all().delete()
    # The parent's indicator first (its children follow), then the child, which must match.
    target.cumulative, target.time_aggregation = True, ""
    save(target)
    child.cumulative = True
    child.time_aggregation = ""
    save(child, [world.partner_org])
    child.refresh_from_db()
    assert child.cumulative and child.time_aggregation == "last"
    assert RollupRequest.objects.filter(indicator=child, period=period).exists()
    assert RollupRequest.objects.filter(indicator=target, period=parent_period).exists()


def test_moving_a_contribution_recomputes_the_old_and_the_new_parent_indicator(world, tree):
    national, target = tree
    period = PeriodFactory(initiative=national)
    other = IndicatorFactory(initiative=national, code="N2", unit="students")
    child = save(child_of(world, target))
    RollupRequest.objects.all().delete()
    child.contributes_to = other
    save(child)
    assert RollupRequest.objects.filter(indicator=target, period=period).exists()
    assert RollupRequest.objects.filter(indicator=other, period=period).exists()


# --- the form and the admin ---------------------------------------------------------------------


def test_the_form_offers_the_parents_active_indicators_named_with_the_parent(world, tree):
    national, target = tree
    IndicatorFactory(initiative=national, code="OLD", is_active=False)
    IndicatorFactory(initiative=world.other_initiative, code="ELSE")
    form = IndicatorForm(
        instance=Indicator(initiative=world.initiative),
        initiative=world.initiative,
        organizations=world.initiative.participations.none(),
    )
    field = form.fields["contributes_to"]
    assert list(field.queryset) == [target]
    assert national.name in field.label_from_instance(target)
    assert "contribution_active" in form.fields
    assert form.fields["time_aggregation"].choices[0][0] == ""


def test_without_a_parent_the_form_has_no_contribution_fields(world):
    form = IndicatorForm(
        instance=Indicator(initiative=world.initiative),
        initiative=world.initiative,
        organizations=world.initiative.participations.none(),
    )
    assert "contributes_to" not in form.fields
    assert "contribution_active" not in form.fields
    assert "cumulative" in form.fields and "time_aggregation" in form.fields


def test_a_default_time_rule_shows_as_the_default(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    assert indicator.time_aggregation == "sum"
    form = IndicatorForm(
        instance=indicator,
        initiative=world.initiative,
        organizations=world.initiative.participations.none(),
    )
    assert form.initial["time_aggregation"] == ""


def indicator_post(target, **changes):
    data = {
        "code": "C9",
        "name": "Chapter's students",
        "kind": "how_much",
        "value_type": "count",
        "aggregation": "sum",
        "time_aggregation": "",
        "direction": "increase",
        "frequency": "quarterly",
        "decimals": 0,
        "unit": "students",
        "outlier_factor": "3",
        "contributes_to": target.pk,
        "contribution_active": "on",
        "is_active": "on",
    }
    return data | changes


def test_the_page_refuses_a_misfit_at_the_field(client, world, tree):
    _national, target = tree
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_create", args=[world.initiative.slug])
    response = client.post(url, indicator_post(target, value_type="amount"))
    assert response.status_code == 400
    assert "value type" in response.context["form"].errors["contributes_to"][0]
    assert not Indicator.objects.filter(code="C9").exists()


def test_the_page_saves_a_contribution_and_its_settings(client, world, tree):
    _national, target = tree
    target.cumulative, target.time_aggregation = True, ""
    save(target)
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_create", args=[world.initiative.slug])
    response = client.post(url, indicator_post(target, cumulative="on"))
    assert response.status_code == 302, response.context["form"].errors
    saved = Indicator.objects.get(code="C9")
    assert saved.contributes_to == target and saved.cumulative
    assert saved.time_aggregation == "last"


def test_the_admin_form_refuses_a_misfit_at_the_field(world, tree):
    _national, target = tree
    data = indicator_post(target, value_type="amount") | {"initiative": world.initiative.pk}
    form = IndicatorAdminForm(data=data)
    assert not form.is_valid()
    assert "value type" in form.errors["contributes_to"][0]


# --- the API -------------------------------------------------------------------------------------


def test_the_api_shows_the_settings(world, tree):
    _national, target = tree
    target.cumulative, target.time_aggregation = True, ""
    save(target)
    child = save(child_of(world, target, cumulative=True))
    client = APIClient()
    client.force_authenticate(world.backbone)
    response = client.get(f"/api/v1/indicators/{child.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["cumulative"] is True
    assert body["time_aggregation"] == "last"
    assert body["contributes_to"] == target.pk
    assert body["contribution_active"] is True


# --- the figures of the parent's own organizations (hand-computed) -------------------------------


@pytest.fixture
def own(world, tree):
    """The parent's own organizations A and B, with Q1 and Q2."""
    national, _target = tree
    a, b = OrganizationFactory(name="Alef"), OrganizationFactory(name="Bet")
    for organization in (a, b):
        ParticipationFactory(initiative=national, organization=organization)
    q1 = PeriodFactory(initiative=national)
    q2 = PeriodFactory(initiative=national, **Q2)
    return national, a, b, q1, q2


def enter(indicator, organization, period, world, **entered):
    report(indicator, organization, period, partner=world.superuser, **entered)


@pytest.mark.parametrize(
    "aggregation, expected_q1",
    [("sum", Decimal(15)), ("average", Decimal("7.5")), ("min", Decimal(5)), ("max", Decimal(10))],
)
def test_own_figures_follow_the_rule_across_organizations(world, own, aggregation, expected_q1):
    national, a, b, q1, q2 = own
    indicator = IndicatorFactory(initiative=national, aggregation=aggregation)
    assign(indicator, a, b)
    enter(indicator, a, q1, world, value=10)
    enter(indicator, b, q1, world, value=5)
    enter(indicator, a, q2, world, value=20)
    figures = own_figures(indicator=indicator, periods=[q1, q2])
    assert figures[q1.pk].value == expected_q1
    assert (figures[q1.pk].contributing, figures[q1.pk].expected) == (2, 2)
    assert figures[q2.pk].value == 20 and figures[q2.pk].contributing == 1


def test_own_figures_of_a_cumulative_indicator_carry_the_latest_value_forward(world, own):
    national, a, b, q1, q2 = own
    indicator = IndicatorFactory(
        initiative=national, cumulative=True, time_aggregation="last", aggregation="sum"
    )
    assign(indicator, a, b)
    enter(indicator, a, q1, world, value=10)
    enter(indicator, b, q1, world, value=5)
    enter(indicator, a, q2, world, value=25)
    figures = own_figures(indicator=indicator, periods=[q1, q2])
    assert figures[q1.pk].value == 15
    assert figures[q2.pk].value == 30  # 25 of A, 5 of B carried from Q1
    assert figures[q2.pk].contributing == 2


def test_own_figures_of_a_percentage_are_a_ratio_of_sums(world, own):
    national, a, b, q1, _q2 = own
    indicator = IndicatorFactory(
        initiative=national, value_type="percentage", aggregation="ratio_of_sums"
    )
    assign(indicator, a, b)
    enter(indicator, a, q1, world, numerator=3, denominator=4)
    enter(indicator, b, q1, world, numerator=1, denominator=4)
    assert own_figures(indicator=indicator, periods=[q1])[q1.pk].value == 50


def test_own_figures_of_a_weighted_average(world, own):
    national, a, b, q1, _q2 = own
    indicator = IndicatorFactory(initiative=national, aggregation="weighted_average")
    assign(indicator, a, b)
    enter(indicator, a, q1, world, value=10, weight=1)
    enter(indicator, b, q1, world, value=4, weight=3)
    assert own_figures(indicator=indicator, periods=[q1])[q1.pk].value == Decimal("5.5")


def test_a_value_not_approved_is_not_in_the_own_figure(world, own):
    national, a, b, q1, _q2 = own
    indicator = IndicatorFactory(initiative=national)
    assign(indicator, a, b)
    enter(indicator, a, q1, world, value=10)
    enter(indicator, b, q1, world, value=5, state=SubmissionState.SUBMITTED)
    assert own_figures(indicator=indicator, periods=[q1])[q1.pk].value == 10


# --- the pages -------------------------------------------------------------------------------


@pytest.fixture
def breakdown(world, tree, own):
    """N1 of National: A reports 10 in Q1; STEM's C1 adds to it (partner_org reports 4);
    a second chapter's C2 adds too, switched off, and nobody there is a member."""
    _n, a, _b, q1, _q2 = own
    national, target = tree
    assign(target, a)
    enter(target, a, q1, world, value=10)
    stem_q1 = PeriodFactory(initiative=world.initiative)
    child = save(child_of(world, target), [world.partner_org])
    report(
        child, world.partner_org, stem_q1, partner=world.partner, reviewer=world.backbone, value=4
    )
    north = InitiativeFactory(name="Northern chapter", slug="north", parent=national)
    PeriodFactory(initiative=north)
    hidden = IndicatorFactory(
        initiative=north,
        code="C2",
        unit="students",
        contributes_to=target,
        contribution_active=False,
    )
    rollup_compute()
    return target, child, hidden, north


def test_the_parents_indicator_page_breaks_the_figure_down_by_child(client, world, breakdown):
    target, child, hidden, north = breakdown
    client.force_login(world.backbone)
    response = client.get(
        reverse("measurement:indicator_detail", args=[target.initiative.slug, target.pk])
    )
    assert response.status_code == 200
    section = response.context["contributions"]
    assert [c.pk for c in section["children"]] == [hidden.pk, child.pk]  # by initiative name
    q1 = section["rows"][0]
    assert q1["own"].value == 10 and (q1["own"].contributing, q1["own"].expected) == (1, 1)
    hidden_figure, child_figure = q1["figures"]
    assert child_figure.value == 4 and hidden_figure.contributing == 0
    text = response.text
    assert 'id="contributions"' in text
    assert world.initiative.name in text and north.name in text
    assert reverse("measurement:indicator_detail", args=[world.initiative.slug, child.pk]) in text
    assert reverse("measurement:indicator_detail", args=[north.slug, hidden.pk]) not in text
    assert "switched off" in text
    assert "its own child initiatives" in text


def test_a_page_without_contributions_has_no_breakdown(client, world, measured):
    client.force_login(world.backbone)
    url = reverse(
        "measurement:indicator_detail", args=[world.initiative.slug, measured.indicator.pk]
    )
    response = client.get(url)
    assert response.context["contributions"] is None and response.context["adds_to"] is None
    assert 'id="contributions"' not in response.text and 'id="adds-to"' not in response.text


def test_the_childs_page_says_what_it_adds_to(client, world, breakdown):
    target, child, _hidden, _north = breakdown
    url = reverse("measurement:indicator_detail", args=[world.initiative.slug, child.pk])
    target_url = reverse("measurement:indicator_detail", args=[target.initiative.slug, target.pk])
    client.force_login(world.backbone)  # also backbone staff of the parent
    text = client.get(url).text
    assert 'id="adds-to"' in text and target_url in text and target.name in text
    client.force_login(world.partner)  # not a member of the parent: its name, no link
    text = client.get(url).text
    assert target.name in text and target_url not in text


def test_a_switched_off_contribution_says_so_on_the_childs_page(client, world, breakdown):
    _target, _child, hidden, north = breakdown
    client.force_login(world.superuser)
    text = client.get(reverse("measurement:indicator_detail", args=[north.slug, hidden.pk])).text
    assert "switched off" in text


def test_the_breakdown_answers_in_a_flat_number_of_queries(client, world, breakdown):
    target, _child, _hidden, _north = breakdown
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_detail", args=[target.initiative.slug, target.pk])
    small = queries(client, url)
    national = target.initiative
    for n in range(3):
        chapter = InitiativeFactory(name=f"Chapter {n}", slug=f"chapter-{n}", parent=national)
        MembershipFactory(user=world.backbone, initiative=chapter, role=Role.VIEWER)
        PeriodFactory(initiative=chapter)
        PeriodFactory(initiative=chapter, **Q2)
        IndicatorFactory(initiative=chapter, unit="students", contributes_to=target)
    PeriodFactory(
        initiative=national,
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        due_date=date(2026, 10, 31),
    )
    rollup_compute()
    assert queries(client, url) == small
