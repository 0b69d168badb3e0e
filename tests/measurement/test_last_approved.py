"""The reporting form shows, beside each indicator, the organization's last approved value of
an earlier period ("Last approved: 120 (2026 Q2)"), "so far" for a cumulative indicator, in
one query for the whole form."""

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measurement.models import Indicator, PeriodState, ReportingPeriod, SubmissionState
from measurement.selectors import last_approved_values
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


def quarter(q: int) -> dict:
    start = date(2026, 3 * q - 2, 1)
    end = date(2026, 3 * q, 30 if q in (2, 3) else 31)
    return {"start": start, "end": end, "due_date": date(2026 + (q == 4), (3 * q) % 12 + 1, 28)}


@dataclass
class Form:
    plain: Indicator  # approved in Q1 (100) and Q2 (120)
    cumulative: Indicator  # approved in Q1 (40); Q2's 55 only submitted
    fresh: Indicator  # nothing approved yet
    q1: ReportingPeriod
    q2: ReportingPeriod
    q3: ReportingPeriod  # open: the form's period


def close(*periods) -> None:
    ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).update(state=PeriodState.CLOSED)


@pytest.fixture
def form(world) -> Form:
    q1, q2, q3 = (PeriodFactory(initiative=world.initiative, **quarter(q)) for q in (1, 2, 3))
    plain = IndicatorFactory(initiative=world.initiative, code="A1", name="Students")
    cumulative = IndicatorFactory(
        initiative=world.initiative, code="B2", name="Graduates so far", cumulative=True
    )
    fresh = IndicatorFactory(initiative=world.initiative, code="C3", name="Schools")
    for indicator in (plain, cumulative, fresh):
        assign(indicator, world.partner_org, world.second_org)
    partner, backbone = world.partner, world.backbone
    report(plain, world.partner_org, q1, partner=partner, reviewer=backbone, value=100)
    report(plain, world.partner_org, q2, partner=partner, reviewer=backbone, value=120)
    report(plain, world.second_org, q2, partner=backbone, value=999)  # another organization's
    report(cumulative, world.partner_org, q1, partner=partner, reviewer=backbone, value=40)
    report(
        cumulative,
        world.partner_org,
        q2,
        partner=partner,
        state=SubmissionState.SUBMITTED,
        value=55,
    )
    close(q1, q2)
    return Form(plain, cumulative, fresh, q1, q2, q3)


def reporting_url(world, period) -> str:
    return reverse("measurement:reporting", args=[world.initiative.slug]) + f"?period={period.pk}"


def item_html(html: str, indicator, period) -> str:
    return html.split(f'id="item-{indicator.pk}-{period.pk}"')[1].split("</article>")[0]


def test_the_selector_picks_the_latest_approved_earlier_value(world, form):
    found = last_approved_values(
        organization=world.partner_org,
        indicators=[form.plain, form.cumulative, form.fresh],
        period=form.q3,
    )
    assert (found[form.plain.pk].value, found[form.plain.pk].period) == (120, form.q2)
    assert (found[form.cumulative.pk].value, found[form.cumulative.pk].period) == (40, form.q1)
    assert form.fresh.pk not in found
    # Only earlier periods: Q2's form shows Q1's value
    earlier = last_approved_values(
        organization=world.partner_org, indicators=[form.plain], period=form.q2
    )
    assert earlier[form.plain.pk].value == 100


def test_the_form_shows_the_last_approved_value_beside_each_field(client, world, form):
    client.force_login(world.partner)
    response = client.get(reporting_url(world, form.q3))
    assert response.status_code == 200
    html = response.text
    plain = item_html(html, form.plain, form.q3)
    assert "Last approved:" in plain and "<bdi>120</bdi>" in plain
    assert "(<bdi>2026 Q2</bdi>)" in plain
    # never another organization's value (as a number: not inside an id like item-1999-3)
    assert not re.search(r"(?<![\d-])999(?![\d-])", html)
    cumulative = item_html(html, form.cumulative, form.q3)
    assert "Last approved total so far:" in cumulative and "<bdi>40</bdi>" in cumulative
    assert "(<bdi>2026 Q1</bdi>)" in cumulative  # the submitted 55 is not approved
    assert "Cumulative: the total so far, not this period" in cumulative
    assert "Last approved" not in item_html(html, form.fresh, form.q3)


def test_the_saved_item_keeps_the_line(client, world, form):
    client.force_login(world.partner)
    url = reverse(
        "measurement:reporting_save", args=[world.initiative.slug, form.plain.pk, form.q3.pk]
    )
    response = client.post(
        url,
        {
            "organization_id": world.partner_org.pk,
            "action": "draft",
            f"i{form.plain.pk}-value": "130",
            f"i{form.plain.pk}-version": "0",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Draft saved." in response.text
    assert "Last approved:" in response.text and "<bdi>120</bdi>" in response.text


def grow(world, form, n):
    """n more indicators, each with approved values in Q1 and Q2."""
    ReportingPeriod.objects.filter(pk__in=[form.q1.pk, form.q2.pk]).update(state=PeriodState.OPEN)
    for _ in range(n):
        indicator = IndicatorFactory(initiative=world.initiative, cumulative=_ % 2 == 0)
        assign(indicator, world.partner_org)
        for period, value in ((form.q1, 1), (form.q2, 2)):
            report(
                indicator,
                world.partner_org,
                period,
                partner=world.partner,
                reviewer=world.backbone,
                value=value,
            )
    close(form.q1, form.q2)


def test_the_form_reads_the_last_values_in_a_flat_number_of_queries(client, world, form):
    client.force_login(world.partner)
    url = reporting_url(world, form.q3)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    grow(world, form, 2)
    small = count()
    grow(world, form, 8)
    large = count()
    assert large == small, f"{small} queries with little data, {large} with more"
    assert client.get(url).text.count("Last approved") == 2 + 10  # A1, B2 and the grown
