"""A malformed query parameter on a page is a 400 that says so, not a silent fallback."""

import pytest
from django.urls import reverse

from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign


@pytest.fixture
def reporting(world):
    period = PeriodFactory(initiative=world.initiative)
    assign(IndicatorFactory(initiative=world.initiative), world.partner_org)
    return reverse("measurement:reporting", args=[world.initiative.slug]), period


@pytest.mark.parametrize(
    "query, message",
    [
        ({"period": "abc"}, "The period in the address is not an id."),
        ({"period": "-1"}, "The period in the address is not an id."),
        ({"period": "١"}, "The period in the address is not an id."),
        ({"period": "999999"}, "That period is not open for reporting: an open one is shown."),
        ({"organization": "x"}, "The organization in the address is not an id."),
    ],
)
def test_a_bad_id_in_the_reporting_address_is_a_400_with_a_message(
    client, world, reporting, query, message
):
    url, _period = reporting
    client.force_login(world.partner)
    response = client.get(url, query)
    assert response.status_code == 400
    assert [str(m) for m in response.context["messages"]] == [message]


def test_a_good_period_in_the_reporting_address_is_a_200(client, world, reporting):
    url, period = reporting
    client.force_login(world.partner)
    response = client.get(url, {"period": period.pk})
    assert response.status_code == 200
    assert list(response.context["messages"]) == []
