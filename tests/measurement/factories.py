from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from measurement.models import (
    Category,
    Dimension,
    Indicator,
    IndicatorAssignment,
    PeriodState,
    ReportingPeriod,
    Submission,
    SubmissionState,
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


def values(
    value=None,
    *,
    numerator=None,
    denominator=None,
    weight=None,
    categories=None,
    breakdown_incomplete=False,
    comment="",
):
    """services.Values from plain numbers; categories maps a Category to a number or a
    (numerator, denominator) pair."""
    from measurement.services import Values

    def number(x):
        return None if x is None else Decimal(str(x))

    parts = {}
    for category, entered in (categories or {}).items():
        if isinstance(entered, tuple):
            parts[category.pk] = {
                "numerator": number(entered[0]),
                "denominator": number(entered[1]),
            }
        else:
            parts[category.pk] = {"value": number(entered)}
    return Values(
        value=number(value),
        numerator=number(numerator),
        denominator=number(denominator),
        weight=number(weight),
        categories=parts,
        breakdown_incomplete=breakdown_incomplete,
        comment=comment,
    )


def report(
    indicator,
    organization,
    period,
    *,
    partner,
    reviewer=None,
    state=SubmissionState.APPROVED,
    submitted_at=None,
    **entered,
):
    """Bring one value to `state` through the real services (save, submit, approve or return).

    `entered` is passed to values(); `submitted_at` pins the submission time (for 'latest').
    """
    from measurement import services

    submission, _changed = services.submission_save(
        user=partner,
        indicator=indicator,
        organization=organization,
        period=period,
        values=values(**entered),
        submit=state != SubmissionState.DRAFT,
    )
    if submitted_at is not None:
        Submission.objects.filter(pk=submission.pk).update(submitted_at=submitted_at)
    if state == SubmissionState.APPROVED:
        services.submission_approve(submission_id=submission.pk, user=reviewer or partner)
    elif state == SubmissionState.RETURNED:
        services.submission_return(
            submission_id=submission.pk, user=reviewer or partner, note="Please check."
        )
    submission.refresh_from_db()
    return submission
