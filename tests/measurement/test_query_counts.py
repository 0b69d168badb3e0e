"""The reporting form, the review queue and completeness answer in a flat number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measurement.models import SubmissionState
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    assign,
    report,
)


def grow(world, measured, n):
    """n more indicators (with a breakdown), n more organizations, and their submitted values."""
    dimension = DimensionFactory(initiative=world.initiative)
    CategoryFactory(dimension=dimension)
    CategoryFactory(dimension=dimension)
    organizations = [OrganizationFactory() for _ in range(n)]
    for organization in organizations:
        ParticipationFactory(initiative=world.initiative, organization=organization)
    for _ in range(n):
        indicator = IndicatorFactory(initiative=world.initiative)
        indicator.dimensions.add(dimension)
        assign(indicator, world.partner_org, *organizations)
        for organization in [world.partner_org, *organizations]:
            report(
                indicator,
                organization,
                measured.period,
                partner=world.backbone,
                state=SubmissionState.SUBMITTED,
                value=5,
                breakdown_incomplete=True,
            )


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "name, persona",
    [
        ("reporting", "partner"),
        ("review_queue", "backbone"),
        ("completeness", "backbone"),
        ("indicator_list", "partner"),
    ],
)
def test_query_count_does_not_grow(client, world, measured, name, persona):
    client.force_login(getattr(world, persona))
    url = reverse(f"measurement:{name}", args=[world.initiative.slug])
    grow(world, measured, 2)
    small = queries(client, url)
    grow(world, measured, 8)
    large = queries(client, url)
    assert large == small, f"{small} queries with little data, {large} with more"


def test_indicator_page_query_count_does_not_grow(client, world, measured):
    from measurement import services

    client.force_login(world.backbone)
    url = reverse(
        "measurement:indicator_detail", args=[world.initiative.slug, measured.indicator.pk]
    )
    services.submission_approve(submission_id=measured.own.pk, user=world.backbone)
    small = queries(client, url)
    services.submission_approve(submission_id=measured.other.pk, user=world.backbone)
    from datetime import date

    from tests.measurement.factories import PeriodFactory

    for month in (4, 7, 10):
        PeriodFactory(
            initiative=world.initiative,
            start=date(2026, month, 1),
            end=date(2026, month + 2, 28),
            due_date=date(2026, 12, 31),
        )
    assert queries(client, url) == small
