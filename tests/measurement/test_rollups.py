"""Rollups: every aggregation, against figures worked out by hand, from approved values only.

Each indicator is assigned to seven organizations: three have an approved value, one a
draft, one a submitted value, one a returned value (all three far off, so counting them
would show), and one reported nothing. Expected = 7, contributing = 3.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from measurement import services
from measurement.models import (
    Category,
    CategoryRollup,
    PeriodState,
    ReportingPeriod,
    Rollup,
    RollupRequest,
    Submission,
    SubmissionState,
)
from measurement.services import rollups
from tests.initiatives.factories import OrganizationFactory
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

SIX_PLACES = Decimal("0.000001")
T0 = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


def q(number) -> Decimal:
    return Decimal(number).quantize(SIX_PLACES)


@dataclass
class Scene:
    world: object
    period: ReportingPeriod
    quiet_period: ReportingPeriod  # nobody has an approved value here
    reporters: list  # three organizations with an approved value
    draft_org: object
    submitted_org: object
    returned_org: object
    silent_org: object
    women: Category
    men: Category
    other: Category

    def indicator(self, value_type="count", aggregation="sum"):
        indicator = IndicatorFactory(
            initiative=self.world.initiative, value_type=value_type, aggregation=aggregation
        )
        indicator.dimensions.add(self.women.dimension)
        assign(
            indicator,
            *self.reporters,
            self.draft_org,
            self.submitted_org,
            self.returned_org,
            self.silent_org,
        )
        return indicator

    def approved(self, indicator, entries):
        """entries: one dict of values per reporter, submitted at T0 + the given hours."""
        for organization, entered in zip(self.reporters, entries, strict=True):
            entered = dict(entered)
            hours = entered.pop("hours", 0)
            report(
                indicator,
                organization,
                self.period,
                partner=self.world.backbone,
                reviewer=self.world.backbone,
                submitted_at=T0 + timedelta(hours=hours),
                **entered,
            )

    def not_approved(self, indicator, entered):
        """The same far-off values as a draft, a submitted and a returned value, submitted
        later than any approved one; plus a submitted value in the quiet period."""
        for organization, state in (
            (self.draft_org, SubmissionState.DRAFT),
            (self.submitted_org, SubmissionState.SUBMITTED),
            (self.returned_org, SubmissionState.RETURNED),
        ):
            report(
                indicator,
                organization,
                self.period,
                partner=self.world.backbone,
                reviewer=self.world.backbone,
                state=state,
                submitted_at=T0 + timedelta(days=5),
                **entered,
            )
        report(
            indicator,
            self.submitted_org,
            self.quiet_period,
            partner=self.world.backbone,
            state=SubmissionState.SUBMITTED,
            **entered,
        )


@pytest.fixture
def scene(world) -> Scene:
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    women, men, other = (
        CategoryFactory(dimension=dimension, name=name, order=order)
        for order, name in enumerate(["Women", "Men", "Other"])
    )
    return Scene(
        world=world,
        period=PeriodFactory(initiative=world.initiative),
        quiet_period=PeriodFactory(
            initiative=world.initiative,
            start=date(2026, 4, 1),
            end=date(2026, 6, 30),
            due_date=date(2026, 7, 30),
        ),
        reporters=[world.partner_org, world.second_org, OrganizationFactory(name="Tamar")],
        draft_org=OrganizationFactory(name="Draft only"),
        submitted_org=OrganizationFactory(name="Submitted only"),
        returned_org=OrganizationFactory(name="Returned only"),
        silent_org=OrganizationFactory(name="Silent"),
        women=women,
        men=men,
        other=other,
    )


def rollup_of(indicator, period) -> Rollup:
    return Rollup.objects.get(indicator=indicator, period=period)


def category_rollups(scene, indicator) -> dict[str, CategoryRollup]:
    rows = CategoryRollup.objects.filter(indicator=indicator, period=scene.period)
    return {row.category.name: row for row in rows.select_related("category")}


def assert_quiet_period_is_empty(scene, indicator):
    quiet = rollup_of(indicator, scene.quiet_period)
    assert (quiet.value, quiet.contributing, quiet.expected) == (None, 0, 7)
    rows = CategoryRollup.objects.filter(indicator=indicator, period=scene.quiet_period)
    assert sorted((row.value, row.contributing) for row in rows) == [(None, 0)] * 3


def counts(scene, aggregation):
    """Three approved counts: A 10 (women 6, men 4), B 20 (women 12, men 8),
    C 35 (women 20, men 10, other 5). Weights 1, 2, 3. B was submitted last, then C, then A."""
    indicator = scene.indicator("count", aggregation)
    women, men, other = scene.women, scene.men, scene.other
    scene.approved(
        indicator,
        [
            {"value": 10, "weight": 1, "hours": 0, "categories": {women: 6, men: 4}},
            {"value": 20, "weight": 2, "hours": 2, "categories": {women: 12, men: 8}},
            {"value": 35, "weight": 3, "hours": 1, "categories": {women: 20, men: 10, other: 5}},
        ],
    )
    # Far-off values that would move every figure if they were counted.
    scene.not_approved(indicator, {"value": 1, "weight": 100, "categories": {women: 1, other: 0}})
    rollups.rollup_compute()
    return indicator


def test_sum_adds_approved_values_only(scene):
    indicator = counts(scene, "sum")

    total = rollup_of(indicator, scene.period)
    assert total.value == q(10 + 20 + 35)
    assert (total.contributing, total.expected) == (3, 7)
    assert total.numerator is None and total.denominator is None
    by_category = category_rollups(scene, indicator)
    assert by_category["Women"].value == q(6 + 12 + 20)
    assert by_category["Men"].value == q(4 + 8 + 10)
    assert by_category["Other"].value == q(5)
    assert [by_category[name].contributing for name in ("Women", "Men", "Other")] == [3, 3, 1]
    assert_quiet_period_is_empty(scene, indicator)


def test_average_is_the_mean_of_approved_values(scene):
    indicator = counts(scene, "average")

    total = rollup_of(indicator, scene.period)
    assert total.value == q(Decimal(65) / 3)  # 21.666667
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    assert by_category["Women"].value == q(Decimal(6 + 12 + 20) / 3)
    assert by_category["Men"].value == q(Decimal(4 + 8 + 10) / 3)
    assert by_category["Other"].value == q(5)
    assert_quiet_period_is_empty(scene, indicator)


def test_weighted_average_weighs_each_value_by_its_weight(scene):
    indicator = counts(scene, "weighted_average")

    total = rollup_of(indicator, scene.period)
    assert total.value == q(Decimal(10 * 1 + 20 * 2 + 35 * 3) / (1 + 2 + 3))  # 25.833333
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    assert by_category["Women"].value == q(Decimal(6 * 1 + 12 * 2 + 20 * 3) / 6)  # 15
    assert by_category["Men"].value == q(Decimal(4 * 1 + 8 * 2 + 10 * 3) / 6)
    assert by_category["Other"].value == q(Decimal(5 * 3) / 3)
    assert_quiet_period_is_empty(scene, indicator)


def test_minimum_is_the_smallest_approved_value(scene):
    indicator = counts(scene, "min")

    total = rollup_of(indicator, scene.period)
    assert total.value == q(10)
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    assert [by_category[n].value for n in ("Women", "Men", "Other")] == [q(6), q(4), q(5)]
    assert_quiet_period_is_empty(scene, indicator)


def test_maximum_is_the_largest_approved_value(scene):
    indicator = counts(scene, "max")

    total = rollup_of(indicator, scene.period)
    assert total.value == q(35)
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    assert [by_category[n].value for n in ("Women", "Men", "Other")] == [q(20), q(10), q(5)]
    assert_quiet_period_is_empty(scene, indicator)


def test_latest_takes_the_most_recently_submitted_approved_value(scene):
    indicator = counts(scene, "latest")

    total = rollup_of(indicator, scene.period)
    assert total.value == q(20)  # B, submitted two hours after A; later values are not approved
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    # "Other" was only given by C.
    assert [by_category[n].value for n in ("Women", "Men", "Other")] == [q(12), q(8), q(5)]
    assert_quiet_period_is_empty(scene, indicator)


def test_ratio_of_sums_never_averages_percentages(scene):
    indicator = scene.indicator("percentage", "ratio_of_sums")
    # A 3/4 = 75 %, B 1/2 = 50 %, C 9/10 = 90 %: their average would be 71.666667 %.
    scene.approved(
        indicator,
        [
            {
                "numerator": 3,
                "denominator": 4,
                "categories": {scene.women: (2, 3), scene.men: (1, 1)},
            },
            {
                "numerator": 1,
                "denominator": 2,
                "categories": {scene.women: (0, 1), scene.men: (1, 1)},
            },
            {
                "numerator": 9,
                "denominator": 10,
                "categories": {scene.women: (5, 6), scene.men: (3, 3), scene.other: (1, 1)},
            },
        ],
    )
    scene.not_approved(
        indicator, {"numerator": 0, "denominator": 50, "categories": {scene.women: (0, 50)}}
    )
    rollups.rollup_compute()

    total = rollup_of(indicator, scene.period)
    assert total.numerator == q(3 + 1 + 9)
    assert total.denominator == q(4 + 2 + 10)
    assert total.value == q(Decimal(13) * 100 / 16)  # 81.25
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    women = by_category["Women"]
    assert (women.numerator, women.denominator) == (q(7), q(10))
    assert women.value == q(70)
    assert by_category["Men"].value == q(100)
    assert by_category["Other"].value == q(100)
    assert by_category["Other"].contributing == 1
    assert_quiet_period_is_empty(scene, indicator)


def test_ratio_of_sums_for_a_ratio_is_not_multiplied_by_a_hundred(scene):
    indicator = scene.indicator("ratio", "ratio_of_sums")
    scene.approved(
        indicator,
        [
            {
                "numerator": 30,
                "denominator": 4,
                "categories": {scene.women: (20, 3), scene.men: (10, 1)},
            },
            {
                "numerator": 10,
                "denominator": 2,
                "categories": {scene.women: (4, 1), scene.men: (6, 1)},
            },
            {
                "numerator": 5,
                "denominator": 10,
                "categories": {scene.women: (3, 6), scene.men: (2, 3), scene.other: (0, 1)},
            },
        ],
    )
    scene.not_approved(indicator, {"numerator": 1000, "denominator": 1})
    rollups.rollup_compute()

    total = rollup_of(indicator, scene.period)
    assert (total.numerator, total.denominator) == (q(45), q(16))
    assert total.value == q(Decimal(45) / 16)  # 2.8125
    assert (total.contributing, total.expected) == (3, 7)
    by_category = category_rollups(scene, indicator)
    assert by_category["Women"].value == q(Decimal(27) / 10)
    assert by_category["Men"].value == q(Decimal(18) / 5)
    assert by_category["Other"].value == q(0)
    assert_quiet_period_is_empty(scene, indicator)


def test_indicators_of_another_frequency_or_initiative_get_no_rows_for_the_period(scene):
    monthly = IndicatorFactory(initiative=scene.world.initiative, frequency="monthly")
    elsewhere = IndicatorFactory(initiative=scene.world.other_initiative)

    rollups.rollup_compute()

    assert not Rollup.objects.filter(indicator=monthly).exists()
    assert not Rollup.objects.filter(indicator=elsewhere, period=scene.period).exists()


# --- idempotence, incremental against full ------------------------------------------------


def snapshot(*, with_time=True) -> list[tuple]:
    fields = ["indicator_id", "period_id", "value", "numerator", "denominator", "contributing"]
    if with_time:
        fields.append("computed_at")
    totals = Rollup.objects.order_by("indicator_id", "period_id").values_list(*fields, "expected")
    categories = CategoryRollup.objects.order_by(
        "indicator_id", "period_id", "category_id"
    ).values_list(*fields, "category_id")
    return [*totals, *categories]


def test_running_the_rollup_twice_gives_identical_rows(scene):
    counts(scene, "sum")
    counts(scene, "latest")
    first = snapshot()

    rollups.rollup_compute()

    assert snapshot() == first
    assert len(first) == 2 * 2 * (1 + 3)  # 2 indicators × 2 periods × (total + 3 categories)


def test_a_change_rewrites_only_the_rows_whose_figures_moved(scene):
    indicator = counts(scene, "sum")
    untouched = counts(scene, "max")
    before = {row.pk: row.computed_at for row in Rollup.objects.all()}

    late = Submission.objects.get(
        indicator=indicator, organization=scene.submitted_org, period=scene.period
    )
    services.submission_approve(submission_id=late.pk, user=scene.world.backbone)
    rollups.rollup_compute()

    changed = rollup_of(indicator, scene.period)
    assert changed.value == q(65 + 1) and changed.contributing == 4
    assert changed.computed_at > before[changed.pk]
    for row in Rollup.objects.exclude(pk=changed.pk):
        assert row.computed_at == before[row.pk]
    assert rollup_of(untouched, scene.period).value == q(35)


def test_incremental_rollup_equals_the_full_recomputation(scene):
    counts(scene, "sum")
    counts(scene, "weighted_average")
    Rollup.objects.all().delete()
    CategoryRollup.objects.all().delete()
    requested = set(RollupRequest.objects.values_list("indicator_id", "period_id"))
    assert requested  # each approval asked for its rollup
    waiting = RollupRequest.objects.count()

    processed = rollups.rollup_process_requests()

    assert processed == waiting
    assert not RollupRequest.objects.exists()
    incremental = snapshot(with_time=False)
    assert {row[:2] for row in incremental} == requested
    Rollup.objects.all().delete()
    CategoryRollup.objects.all().delete()
    rollups.rollup_compute()
    full = snapshot(with_time=False)
    assert [row for row in full if row[:2] in requested] == incremental
    # What the full run adds are the pairs nobody approved anything for.
    assert all(row[2] is None and row[5] == 0 for row in full if row[:2] not in requested)


def test_no_requests_means_nothing_to_do(db):
    assert rollups.rollup_process_requests() == 0


# --- reopening and locked periods ----------------------------------------------------------


def test_reopening_an_approved_value_takes_it_out_of_the_rollup(scene):
    indicator = counts(scene, "sum")
    RollupRequest.objects.all().delete()
    first = Submission.objects.get(indicator=indicator, organization=scene.reporters[0])

    services.submission_reopen(
        submission_id=first.pk, user=scene.world.backbone, note="The count was doubled."
    )
    assert RollupRequest.objects.filter(indicator=indicator, period=scene.period).exists()
    rollups.rollup_process_requests()

    total = rollup_of(indicator, scene.period)
    assert total.value == q(20 + 35)
    assert total.contributing == 2
    assert category_rollups(scene, indicator)["Women"].value == q(12 + 20)


@pytest.fixture
def locked(scene):
    """A submitted and an approved value, then the period is locked."""
    indicator = scene.indicator()
    submitted = report(
        indicator,
        scene.reporters[0],
        scene.period,
        partner=scene.world.backbone,
        state=SubmissionState.SUBMITTED,
        value=5,
    )
    approved = report(
        indicator,
        scene.reporters[1],
        scene.period,
        partner=scene.world.backbone,
        reviewer=scene.world.backbone,
        value=7,
    )
    ReportingPeriod.objects.filter(pk=scene.period.pk).update(state=PeriodState.LOCKED)
    scene.period.refresh_from_db()
    return indicator, submitted, approved


def _unchanged(submission):
    before = Submission.objects.filter(pk=submission.pk).values().get()
    events = submission.events.count()
    return lambda: (
        Submission.objects.filter(pk=submission.pk).values().get() == before
        and submission.events.count() == events
    )


def test_a_locked_period_refuses_approval(scene, locked):
    _indicator, submitted, _approved = locked
    unchanged = _unchanged(submitted)
    with pytest.raises(ValidationError, match="locked"):
        services.submission_approve(submission_id=submitted.pk, user=scene.world.backbone)
    assert unchanged()


def test_a_locked_period_refuses_return(scene, locked):
    _indicator, submitted, _approved = locked
    unchanged = _unchanged(submitted)
    with pytest.raises(ValidationError, match="locked"):
        services.submission_return(
            submission_id=submitted.pk, user=scene.world.backbone, note="Fix it."
        )
    assert unchanged()


def test_a_locked_period_refuses_reopening(scene, locked):
    _indicator, _submitted, approved = locked
    unchanged = _unchanged(approved)
    requests = RollupRequest.objects.count()
    with pytest.raises(ValidationError, match="locked"):
        services.submission_reopen(
            submission_id=approved.pk, user=scene.world.backbone, note="Wrong."
        )
    assert unchanged()
    assert RollupRequest.objects.count() == requests


def test_a_locked_period_refuses_saving(scene, locked):
    indicator, submitted, _approved = locked
    unchanged = _unchanged(submitted)
    for organization, submit in ((scene.reporters[0], True), (scene.reporters[2], False)):
        with pytest.raises(ValidationError, match="locked"):
            report(
                indicator,
                organization,
                scene.period,
                partner=scene.world.backbone,
                state=SubmissionState.SUBMITTED if submit else SubmissionState.DRAFT,
                value=9,
            )
    assert unchanged()
    assert not Submission.objects.filter(organization=scene.reporters[2]).exists()


def test_bulk_approval_skips_locked_periods(scene, locked):
    indicator, in_locked, _approved = locked
    in_open = report(
        indicator,
        scene.reporters[0],
        scene.quiet_period,
        partner=scene.world.backbone,
        state=SubmissionState.SUBMITTED,
        value=3,
    )
    scene.quiet_period.refresh_from_db()
    assert scene.quiet_period.state == PeriodState.OPEN

    approved = services.submissions_approve_bulk(
        initiative=scene.world.initiative,
        submission_ids=[in_locked.pk, in_open.pk],
        user=scene.world.backbone,
    )

    assert approved == 1
    in_locked.refresh_from_db()
    in_open.refresh_from_db()
    assert in_locked.state == SubmissionState.SUBMITTED
    assert in_open.state == SubmissionState.APPROVED
    assert RollupRequest.objects.filter(indicator=indicator, period=scene.quiet_period).exists()
