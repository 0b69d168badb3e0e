from dataclasses import dataclass

import pytest
from django.core.cache import cache

from measurement.models import Rollup
from measurement.services import rollups
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report
from tests.personas import api_client_as


@dataclass
class Api:
    own_indicator: object
    other_indicator: object
    own_period: object
    other_period: object
    own: object  # a submitted value of the partner's organization
    second: object  # a submitted value of another organization of the same initiative
    foreign: object  # an approved value in another initiative
    rollup: object
    foreign_rollup: object


@pytest.fixture
def api_world(world):
    own_indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    other_indicator = IndicatorFactory(initiative=world.other_initiative, code="JOBS")
    own_period = PeriodFactory(initiative=world.initiative)
    other_period = PeriodFactory(initiative=world.other_initiative)
    assign(own_indicator, world.partner_org, world.second_org)
    assign(other_indicator, world.other_org)
    own = report(
        own_indicator,
        world.partner_org,
        own_period,
        partner=world.partner,
        state="submitted",
        value=7,
    )
    second = report(
        own_indicator,
        world.second_org,
        own_period,
        partner=world.backbone,
        state="submitted",
        value=9,
    )
    foreign = report(
        other_indicator,
        world.other_org,
        other_period,
        partner=world.other_partner,
        reviewer=world.superuser,
        value=3,
    )
    rollups.rollup_compute()
    return Api(
        own_indicator=own_indicator,
        other_indicator=other_indicator,
        own_period=own_period,
        other_period=other_period,
        own=own,
        second=second,
        foreign=foreign,
        rollup=Rollup.objects.get(indicator=own_indicator),
        foreign_rollup=Rollup.objects.get(indicator=other_indicator),
    )


@pytest.fixture
def as_persona(world):
    """An API client signed in as a persona: partners with an API token, others by session."""

    def make(persona):
        return api_client_as(world, persona)

    return make


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with fresh rate limits: every anonymous call counts against the
    anonymous limit (even one refused with 401), and the tests all call from 127.0.0.1."""
    cache.clear()
