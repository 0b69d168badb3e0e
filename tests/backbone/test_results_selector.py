"""The results tree of a round, on hand-built rounds whose figures are computed here by hand."""

from datetime import date
from decimal import Decimal

import pytest

from backbone.models import ResponseState, RoundState
from backbone.selectors.results import can_view_results, round_results
from initiatives.models import Sector
from tests.backbone import results_factories as make

pytestmark = pytest.mark.django_db


def distribution(benchmark) -> dict:
    return {cell.level: cell.count for cell in benchmark.distribution}


def test_means_distributions_and_counts_by_hand(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=False)
    # Benchmarks in order: agenda-0, agenda-1, measurement-0, measurement-1.
    make.respond(round_, [4, 3, 2, 1])
    make.respond(round_, [2, None, 2, 4])
    make.respond(round_, [3, 3, None, None])
    make.respond(round_, [1, 1, 1, 1], state=ResponseState.DRAFT)  # does not count
    make.respond(round_, [], state=ResponseState.NOT_STARTED)

    results = round_results(round_, user=world.backbone)

    assert results.respondents == 5 and results.submitted == 3
    # Overall: (4+3+2+1 + 2+2+4 + 3+3) / 9 = 24 / 9 = 2.666…
    assert results.mean == Decimal("2.67")
    agenda, measurement = results.sections
    assert [agenda.key, measurement.key] == ["agenda", "measurement"]
    # agenda: 4, 3, 2, 3, 3 → 15 / 5
    assert agenda.mean == Decimal("3.00") and agenda.respondents == 3
    # measurement: 2, 1, 2, 4 → 9 / 4
    assert measurement.mean == Decimal("2.25") and measurement.respondents == 2
    a0, a1 = agenda.benchmarks
    assert distribution(a0) == {1: 0, 2: 1, 3: 1, 4: 1, None: 0}
    assert a0.mean == Decimal("3.00") and a0.respondents == 3
    assert distribution(a1) == {1: 0, 2: 0, 3: 2, 4: 0, None: 1}
    assert a1.mean == Decimal("3.00") and a1.respondents == 2 and a1.answers == 3
    assert [cell.percent for cell in a1.distribution] == [0, 0, 67, 0, 33]
    m1 = measurement.benchmarks[1]
    assert m1.mean == Decimal("2.50")  # (1 + 4) / 2
    # A named round shows small figures, and no one's comments are attributed.
    assert m1.shown


def test_anonymous_thresholds_two_withheld_three_shown(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=True)
    make.respond(round_, [4, 4, 1, None], comments={0: "first", 2: "lonely"})
    make.respond(round_, [2, 4, 3, None])
    results = round_results(round_, user=world.backbone)
    assert results.submitted == 2 and not results.shown and results.mean is None
    assert all(not section.shown and section.mean is None for section in results.sections)
    assert all(
        not b.shown and b.mean is None and b.distribution == [] and b.comments == []
        for b in results.benchmarks
    )
    assert results.answers_per_organization is None

    make.respond(round_, [3, None, 2, None], comments={0: "Another"})
    results = round_results(round_, user=world.backbone)
    # a1 and m1 have fewer than three raters: withheld, and left out of every mean (else the
    # agenda's mean over a0 and a1, less a0's distribution, would give a1's two ratings away).
    assert results.shown and results.mean == Decimal("2.50")  # (4+2+3 + 1+3+2) / 6
    agenda, measurement = results.sections
    assert agenda.shown and agenda.mean == Decimal("3.00")  # a0 only: (4+2+3) / 3
    assert measurement.shown and measurement.mean == Decimal("2.00")  # m0 only: (1+3+2) / 3
    a0, a1, m0, m1 = results.benchmarks
    assert a0.shown and a0.mean == Decimal("3.00")
    assert a0.comments == ["Another", "first"]  # sorted by text, not by response
    assert not a1.shown and a1.respondents == 2 and a1.mean is None  # one could not say
    assert m0.shown and m0.comments == ["lonely"]
    assert not m1.shown and m1.respondents == 0
    # The answers per organization are never given for an anonymous round.
    assert results.answers_per_organization is None


