"""Two quarters of an initiative, as the period report of Q2 reads them: MATH5 rose and is on
track, READ3 fell and is off track, GRAD's Q2 figure is provisional (one of two reported)."""

from dataclasses import dataclass
from datetime import date

from measurement.models import Indicator, ReportingPeriod, Target
from measurement.services import rollups
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

Q2 = {"start": date(2026, 4, 1), "end": date(2026, 6, 30), "due_date": date(2026, 7, 30)}


@dataclass
class Board:
    math: Indicator
    reading: Indicator
    graduates: Indicator
    q1: ReportingPeriod
    q2: ReportingPeriod


def quarter_values(world, indicator, period, *values) -> None:
    for organization, value in zip((world.partner_org, world.second_org), values, strict=False):
        report(indicator, organization, period, partner=world.backbone, value=value)


def build_board(world) -> Board:
    q1 = PeriodFactory(initiative=world.initiative)
    q2 = PeriodFactory(initiative=world.initiative, **Q2)
    math = IndicatorFactory(
        initiative=world.initiative, code="MATH5", name="Math students", direction="increase",
        baseline=12, unit="students",
    )  # fmt: skip
    reading = IndicatorFactory(
        initiative=world.initiative, code="READ3", name="Readers", direction="increase"
    )
    graduates = IndicatorFactory(
        initiative=world.initiative, code="GRAD", name="Graduates", direction="increase"
    )
    for indicator in (math, reading, graduates):
        assign(indicator, world.partner_org, world.second_org)
    quarter_values(world, math, q1, 10, 10)
    quarter_values(world, math, q2, 15, 15)
    quarter_values(world, reading, q1, 40, 40)
    quarter_values(world, reading, q2, 30, 30)
    quarter_values(world, graduates, q1, 5, 5)
    quarter_values(world, graduates, q2, 7)
    Target.objects.create(indicator=math, period=q2, value=25)
    Target.objects.create(indicator=reading, period=q2, value=70)
    Target.objects.create(indicator=graduates, period=q1, value=8)
    rollups.rollup_compute()
    return Board(math=math, reading=reading, graduates=graduates, q1=q1, q2=q2)


def grow_board(world, board: Board, n: int) -> None:
    """n more indicators, each reported in both quarters with a target: more rows, same reads."""
    for _ in range(n):
        indicator = IndicatorFactory(initiative=world.initiative, direction="decrease")
        assign(indicator, world.partner_org, world.second_org)
        quarter_values(world, indicator, board.q1, 3, 4)
        quarter_values(world, indicator, board.q2, 2, 2)
        Target.objects.create(indicator=indicator, period=board.q2, value=5)
    rollups.rollup_compute()
