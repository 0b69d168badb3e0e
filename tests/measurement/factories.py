from datetime import date

import factory
from factory.django import DjangoModelFactory

from measurement.models import (
    Category,
    Dimension,
    Indicator,
    IndicatorAssignment,
    PeriodState,
    ReportingPeriod,
)
from tests.initiatives.factories import InitiativeFactory


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    initiative = factory.SubFactory(InitiativeFactory)
    code = factory.Sequence(lambda n: f"ind-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    value_type = "count"
    aggregation = "sum"
    frequency = "quarterly"


class PeriodFactory(DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    initiative = factory.SubFactory(InitiativeFactory)
    frequency = "quarterly"
    start = date(2026, 1, 1)
    end = date(2026, 3, 31)
    due_date = date(2026, 4, 30)
    state = PeriodState.OPEN


class DimensionFactory(DjangoModelFactory):
    class Meta:
        model = Dimension

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Dimension {n}")


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    dimension = factory.SubFactory(DimensionFactory)
    name = factory.Sequence(lambda n: f"Category {n}")


def assign(indicator, *organizations):
    for organization in organizations:
        IndicatorAssignment.objects.create(indicator=indicator, organization=organization)
