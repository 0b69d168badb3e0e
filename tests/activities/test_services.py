"""The one write path of activities, and the gaps and overlaps read from them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities import services
from activities.models import Activity, ActivityRole, ActivityStatus
from activities.selectors import MatrixFilters, curve_work, matrix_for
from activities.services import ActivityDraft, RowsInvalid
from tests.activities.factories import activity
from tests.measurement.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def _draft(world, strategy, **kwargs) -> ActivityDraft:
    return ActivityDraft(
        organization=kwargs.pop("organization", world.partner_org),
        strategy=strategy,
        title=kwargs.pop("title", "Math clubs"),
        **kwargs,
    )


def test_partner_adds_an_activity_for_their_organization(world, strategies):
    created = services.activity_create(
        user=world.partner,
        initiative=world.initiative,
        draft=_draft(world, strategies[0], population="  Girls  in grade 10 "),
    )
    assert created.organization == world.partner_org
    assert created.population == "Girls in grade 10"
    assert created.population_key == "girls in grade 10"
    assert created.created_by == world.partner


def test_partner_cannot_add_for_another_organization(world, strategies):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=world.partner,
            initiative=world.initiative,
            draft=_draft(world, strategies[0], organization=world.second_org),
        )
    assert "organization" in error.value.message_dict
    assert not Activity.objects.exists()


def test_viewer_and_facilitator_cannot_add(world, strategies):
    for user in (world.viewer, world.facilitator, world.outsider):
        with pytest.raises(PermissionDenied):
            services.activity_create(
                user=user, initiative=world.initiative, draft=_draft(world, strategies[0])
            )


def test_strategy_and_indicators_of_another_initiative_are_refused(world, strategies):
    foreign = IndicatorFactory(initiative=world.other_initiative)
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=world.backbone,
            initiative=world.initiative,
            draft=_draft(world, None, indicators=[foreign], title="  "),
        )
    assert set(error.value.message_dict) == {"strategy", "indicators", "title"}


def test_an_activity_cannot_end_before_it_starts(world, strategies):
    import datetime

    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=world.backbone,
            initiative=world.initiative,
            draft=_draft(
                world,
                strategies[0],
                starts_on=datetime.date(2026, 5, 1),
                ends_on=datetime.date(2026, 4, 1),
            ),
        )
    assert "ends_on" in error.value.message_dict


def test_a_batch_is_all_or_nothing_with_errors_by_row(world, strategies):
    drafts = [
        _draft(world, strategies[0]),
        _draft(world, strategies[1], role="boss"),
        _draft(world, strategies[2], organization=world.other_org),
    ]
    with pytest.raises(RowsInvalid) as error:
        services.activities_create(user=world.backbone, initiative=world.initiative, drafts=drafts)
    assert set(error.value.rows) == {1, 2}
    assert "role" in error.value.rows[1]
    assert "organization" in error.value.rows[2]
    assert not Activity.objects.exists()


def test_update_changes_only_what_it_names(world, strategies):
    indicator = IndicatorFactory(initiative=world.initiative)
    made = activity(world, strategies[0], indicators=[indicator], geography="Negev")
    services.activity_update(user=world.partner, activity=made, status=ActivityStatus.COMPLETED)
    made.refresh_from_db()
    assert made.status == ActivityStatus.COMPLETED
    assert made.geography == "Negev"
    assert list(made.indicators.all()) == [indicator]


def test_partner_cannot_change_another_organizations_activity(world, strategies):
    theirs = activity(world, strategies[0], organization=world.second_org)
    with pytest.raises(PermissionDenied):
        services.activity_update(user=world.partner, activity=theirs, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.activity_delete(user=world.partner, activity=theirs)


def test_gaps_a_strategy_with_no_active_activity_or_no_lead(world, strategies):
    s0, s1, s2, s3 = strategies
    activity(world, s0, role=ActivityRole.LEAD)  # covered
    activity(world, s1, role=ActivityRole.PARTNER)  # active, no lead
    activity(world, s2, role=ActivityRole.LEAD, status=ActivityStatus.PLANNED)  # nothing active
    matrix = matrix_for(initiative=world.initiative, filters=MatrixFilters())
    rows = {row.strategy: row for row in matrix.rows}
    assert not rows[s0].is_gap
    assert rows[s1].has_no_lead and not rows[s1].has_no_active
    assert rows[s2].has_no_active and not rows[s2].has_no_lead
    assert rows[s3].has_no_active and rows[s3].has_no_lead
    assert [row.strategy for row in matrix.gaps] == [s1, s2, s3]


def test_overlaps_two_leads_for_the_same_strategy_population_and_geography(world, strategies):
    s0, s1 = strategies[:2]
    one = activity(world, s0, role="lead", population="Girls", geography="Negev")
    two = activity(
        world,
        s0,
        organization=world.second_org,
        role="lead",
        population="girls ",
        geography="NEGEV",
    )
    activity(world, s0, organization=world.second_org, role="lead", geography="Galilee")
    activity(world, s1, role="lead", geography="Negev")
    activity(world, s1, organization=world.second_org, role="lead", status="stopped")
    matrix = matrix_for(initiative=world.initiative, filters=MatrixFilters())
    assert len(matrix.overlaps) == 1
    assert matrix.overlaps[0].strategy == s0
    assert {a.pk for a in matrix.overlaps[0].leads} == {one.pk, two.pk}
    rows = {row.strategy: row for row in matrix.rows}
    assert rows[s0].overlapping and not rows[s1].overlapping


def test_matrix_cells_hold_each_organizations_activities(world, strategies):
    made = activity(world, strategies[0], role="lead")
    activity(world, strategies[0], organization=world.second_org, status="completed")
    matrix = matrix_for(
        initiative=world.initiative, filters=MatrixFilters(status=ActivityStatus.ACTIVE)
    )
    columns = list(matrix.organizations)
    assert columns == [world.partner_org]
    assert matrix.rows[0].cells == [[made]]


def test_filters_narrow_the_gaps_to_a_geography(world, strategies):
    activity(world, strategies[0], role="lead", geography="Negev")
    anywhere = matrix_for(initiative=world.initiative, filters=MatrixFilters())
    galilee = matrix_for(initiative=world.initiative, filters=MatrixFilters(geography="galilee"))
    assert strategies[0] not in [row.strategy for row in anywhere.gaps]
    assert strategies[0] in [row.strategy for row in galilee.gaps]


def test_curve_work_lists_current_activities_by_indicator(world, strategies):
    indicator = IndicatorFactory(initiative=world.initiative)
    made = activity(world, strategies[0], indicators=[indicator])
    activity(world, strategies[1], indicators=[indicator], status="stopped")
    work = curve_work(initiative=world.initiative, indicator_ids=[indicator.pk])
    assert work[indicator.pk].activities == [made]
    assert work[indicator.pk].organization_count == 1