def test_by_sector_with_a_small_sector_withheld(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=True)
    nonprofits = [make.organization(world.initiative) for _ in range(3)]
    business = [make.organization(world.initiative, Sector.BUSINESS) for _ in range(2)]
    for org, level in zip(nonprofits, [1, 2, 4], strict=True):
        make.respond(round_, [level, level, level, level], organization_=org)
    for org in business:
        make.respond(round_, [4, 4, 4, 4], organization_=org)
    results = round_results(round_, user=world.backbone)
    by_sector = {row.sector: row for row in results.sectors}
    assert set(by_sector) == {Sector.NONPROFIT, Sector.BUSINESS}
    business_row = by_sector[Sector.BUSINESS]
    assert not business_row.shown and business_row.respondents == 2
    assert [s.mean for s in business_row.sections] == [None, None]
    assert results.mean == Decimal("3.00")  # (1+2+4+4+4) / 5
    # The nonprofits' 2.33 beside the round's 3.00 would give the two businesses' ratings
    # away (5 × 3.00 − 3 × 2.33 = 8): the withheld never count one or two respondents.
    nonprofit = by_sector[Sector.NONPROFIT]
    assert not nonprofit.shown and nonprofit.respondents == 3
    assert [s.mean for s in nonprofit.sections] == [None, None]
    # With a third business, both sectors have three: both shown.
    make.respond(
        round_, [4, 4, 4, 4], organization_=make.organization(world.initiative, Sector.BUSINESS)
    )
    by_sector = {row.sector: row for row in round_results(round_, user=world.backbone).sectors}
    assert by_sector[Sector.NONPROFIT].shown and by_sector[Sector.BUSINESS].shown
    assert [s.mean for s in by_sector[Sector.NONPROFIT].sections] == [Decimal("2.33")] * 2
    # One government respondent more: withheld, and a shown sector with it (of two as small,
    # the first by name).
    make.respond(
        round_, [2, 2, 2, 2], organization_=make.organization(world.initiative, Sector.GOVERNMENT)
    )
    rows = round_results(round_, user=world.backbone).sectors
    assert sorted((row.sector, row.shown) for row in rows) == sorted(
        [(Sector.NONPROFIT, True), (Sector.BUSINESS, False), (Sector.GOVERNMENT, False)]
    )

    named = make.a_round(world.initiative, make.template(key="named"), anonymous=False)
    for org in business:
        make.respond(named, [4, 3, 2, 1], organization_=org)
    row = round_results(named, user=world.backbone).sectors[0]
    assert row.shown and [s.mean for s in row.sections] == [Decimal("3.50"), Decimal("1.50")]


def test_a_named_round_gives_answers_per_organization_to_those_who_may(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=False)
    make.respond(round_, [4, None, 2], organization_=world.partner_org, respondent=world.partner)
    results = round_results(round_, user=world.backbone)
    assert results.shown and results.sections[0].mean == Decimal("4.00")
    (row,) = results.answers_per_organization
    assert row.organization == "Masar"
    assert [(cell.answered, cell.level) for cell in row.levels] == [
        (True, 4),
        (True, None),
        (True, 2),
        (False, None),
    ]
    assert round_results(round_, user=world.facilitator).answers_per_organization
    for persona in ("partner", "viewer"):
        user = getattr(world, persona)
        assert round_results(round_, user=user).answers_per_organization is None


