from dataclasses import dataclass

import pytest

from measurement.models import Indicator, ReportingPeriod, Submission, SubmissionState
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


@dataclass
class Measured:
    indicator: Indicator
    period: ReportingPeriod
    own: Submission  # the partner's organization, submitted
    other: Submission  # another organization of the same initiative, submitted


@pytest.fixture
def measured(world) -> Measured:
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    own = report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        state=SubmissionState.SUBMITTED,
        value=7,
    )
    other = report(
        indicator,
        world.second_org,
        period,
        partner=world.backbone,
        state=SubmissionState.SUBMITTED,
        value=9,
    )
    return Measured(indicator=indicator, period=period, own=own, other=other)
