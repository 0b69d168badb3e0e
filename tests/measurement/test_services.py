"""Saving, submitting and reviewing values: validation, history, and the outlier flag."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from measurement import services
from measurement.models import (
    Category,
    CategoryValue,
    Indicator,
    LateSubmissionGrant,
    PeriodState,
    ReportingPeriod,
    RollupRequest,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
    values,
)

Action = SubmissionEvent.Action


@dataclass
class Desk:
    """What a partner of Masar reports on: three indicators of STEM excellence, with a
    Gender breakdown, in the open 2026 Q1, and the periods they must not write to."""

    world: object
    count: Indicator  # sum of counts, broken down by gender
    percentage: Indicator
    weighted: Indicator
    period: ReportingPeriod
    closed_period: ReportingPeriod
    monthly_period: ReportingPeriod
    foreign_period: ReportingPeriod
    women: Category
    men: Category
    approved: Submission  # an approved value of `count` in the closed period

    def save(self, indicator, entered, *, submit=True, period=None, organization=None):
        """As the partner for their own organization; as backbone staff for another."""
        organization = organization or self.world.partner_org
        own = organization == self.world.partner_org
        return services.submission_save(
            user=self.world.partner if own else self.world.backbone,
            indicator=indicator,
            organization=organization,
            period=period or self.period,
            values=entered,
            submit=submit,
        )


@pytest.fixture
def desk(world) -> Desk:
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    women = CategoryFactory(dimension=dimension, name="Women", order=1)
    men = CategoryFactory(dimension=dimension, name="Men", order=2)
    indicators = {
        "count": IndicatorFactory(initiative=world.initiative, code="pupils"),
        "percentage": IndicatorFactory(
            initiative=world.initiative,
            code="pass-rate",
            value_type="percentage",
            aggregation="ratio_of_sums",
        ),
        "weighted": IndicatorFactory(
            initiative=world.initiative, code="score", aggregation="weighted_average"
        ),
    }
    for indicator in indicators.values():
        indicator.dimensions.add(dimension)
        assign(indicator, world.partner_org)
    closed_period = PeriodFactory(
        initiative=world.initiative,
        start=date(2025, 10, 1),
        end=date(2025, 12, 31),
        due_date=date(2026, 1, 30),
    )
    approved = report(
        indicators["count"],
        world.partner_org,
        closed_period,
        partner=world.partner,
        reviewer=world.backbone,
        value=40,
    )
    ReportingPeriod.objects.filter(pk=closed_period.pk).update(state=PeriodState.CLOSED)
    closed_period.refresh_from_db()
    return Desk(
        world=world,
        **indicators,
        period=PeriodFactory(initiative=world.initiative),
        closed_period=closed_period,
        monthly_period=PeriodFactory(
            initiative=world.initiative,
            frequency="monthly",
            end=date(2026, 1, 31),
            due_date=date(2026, 2, 28),
        ),
        foreign_period=PeriodFactory(initiative=world.other_initiative),
        women=women,
        men=men,
        approved=approved,
    )


def stored() -> tuple[int, int, int, int]:
    return (
        Submission.objects.count(),
        CategoryValue.objects.count(),
        SubmissionEvent.objects.count(),
        RollupRequest.objects.count(),
    )


def fields_of(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return set(error.error_dict)
    return {NON_FIELD_ERRORS}


# --- validation ----------------------------------------------------------------------------

BAD_INPUT = [
    pytest.param(lambda d: d.save(d.count, values()), "value", id="empty required value"),
    pytest.param(lambda d: d.save(d.percentage, values()), "numerator", id="empty numerator"),
    pytest.param(
        lambda d: d.save(d.percentage, values(numerator=3)), "denominator", id="empty denominator"
    ),
    pytest.param(lambda d: d.save(d.count, values(-1)), "value", id="negative count"),
    pytest.param(
        lambda d: d.save(d.count, values(2.5), submit=False), "value", id="non-integer count"
    ),
    pytest.param(lambda d: d.save(d.count, values("NaN")), "value", id="not a number"),
    pytest.param(lambda d: d.save(d.count, values(10**14)), "value", id="too large"),
    pytest.param(
        lambda d: d.save(d.percentage, values(numerator=101, denominator=100)),
        "numerator",
        id="101 percent",
    ),
    pytest.param(
        lambda d: d.save(d.percentage, values(numerator=-1, denominator=100)),
        "numerator",
        id="negative percentage",
    ),
    pytest.param(
        lambda d: d.save(d.percentage, values(numerator=0, denominator=0)),
        "denominator",
        id="denominator 0",
    ),
    pytest.param(
        lambda d: d.save(d.weighted, values(7)), "weight", id="weighted average without weight"
    ),
    pytest.param(
        lambda d: d.save(d.count, values(10, categories={d.women: 6, d.men: 3})),
        "category_women",
        id="categories do not add up",
    ),
    pytest.param(
        lambda d: d.save(
            d.percentage,
            values(numerator=3, denominator=4, categories={d.women: (2, 2), d.men: (0, 2)}),
        ),
        "category_women_numerator",
        id="category numerators do not add up",
    ),
    pytest.param(
        lambda d: d.save(d.count, values(10, categories={d.women: -1, d.men: 11})),
        "category_women",
        id="negative category",
    ),
    pytest.param(
        lambda d: d.save(d.count, values(5), period=d.foreign_period),
        "period",
        id="period of another initiative",
    ),
    pytest.param(
        lambda d: d.save(d.count, values(5), period=d.monthly_period),
        "period",
        id="period of another frequency",
    ),
    pytest.param(
        lambda d: d.save(d.count, values(5), organization=d.world.second_org),
        "organization",
        id="organization not assigned",
    ),
    pytest.param(
        lambda d: d.save(d.percentage, values(numerator=1, denominator=2), period=d.closed_period),
        "period",
        id="closed period without exception",
    ),
]


@pytest.mark.parametrize("attempt, field", BAD_INPUT)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(desk, attempt, field):
    field = field.replace("women", str(desk.women.pk))
    before = stored()

    with pytest.raises(ValidationError) as error:
        attempt(desk)

    assert field in fields_of(error.value)
    assert stored() == before


def test_an_approved_value_cannot_be_edited_by_saving(desk):
    closed = desk.closed_period
    LateSubmissionGrant.objects.create(
        period=closed, organization=desk.world.partner_org, until=timezone.localdate()
    )
    before = stored()

    with pytest.raises(ValidationError, match="approved") as error:
        desk.save(desk.count, values(41), period=closed)

    assert fields_of(error.value) == {NON_FIELD_ERRORS}
    assert stored() == before
    desk.approved.refresh_from_db()
    assert desk.approved.value == Decimal(40)
    assert desk.approved.state == SubmissionState.APPROVED


def test_a_category_percentage_above_100_is_refused(desk):
    before = stored()
    with pytest.raises(ValidationError) as error:
        desk.save(
            desk.percentage,
            values(numerator=3, denominator=4, categories={desk.women: (3, 2), desk.men: (0, 2)}),
        )
    assert f"category_{desk.women.pk}_numerator" in fields_of(error.value)
    assert stored() == before


def test_categories_that_do_not_add_up_are_accepted_when_marked_incomplete(desk):
    submission, changed = desk.save(
        desk.count, values(10, categories={desk.women: 6, desk.men: 3}, breakdown_incomplete=True)
    )

    assert changed and submission.state == SubmissionState.SUBMITTED
    assert submission.breakdown_incomplete
    parts = dict(submission.category_values.values_list("category__name", "value"))
    assert parts == {"Women": Decimal(6), "Men": Decimal(3)}


def test_categories_that_add_up_are_accepted(desk):
    submission, _changed = desk.save(
        desk.percentage,
        values(numerator=3, denominator=4, categories={desk.women: (2, 3), desk.men: (1, 1)}),
    )

    assert submission.value == Decimal(75)
    women = submission.category_values.get(category=desk.women)
    assert (women.numerator, women.denominator) == (Decimal(2), Decimal(3))


def test_a_draft_may_be_incomplete(desk):
    submission, changed = desk.save(desk.percentage, values(numerator=3), submit=False)

    assert changed and submission.state == SubmissionState.DRAFT
    assert submission.value is None


def test_a_closed_period_accepts_values_under_a_late_submission_exception(desk):
    services.late_grant_save(
        period=desk.closed_period,
        organization=desk.world.partner_org,
        until=timezone.localdate() + timedelta(days=7),
        reason="The coordinator was ill.",
        user=desk.world.backbone,
    )

    submission, changed = desk.save(
        desk.percentage, values(numerator=1, denominator=2), period=desk.closed_period
    )

    assert changed and submission.state == SubmissionState.SUBMITTED
    assert submission.period == desk.closed_period


def test_an_expired_late_submission_exception_no_longer_opens_the_period(desk):
    LateSubmissionGrant.objects.create(
        period=desk.closed_period,
        organization=desk.world.partner_org,
        until=timezone.localdate() - timedelta(days=1),
    )
    before = stored()

    with pytest.raises(ValidationError) as error:
        desk.save(desk.percentage, values(numerator=1, denominator=2), period=desk.closed_period)

    assert fields_of(error.value) == {"period"}
    assert stored() == before


def test_an_exception_for_one_organization_does_not_open_the_period_for_another(desk):
    assign(desk.percentage, desk.world.second_org)
    LateSubmissionGrant.objects.create(
        period=desk.closed_period,
        organization=desk.world.partner_org,
        until=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as error:
        desk.save(
            desk.percentage,
            values(numerator=1, denominator=2),
            period=desk.closed_period,
            organization=desk.world.second_org,
        )
    assert fields_of(error.value) == {"period"}


def test_a_late_submission_exception_cannot_end_in_the_past(desk):
    with pytest.raises(ValidationError) as error:
        services.late_grant_save(
            period=desk.closed_period,
            organization=desk.world.partner_org,
            until=timezone.localdate() - timedelta(days=1),
            reason="",
            user=desk.world.backbone,
        )
    assert fields_of(error.value) == {"until"}
    assert not LateSubmissionGrant.objects.exists()


def test_returning_needs_a_note(desk):
    submission, _ = desk.save(desk.count, values(12))
    with pytest.raises(ValidationError) as error:
        services.submission_return(submission_id=submission.pk, user=desk.world.backbone, note=" ")
    assert fields_of(error.value) == {"note"}
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED


def test_only_a_submitted_value_can_be_approved(desk):
    draft, _ = desk.save(desk.count, values(12), submit=False)
    with pytest.raises(ValidationError, match="draft"):
        services.submission_approve(submission_id=draft.pk, user=desk.world.backbone)
    with pytest.raises(ValidationError, match="approved"):
        services.submission_approve(submission_id=desk.approved.pk, user=desk.world.backbone)
    assert not draft.events.filter(action=Action.APPROVED).exists()


# --- history -------------------------------------------------------------------------------


def events_of(submission) -> list[tuple]:
    return list(
        submission.events.order_by("id").values_list(
            "action", "from_state", "to_state", "changes", "note", "actor__email"
        )
    )


def test_every_step_is_recorded_with_its_states_and_changes(desk):
    world = desk.world
    submission, _ = desk.save(desk.count, values(12, categories={desk.women: 12}), submit=False)
    desk.save(desk.count, values(15, categories={desk.women: 7, desk.men: 8}, comment="Recount"))
    services.submission_approve(submission_id=submission.pk, user=world.backbone)
    services.submission_reopen(submission_id=submission.pk, user=world.backbone, note="Typo")
    desk.save(desk.count, values(16, categories={desk.women: 8, desk.men: 8}, comment="Recount"))
    services.submission_return(submission_id=submission.pk, user=world.backbone, note="Source?")

    partner, backbone = world.partner.email, world.backbone.email
    first, *rest = events_of(submission)
    # A new submission starts as a draft: its first entry may say it came from nothing.
    assert first[0] == Action.SAVED and first[1] in ("", "draft") and first[2] == "draft"
    assert first[3] == {"value": [None, "12"], "Gender: Women": [None, "12"]}
    assert rest == [
        (
            Action.SUBMITTED,
            "draft",
            "submitted",
            {
                "value": ["12", "15"],
                "comment": ["", "Recount"],
                "Gender: Women": ["12", "7"],
                "Gender: Men": [None, "8"],
            },
            "",
            partner,
        ),
        (Action.APPROVED, "submitted", "approved", {}, "", backbone),
        (Action.REOPENED, "approved", "returned", {}, "Typo", backbone),
        (
            Action.SUBMITTED,
            "returned",
            "submitted",
            {"value": ["15", "16"], "Gender: Women": ["7", "8"]},
            "",
            partner,
        ),
        (Action.RETURNED, "submitted", "returned", {}, "Source?", backbone),
    ]
    submission.refresh_from_db()
    assert submission.version == 6  # one version per recorded change
    assert submission.review_note == "Source?"


def test_saving_the_same_values_again_changes_nothing(desk):
    entered = {"value": 12, "categories": {desk.women: 5, desk.men: 7}, "comment": "Same"}
    for submit in (False, True):
        submission, changed = desk.save(desk.count, values(**entered), submit=submit)
        assert changed
        version, updated_at, events = (
            submission.version,
            submission.updated_at,
            submission.events.count(),
        )

        again, changed = desk.save(desk.count, values(**entered), submit=submit)

        assert changed is False
        again.refresh_from_db()
        assert (again.version, again.updated_at) == (version, updated_at)
        assert again.events.count() == events


def test_saving_a_returned_value_unchanged_keeps_it_returned(desk):
    submission, _ = desk.save(desk.count, values(12))
    services.submission_return(submission_id=submission.pk, user=desk.world.backbone, note="Why?")
    events = submission.events.count()

    again, changed = desk.save(desk.count, values(12), submit=False)

    assert changed is False
    assert again.state == SubmissionState.RETURNED
    assert again.events.count() == events


def test_history_records_round_numbers_as_written(desk):
    submission, _ = desk.save(
        desk.count, values(100, categories={desk.women: 60, desk.men: 40}), submit=False
    )

    changes = submission.events.get().changes
    assert changes == {
        "value": [None, "100"],
        "Gender: Women": [None, "60"],
        "Gender: Men": [None, "40"],
    }


# --- outliers ------------------------------------------------------------------------------
# Masar's approved value in the previous period (2025 Q4) is 40; the factor is 3.


@pytest.mark.parametrize(
    "value, flagged",
    [(121, True), (120, False), (40, False), (14, False), (13, True), (0, True)],
)
def test_a_value_far_from_the_previous_period_is_flagged_not_refused(desk, value, flagged):
    assert desk.count.outlier_factor == 3

    submission, changed = desk.save(desk.count, values(value))

    assert changed and submission.state == SubmissionState.SUBMITTED
    assert submission.flagged is flagged
    assert bool(submission.flag_reason) is flagged


def test_the_flag_says_which_values_are_far_apart(desk):
    submission, _ = desk.save(desk.count, values(121))
    assert "121" in submission.flag_reason


def test_the_flag_shows_the_previous_value_as_written(desk):
    submission, _ = desk.save(desk.count, values(121))
    assert submission.flag_reason == "121 is far from the previous period's 40."


def test_a_draft_is_not_flagged_and_other_organizations_do_not_count(desk):
    draft, _ = desk.save(desk.count, values(500), submit=False)
    assert not draft.flagged

    assign(desk.count, desk.world.second_org)
    other, _ = desk.save(desk.count, values(500), organization=desk.world.second_org)
    assert not other.flagged  # its own previous period has no approved value


def test_a_value_is_compared_with_the_previous_approved_one_only(desk):
    services.submission_reopen(
        submission_id=desk.approved.pk, user=desk.world.backbone, note="Recheck"
    )
    submission, _ = desk.save(desk.count, values(500))
    assert not submission.flagged


# --- bulk review ---------------------------------------------------------------------------


def test_bulk_approval_records_each_value_and_skips_what_is_not_submitted(desk):
    first, _ = desk.save(desk.count, values(12))
    draft, _ = desk.save(desk.percentage, values(numerator=1), submit=False)
    elsewhere = IndicatorFactory(initiative=desk.world.other_initiative)
    assign(elsewhere, desk.world.other_org)
    foreign = report(
        elsewhere,
        desk.world.other_org,
        desk.foreign_period,
        partner=desk.world.other_partner,
        state=SubmissionState.SUBMITTED,
        value=3,
    )

    approved = services.submissions_approve_bulk(
        initiative=desk.world.initiative,
        submission_ids=[first.pk, draft.pk, foreign.pk, desk.approved.pk],
        user=desk.world.backbone,
    )

    assert approved == 1
    states = dict(Submission.objects.values_list("pk", "state"))
    assert states[first.pk] == SubmissionState.APPROVED
    assert states[draft.pk] == SubmissionState.DRAFT
    assert states[foreign.pk] == SubmissionState.SUBMITTED
    event = first.events.order_by("id").last()
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        Action.APPROVED,
        "submitted",
        "approved",
        desk.world.backbone,
    )
    assert RollupRequest.objects.filter(indicator=desk.count, period=desk.period).exists()


def test_bulk_approval_is_a_new_version_like_a_single_approval(desk):
    submission, _ = desk.save(desk.count, values(12))
    version = submission.version

    services.submissions_approve_bulk(
        initiative=desk.world.initiative, submission_ids=[submission.pk], user=desk.world.backbone
    )

    submission.refresh_from_db()
    assert submission.version == version + 1


def test_an_organization_that_leaves_is_no_longer_expected(world):
    from initiatives import services as initiative_services
    from initiatives.models import Participation
    from measurement import selectors
    from measurement.models import IndicatorAssignment, Rollup
    from measurement.services import rollups
    from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

    indicator = IndicatorFactory(initiative=world.initiative)
    other = IndicatorFactory(initiative=world.other_initiative)
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    assign(other, world.other_org)
    report(indicator, world.second_org, period, partner=world.backbone, reviewer=world.backbone,
           value=9)  # fmt: skip
    rollups.rollup_compute()
    assert Rollup.objects.get(indicator=indicator).expected == 2

    participation = Participation.objects.get(
        initiative=world.initiative, organization=world.partner_org
    )
    initiative_services.participation_end(participation=participation)
    rollups.rollup_process_requests()

    assert not IndicatorAssignment.objects.filter(organization=world.partner_org).exists()
    assert IndicatorAssignment.objects.filter(organization=world.other_org).exists()
    assert Rollup.objects.get(indicator=indicator).expected == 1
    totals = selectors.completeness(initiative=world.initiative, period=period)["totals"]
    assert (totals["expected"], totals["approved"]) == (1, 1)


def test_values_of_an_unassigned_organization_are_not_counted_as_expected_ones(world):
    from measurement import selectors, services
    from measurement.models import Indicator
    from measurement.selectors import dashboard, homes
    from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    report(indicator, world.second_org, period, partner=world.backbone, reviewer=world.backbone,
           value=9)  # fmt: skip
    services.indicator_save(
        indicator=Indicator.objects.get(pk=indicator.pk),
        organizations=[world.partner_org],
        dimensions=[],
    )
    totals = selectors.completeness(initiative=world.initiative, period=period)["totals"]
    assert (totals["expected"], totals["submitted"], totals["missing"]) == (1, 0, 1)
    headline = dashboard.period_completeness(initiative=world.initiative, period=period)
    assert (headline.expected, headline.submitted, headline.approved) == (1, 0, 0)
    (row,) = homes.portfolio(user=world.facilitator)
    assert (row.expected, row.approved) == (1, 0)


@pytest.mark.parametrize("parts, missing", [((3, None), "denominator"), ((None, 4), "numerator")])
def test_a_category_fraction_needs_both_parts_when_submitted(desk, parts, missing):
    before = stored()
    with pytest.raises(ValidationError) as error:
        desk.save(
            desk.percentage,
            values(numerator=3, denominator=4, categories={desk.women: parts}),
        )
    assert f"category_{desk.women.pk}_{missing}" in fields_of(error.value)
    assert stored() == before


def test_a_draft_may_hold_half_a_category_fraction(desk):
    submission, _changed = desk.save(
        desk.percentage,
        values(
            numerator=3,
            denominator=4,
            categories={desk.women: (3, None)},
            breakdown_incomplete=True,
        ),
        submit=False,
    )
    assert submission.state == SubmissionState.DRAFT
