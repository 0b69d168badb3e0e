"""The partner home does not call a value overdue while a live exception allows it late."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from measurement.models import LateSubmissionGrant, PeriodState
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign


def _past_period(world, state):
    today = timezone.localdate()
    return PeriodFactory(
        initiative=world.initiative,
        start=today - timedelta(days=120),
        end=today - timedelta(days=30),
        due_date=today - timedelta(days=10),
        state=state,
    )


def test_a_live_exception_reads_late_allowed_until_not_overdue(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, code="LABS")
    assign(indicator, world.partner_org)
    period = _past_period(world, PeriodState.CLOSED)
    until = timezone.localdate() + timedelta(days=14)
    LateSubmissionGrant.objects.create(
        period=period, organization=world.partner_org, until=until, granted_by=world.backbone
    )
    client.force_login(world.partner)

    text = client.get(reverse("measurement:partner_home", args=[world.initiative.slug])).text

    assert "LABS" in text
    assert "Late, allowed until" in text and date_format(until, "SHORT_DATE_FORMAT") in text
    assert "Overdue" not in text and "overdue" not in text


def test_without_an_exception_it_is_overdue(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, code="LABS")
    assign(indicator, world.partner_org)
    _past_period(world, PeriodState.OPEN)
    client.force_login(world.partner)

    text = client.get(reverse("measurement:partner_home", args=[world.initiative.slug])).text

    assert "Overdue by 10 days" in text and "1 overdue" in text
    assert "Late, allowed until" not in text
