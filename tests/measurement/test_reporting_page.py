"""The reporting page shows one open period at a time: its size and queries do not grow with
the number of open periods, and every open period is one link away."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign


def open_periods(world, count, start_year=2020):
    return [
        PeriodFactory(
            initiative=world.initiative,
            start=date(start_year + n // 12, n % 12 + 1, 1),
            end=date(start_year + n // 12, n % 12 + 1, 28),
            due_date=date(start_year + n // 12, n % 12 + 1, 28),
        )
        for n in range(count)
    ]


def page(client, world, **query):
    url = reverse("measurement:reporting", args=[world.initiative.slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return response, len(queries)


@pytest.fixture
def indicators(world):
    made = [IndicatorFactory(initiative=world.initiative) for _ in range(3)]
    for indicator in made:
        assign(indicator, world.partner_org)
    return made


def test_the_page_does_not_grow_with_open_periods(client, world, indicators):
    client.force_login(world.partner)
    open_periods(world, 3)
    small, small_queries = page(client, world)
    open_periods(world, 57, start_year=2030)
    large, large_queries = page(client, world)

    assert large_queries == small_queries
    forms = large.text.count('name="action" value="submit"')
    assert forms == small.text.count('name="action" value="submit"') == len(indicators)
    per_period = (len(large.content) - len(small.content)) / 57
    assert per_period < 400, per_period  # a link in the period list, no forms


def test_each_open_period_is_one_link_away(client, world, indicators):
    client.force_login(world.partner)
    first, second = open_periods(world, 2)
    response, _queries = page(client, world)
    assert f"?period={second.pk}" in response.text
    assert f"item-{indicators[0].pk}-{first.pk}" in response.text

    response, _queries = page(client, world, period=second.pk)

    assert f"item-{indicators[0].pk}-{second.pk}" in response.text
    assert f"item-{indicators[0].pk}-{first.pk}" not in response.text
