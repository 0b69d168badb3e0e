"""Initiatives inside initiatives, against figures worked out by hand.

A national initiative with a regional chapter, and a local chapter inside the region:

    national  Xenia 10
    regional  Yael 20, Zohar 30
    local     Wadi 40, Zohar 99   (Zohar reports in the region and in the local chapter)

Each level's figure aggregates the approved values of its own organizations and of every
contributing level below, over the organizations' values, each organization once: Zohar's
value of the nearest level counts (the region's 30, for the region and for the nation).
"""

from decimal import Decimal

import pytest

from measurement.models import CategoryRollup, Indicator
from measurement.services.rollups import rollup_compute, rollup_request
from tests.initiatives.factories import InitiativeFactory
from tests.measurement.factories import CategoryFactory, DimensionFactory
from tests.measurement.rules_fixtures import (
    approve,
    figures,
    indicator,
    join,
    organizations,
    quarters,
    reopen,
    rollup,
    settle,
    superuser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels():
    national = InitiativeFactory(name="National")
    regional = InitiativeFactory(name="Regional", parent=national)
    local = InitiativeFactory(name="Local", parent=regional)
    (xenia,) = organizations(national, "Xenia")
    yael, zohar = organizations(regional, "Yael", "Zohar")
    (wadi,) = organizations(local, "Wadi")
    join(local, zohar)
    people = {"xenia": xenia, "yael": yael, "zohar": zohar, "wadi": wadi}
    periods = {
        level: quarters(initiative)
        for level, initiative in (("national", national), ("regional", regional), ("local", local))
    }
    return national, regional, local, people, periods, superuser()


def _chain(levels, **fields):
    national, regional, local, p, _periods, _user = levels
    top = indicator(national, p["xenia"], **fields)
    middle = indicator(regional, p["yael"], p["zohar"], contributes_to=top, **fields)
    bottom = indicator(local, p["wadi"], p["zohar"], contributes_to=middle, **fields)
    return top, middle, bottom


def _report(levels, chain, entries):
    """entries: (level, person, value or (numerator, denominator)) in the first quarter."""
    _n, _r, _l, p, periods, user = levels
    by_level = dict(zip(("national", "regional", "local"), chain, strict=True))
    made = {}
    for level, person, entered in entries:
        fields = (
            {"numerator": entered[0], "denominator": entered[1]}
            if isinstance(entered, tuple)
            else {"value": entered}
        )
        made[(level, person)] = approve(
            user, by_level[level], p[person], periods[level][0], **fields
        )
    return made


ENTRIES = [
    ("national", "xenia", 10),
    ("regional", "yael", 20),
    ("regional", "zohar", 30),
    ("local", "wadi", 40),
    ("local", "zohar", 99),
]


def test_a_sum_adds_every_level_below_each_organization_once(levels):
    *_rest, periods, _user = levels
    top, middle, bottom = _chain(levels, aggregation="sum")
    _report(levels, (top, middle, bottom), ENTRIES)
    assert figures(bottom, periods["local"])[0] == 139
    assert figures(middle, periods["regional"])[0] == 90  # 20 + 30 + 40
    assert figures(top, periods["national"])[0] == 100  # 10 + 20 + 30 + 40
    row = rollup(top, periods["national"][0])
    assert (row.contributing, row.expected) == (4, 4)


def test_an_average_is_over_the_organizations_not_over_the_levels(levels):
    *_rest, periods, _user = levels
    top, middle, bottom = _chain(levels, aggregation="average", value_type="amount")
    _report(levels, (top, middle, bottom), ENTRIES)
    assert figures(bottom, periods["local"])[0] == Decimal("69.5")
    assert figures(middle, periods["regional"])[0] == 30  # (20 + 30 + 40) / 3
    # (10 + 20 + 30 + 40) / 4; averaging the nation's 10 and the region's 30 would say 20.
    assert figures(top, periods["national"])[0] == 25


def test_a_ratio_of_sums_stays_right_at_every_level(levels):
    *_rest, periods, _user = levels
    top, middle, bottom = _chain(levels, aggregation="ratio_of_sums", value_type="percentage")
    _report(
        levels,
        (top, middle, bottom),
        [
            ("national", "xenia", (1, 10)),
            ("regional", "yael", (5, 10)),
            ("local", "wadi", (30, 80)),
        ],
    )
    assert figures(middle, periods["regional"])[0] == Decimal("38.888889")  # 35 / 90
    assert figures(top, periods["national"])[0] == 36  # 36 / 100
    row = rollup(top, periods["national"][0])
    assert (row.numerator, row.denominator) == (36, 100)


def test_a_switched_off_contribution_leaves_the_parents_figure(levels):
    *_rest, periods, _user = levels
    top, middle, bottom = _chain(levels, aggregation="sum")
    _report(levels, (top, middle, bottom), ENTRIES)
    settle()
    Indicator.objects.filter(pk=bottom.pk).update(contribution_active=False)
    rollup_request((bottom.pk, period.pk) for period in periods["local"])
    assert figures(middle, periods["regional"])[0] == 50  # 20 + 30
    assert figures(top, periods["national"])[0] == 60  # the local chapter drops out above too
    assert rollup(top, periods["national"][0]).expected == 3


def test_approving_and_reopening_a_childs_value_moves_every_level_above(levels):
    _n, _r, _l, p, periods, user = levels
    top, middle, bottom = _chain(levels, aggregation="sum")
    made = _report(levels, (top, middle, bottom), ENTRIES)
    settle()
    reopen(user, made[("local", "wadi")])
    assert figures(top, periods["national"])[0] == 60
    approve(user, bottom, p["wadi"], periods["local"][0], 45)
    assert figures(middle, periods["regional"])[0] == 95
    assert figures(top, periods["national"])[0] == 105
    # Zohar's regional value reopened: its local 99 is the nearest left.
    reopen(user, made[("regional", "zohar")])
    assert figures(middle, periods["regional"])[0] == 20 + 45 + 99
    assert figures(top, periods["national"])[0] == 10 + 20 + 45 + 99


def test_a_cumulative_parent_carries_its_childrens_values(levels):
    _n, _r, _l, p, periods, user = levels
    top, middle, _bottom = _chain(levels, aggregation="sum", cumulative=True)
    approve(user, top, p["xenia"], periods["national"][0], 10)
    approve(user, middle, p["yael"], periods["regional"][0], 20)
    approve(user, middle, p["yael"], periods["regional"][2], 26)
    approve(user, middle, p["zohar"], periods["regional"][1], 7)
    assert figures(top, periods["national"]) == [30, 37, 43, 43]
    assert rollup(top, periods["national"][3]).carried == 3


def test_a_childs_categories_count_in_the_parents_category_of_the_same_name(levels):
    national, regional, _local, p, periods, user = levels
    parent_gender = DimensionFactory(initiative=national, name="Gender")
    parent_women = CategoryFactory(dimension=parent_gender, name="Women")
    CategoryFactory(dimension=parent_gender, name="Men")
    child_gender = DimensionFactory(initiative=regional, name="Gender")
    child_women = CategoryFactory(dimension=child_gender, name="Women")
    child_men = CategoryFactory(dimension=child_gender, name="Men")
    top = indicator(national, p["xenia"])
    top.dimensions.add(parent_gender)
    middle = indicator(regional, p["yael"], contributes_to=top)
    middle.dimensions.add(child_gender)
    approve(user, top, p["xenia"], periods["national"][0], 10, categories={parent_women: 10})
    approve(
        user,
        middle,
        p["yael"],
        periods["regional"][0],
        9,
        categories={child_women: 4, child_men: 5},
    )
    assert figures(top, periods["national"])[0] == 19
    women = CategoryRollup.objects.get(
        indicator=top, period=periods["national"][0], category=parent_women
    )
    assert (women.value, women.contributing) == (14, 2)


def test_a_recompute_from_scratch_agrees_with_the_requests(levels):
    *_rest, periods, _user = levels
    top, middle, bottom = _chain(levels, aggregation="sum")
    _report(levels, (top, middle, bottom), ENTRIES)
    before = figures(top, periods["national"]), figures(middle, periods["regional"])
    rollup_compute()
    assert (figures(top, periods["national"]), figures(middle, periods["regional"])) == before