def test_comparison_by_section_key_with_gaps(world):
    old = make.template(("agenda", "backbone"), key="conditions-x", version=1)
    new = make.template(("agenda", "measurement"), key="conditions-x", version=2)
    first = make.a_round(
        world.initiative, old, anonymous=False, title="2024", opens_on=date(2024, 3, 1)
    )
    make.respond(first, [1, 1, 2, 2])
    second = make.a_round(
        world.initiative, new, anonymous=False, title="2025", opens_on=date(2025, 3, 1)
    )
    make.respond(second, [2, 2, 3, 3])
    # Not compared: an open round before, a round of another template, a round after.
    make.a_round(
        world.initiative, new, anonymous=False, state=RoundState.OPEN, opens_on=date(2024, 9, 1)
    )
    make.a_round(world.initiative, make.template(key="other"), opens_on=date(2025, 1, 1))
    make.a_round(world.initiative, new, title="2027", opens_on=date(2027, 3, 1))
    current = make.a_round(
        world.initiative,
        new,
        anonymous=False,
        state=RoundState.OPEN,
        title="2026",
        opens_on=date(2026, 3, 1),
    )
    make.respond(current, [4, 4, None, None])

    comparison = round_results(current, user=world.backbone).comparison
    assert [s.key for s in comparison.sections] == ["agenda", "measurement", "backbone"]
    assert [r.title for r in comparison.rounds] == ["2024", "2025", "2026"]
    assert [r.means for r in comparison.rounds] == [
        [Decimal("1.00"), None, Decimal("2.00")],
        [Decimal("2.00"), Decimal("3.00"), None],
        [Decimal("4.00"), None, None],
    ]
    assert comparison.latest.title == "2026" and comparison.previous.title == "2025"
    chart = comparison.over_time_chart()
    assert chart["labels"] == ["2024", "2025", "2026"]
    assert chart["series"][1] == {"label": "Section measurement", "values": [None, 3.0, None]}
    radar = comparison.radar_chart()
    assert [s["label"] for s in radar["series"]] == ["2026", "2025"]
    assert radar["labels"] == ["Section agenda", "Section measurement", "Section backbone"]

    # The first round compares with nothing before it: a radar of one round.
    alone = round_results(first, user=world.backbone).comparison
    assert [r.title for r in alone.rounds] == ["2024"] and alone.previous is None


def test_comparison_withholds_small_anonymous_rounds(world):
    template = make.template()
    first = make.a_round(world.initiative, template, title="Small", opens_on=date(2025, 3, 1))
    make.respond(first, [4, 4, 4, 4])
    current = make.a_round(world.initiative, template, title="Big")
    for _ in range(3):
        make.respond(current, [3, 3, 3, 3])
    comparison = round_results(current, user=world.backbone).comparison
    small, big = comparison.rounds
    assert not small.shown and small.means == [None, None] and small.mean is None
    assert big.means == [Decimal("3.00"), Decimal("3.00")]


def test_who_may_view_results(world):
    template = make.template()
    closed = make.a_round(world.initiative, template, state=RoundState.CLOSED)
    open_ = make.a_round(world.initiative, template, state=RoundState.OPEN)
    draft = make.a_round(world.initiative, template, state=RoundState.DRAFT)
    expected = {
        "backbone": (True, True),
        "facilitator": (True, True),
        "superuser": (True, True),
        "partner": (True, False),
        "viewer": (True, False),
        "other_partner": (False, False),
        "outsider": (False, False),
    }
    for persona, (on_closed, on_open) in expected.items():
        user = getattr(world, persona)
        assert can_view_results(user, closed) is on_closed, persona
        assert can_view_results(user, open_) is on_open, persona
        assert can_view_results(user, draft) is False, persona


def test_the_tree_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    template = make.template()
    for number, anonymous in enumerate((True, False)):
        round_ = make.a_round(
            world.initiative, template, anonymous=anonymous, opens_on=date(2026, 3, 1 + number)
        )
        for _respondent in range(3):
            make.respond(round_, [1, 2, 3, 4], organization_=make.organization(world.initiative))
        round_ = type(round_).objects.select_related("template", "initiative").get(pk=round_.pk)
        can_view_results(world.backbone, round_)  # the membership, read once per user
        # 13 for an anonymous round; one more for the answers per organization of a named one.
        with django_assert_num_queries(13 if anonymous else 14):
            round_results(round_, user=world.backbone)
