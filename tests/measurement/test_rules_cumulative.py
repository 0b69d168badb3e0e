"""Cumulative indicators, against figures worked out by hand.

Graduates since the start, summed across three organizations over four quarters:

            Q1    Q2    Q3    Q4
    Aleph   10    .     25    .
    Bet      5    8     .     .
    Gimel    .    3     .     .

Each organization's figure is its latest approved value up to the quarter (carried forward
where it did not report), so the quarters are 15, 21 (10 carried), 36 (8 and 3 carried) and
36 (all carried).
"""

from decimal import Decimal

import pytest

from measurement.models import CategoryRollup, RollupRequest
from measurement.services import assignments_end
from tests.measurement.factories import CategoryFactory, DimensionFactory
from tests.measurement.rules_fixtures import (
    approve,
    figures,
    indicator,
    organizations,
    quarters,
    reopen,
    rollup,
    settle,
    superuser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    initiative = world.initiative
    periods = quarters(initiative)
    aleph, bet, gimel = organizations(initiative, "Aleph", "Bet", "Gimel")
    return initiative, periods, (aleph, bet, gimel), superuser()


def _graduates(scene, **fields):
    initiative, periods, (aleph, bet, gimel), user = scene
    made = indicator(initiative, aleph, bet, gimel, cumulative=True, **fields)
    q1, q2, q3, _q4 = periods
    submitted = {
        "aleph q1": approve(user, made, aleph, q1, 10),
        "aleph q3": approve(user, made, aleph, q3, 25),
        "bet q1": approve(user, made, bet, q1, 5),
        "bet q2": approve(user, made, bet, q2, 8),
        "gimel q2": approve(user, made, gimel, q2, 3),
    }
    return made, submitted


def test_each_organization_carries_its_latest_value_forward(scene):
    _initiative, periods, _orgs, _user = scene
    graduates, _submitted = _graduates(scene, aggregation="sum")
    assert figures(graduates, periods) == [15, 21, 36, 36]
    q1, q2, q3, q4 = (rollup(graduates, period) for period in periods)
    assert [(r.contributing, r.carried, r.reported) for r in (q1, q2, q3, q4)] == [
        (2, 0, 2),
        (3, 1, 2),
        (3, 2, 1),
        (3, 3, 0),
    ]
    assert graduates.time_aggregation == "last"  # a cumulative indicator's year is its last


def test_every_aggregation_runs_over_the_carried_values(scene):
    _initiative, periods, _orgs, _user = scene
    average, _ = _graduates(scene, aggregation="average", value_type="amount")
    assert figures(average, periods) == [Decimal("7.5"), 7, 12, 12]  # (25 + 8 + 3) / 3 = 12
    row = rollup(average, periods[2])
    assert (row.value_sum, row.value_weight) == (36, 3)  # a year's average is made of these
    highest, _ = _graduates(scene, aggregation="max")
    assert figures(highest, periods) == [10, 10, 25, 25]
    lowest, _ = _graduates(scene, aggregation="min")
    assert figures(lowest, periods) == [5, 3, 3, 3]


def test_a_cumulative_percentage_carries_its_numerator_and_denominator(scene):
    initiative, periods, (aleph, bet, _gimel), user = scene
    share = indicator(
        initiative,
        aleph,
        bet,
        cumulative=True,
        value_type="percentage",
        aggregation="ratio_of_sums",
    )
    q1, q2, _q3, _q4 = periods
    approve(user, share, aleph, q1, numerator=30, denominator=40)
    approve(user, share, bet, q2, numerator=10, denominator=60)
    # Q2: (30 + 10) / (40 + 60) = 40%, Aleph's quarter carried.
    assert figures(share, periods) == [75, 40, 40, 40]
    assert (rollup(share, q2).numerator, rollup(share, q2).denominator) == (40, 100)


def test_reopening_an_earlier_value_moves_every_later_quarter(scene):
    _initiative, periods, _orgs, user = scene
    graduates, submitted = _graduates(scene, aggregation="sum")
    settle()
    reopen(user, submitted["bet q2"])
    # The request names Q2; the rollup covers Q3 and Q4 too (Bet's 5 of Q1 is carried again).
    requested = set(RollupRequest.objects.values_list("period_id", flat=True))
    assert requested == {periods[1].pk, periods[2].pk, periods[3].pk}
    assert figures(graduates, periods) == [15, 18, 33, 33]


def test_correcting_an_earlier_value_moves_every_later_quarter(scene):
    _initiative, periods, (_aleph, bet, _gimel), user = scene
    graduates, submitted = _graduates(scene, aggregation="sum")
    settle()
    reopen(user, submitted["bet q2"])
    approve(user, graduates, bet, periods[1], 9)
    assert figures(graduates, periods) == [15, 22, 37, 37]


def test_an_organization_that_left_is_carried_no_further(scene):
    initiative, periods, (_aleph, _bet, gimel), _user = scene
    graduates, _submitted = _graduates(scene, aggregation="sum")
    assignments_end(initiative_id=initiative.pk, organization_id=gimel.pk)
    # Gimel's 3 still counts in the quarter it reported, not after.
    assert figures(graduates, periods) == [15, 21, 33, 33]
    assert rollup(graduates, periods[3]).expected == 2


def test_a_value_reported_late_replaces_the_carried_one_from_its_quarter_on(scene):
    _initiative, periods, (_aleph, bet, _gimel), user = scene
    graduates, _submitted = _graduates(scene, aggregation="sum")
    settle()
    approve(user, graduates, bet, periods[3], 12)
    assert figures(graduates, periods) == [15, 21, 36, 40]


def test_the_categories_of_a_cumulative_value_are_carried_with_it(scene):
    initiative, periods, (aleph, bet, _gimel), user = scene
    gender = DimensionFactory(initiative=initiative, name="Gender")
    women = CategoryFactory(dimension=gender, name="Women")
    men = CategoryFactory(dimension=gender, name="Men")
    graduates = indicator(initiative, aleph, bet, cumulative=True)
    graduates.dimensions.add(gender)
    q1, q2, _q3, _q4 = periods
    approve(user, graduates, aleph, q1, 10, categories={women: 6, men: 4})
    approve(user, graduates, bet, q2, 5, categories={women: 1, men: 4})
    assert figures(graduates, periods) == [10, 15, 15, 15]
    q2_women = CategoryRollup.objects.get(indicator=graduates, period=q2, category=women)
    assert (q2_women.value, q2_women.contributing, q2_women.carried) == (7, 2, 1)
