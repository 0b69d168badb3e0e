"""Category rollups are computed only for pairs that have a breakdown (or stale rows to clear),
and skipping them for the others never leaves a category figure behind."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measurement import services
from measurement.models import CategoryRollup, Rollup, Submission
from measurement.services import rollups
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

CATEGORIES_INSERT = "INSERT INTO measurement_categoryrollup"


@pytest.fixture
def period(world):
    return PeriodFactory(initiative=world.initiative)


@pytest.fixture
def gender(world):
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    return [CategoryFactory(dimension=dimension, name=name) for name in ("Women", "Men")]


def indicator_with(world, categories=()):
    indicator = IndicatorFactory(initiative=world.initiative, value_type="count")
    if categories:
        indicator.dimensions.add(categories[0].dimension)
    assign(indicator, world.partner_org)
    return indicator


def approve(world, indicator, period, value, categories=None):
    report(
        indicator,
        world.partner_org,
        period,
        partner=world.backbone,
        reviewer=world.backbone,
        value=value,
        categories=categories,
    )
    rollups.rollup_process_requests()


def statements(captured) -> str:
    return "\n".join(query["sql"] for query in captured.captured_queries)


def category_figures(indicator, period) -> dict[int, tuple]:
    rows = CategoryRollup.objects.filter(indicator=indicator, period=period)
    return {row.category_id: (row.value, row.contributing) for row in rows}


def test_a_pair_without_a_breakdown_runs_no_category_statement(world, period):
    indicator = indicator_with(world)
    approve(world, indicator, period, 7)

    with CaptureQueriesContext(connection) as captured:
        rollups.rollup_compute(pairs=[(indicator.pk, period.pk)])

    assert CATEGORIES_INSERT not in statements(captured)
    assert Rollup.objects.get(indicator=indicator, period=period).value == Decimal(7)


def test_a_pair_with_a_breakdown_still_rolls_up_its_categories(world, period, gender):
    women, men = gender
    indicator = indicator_with(world, gender)
    approve(world, indicator, period, 7, {women: 4, men: 3})

    with CaptureQueriesContext(connection) as captured:
        rollups.rollup_compute(pairs=[(indicator.pk, period.pk)])

    assert CATEGORIES_INSERT in statements(captured)
    assert category_figures(indicator, period) == {women.pk: (4, 1), men.pk: (3, 1)}


def test_removing_the_last_category_value_clears_the_category_rollup(world, period, gender):
    women, men = gender
    indicator = indicator_with(world, gender)
    approve(world, indicator, period, 7, {women: 4, men: 3})
    submission = Submission.objects.get(indicator=indicator, period=period)
    services.submission_reopen(submission_id=submission.pk, user=world.backbone, note="Again")

    approve(world, indicator, period, 7)  # the same total, without its breakdown

    assert not submission.category_values.exists()
    assert category_figures(indicator, period) == {women.pk: (None, 0), men.pk: (None, 0)}


def test_removing_the_breakdown_deletes_the_category_rollups(world, period, gender):
    women, men = gender
    indicator = indicator_with(world, gender)
    approve(world, indicator, period, 7, {women: 4, men: 3})
    assert category_figures(indicator, period)

    services.indicator_save(indicator=indicator, organizations=[world.partner_org], dimensions=[])
    rollups.rollup_process_requests()

    assert category_figures(indicator, period) == {}


def test_a_batch_of_pairs_with_and_without_breakdowns_equals_the_full_run(world, period, gender):
    women, men = gender
    plain = indicator_with(world)
    split = indicator_with(world, gender)
    approve(world, plain, period, 5)
    approve(world, split, period, 9, {women: 6, men: 3})
    Rollup.objects.all().delete()
    CategoryRollup.objects.all().delete()

    rollups.rollup_compute(pairs=[(plain.pk, period.pk), (split.pk, period.pk)])
    incremental = sorted(CategoryRollup.objects.values_list("indicator", "category", "value"))
    totals = sorted(Rollup.objects.values_list("indicator", "value"))
    CategoryRollup.objects.all().delete()
    Rollup.objects.all().delete()
    rollups.rollup_compute()

    assert incremental == sorted(
        CategoryRollup.objects.values_list("indicator", "category", "value")
    )
    assert incremental == [(split.pk, women.pk, 6), (split.pk, men.pk, 3)]
    assert totals == sorted(Rollup.objects.values_list("indicator", "value"))
