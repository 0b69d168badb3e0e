"""Nothing in admin loses a value's history or leaves a figure stale; an indicator's frequency
stays what its values were reported at."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measurement import services
from measurement.models import Indicator, Rollup, Submission, SubmissionEvent
from measurement.services import rollups
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


@pytest.fixture
def approved(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    submission = report(
        indicator,
        world.partner_org,
        PeriodFactory(initiative=world.initiative),
        partner=world.partner,
        reviewer=world.backbone,
        value=8,
    )
    rollups.rollup_compute()
    return submission


def test_admin_cannot_delete_a_value(client, world, approved):
    client.force_login(world.superuser)
    url = reverse("admin:measurement_submission_delete", args=[approved.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:measurement_submission_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [approved.pk]}
    )
    assert response.status_code in (200, 302)
    assert Submission.objects.filter(pk=approved.pk).exists()
    assert SubmissionEvent.objects.filter(submission=approved).count() == 2


def test_admin_cannot_delete_an_indicator_that_has_values(client, world, approved):
    client.force_login(world.superuser)
    url = reverse("admin:measurement_indicator_delete", args=[approved.indicator_id])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the page that names what is protected
    assert Indicator.objects.filter(pk=approved.indicator_id).exists()
    assert Rollup.objects.get(indicator_id=approved.indicator_id).value == 8


def test_admin_approval_goes_through_the_review_writer(client, world, approved):
    assign(approved.indicator, world.second_org)
    submitted = report(
        approved.indicator,
        world.second_org,
        approved.period,
        partner=world.backbone,
        state="submitted",
        value=2,
    )
    client.force_login(world.superuser)
    client.post(
        reverse("admin:measurement_submission_changelist"),
        {"action": "approve_selected", "_selected_action": [submitted.pk, approved.pk]},
    )
    submitted.refresh_from_db()
    assert submitted.state == "approved"
    assert submitted.events.filter(action="approved", actor=world.superuser).exists()


def test_the_frequency_cannot_change_once_values_exist(world, approved):
    indicator = approved.indicator
    indicator.frequency = "monthly"
    with pytest.raises(ValidationError) as error:
        services.indicator_save(indicator=indicator, organizations=[], dimensions=[])
    assert "frequency" in error.value.message_dict
    assert Indicator.objects.get(pk=indicator.pk).frequency == "quarterly"


def test_the_frequency_may_change_before_any_value(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    indicator.frequency = "monthly"
    services.indicator_save(indicator=indicator, organizations=[], dimensions=[])
    assert Indicator.objects.get(pk=indicator.pk).frequency == "monthly"


def test_the_indicator_form_says_why_at_the_field(client, world, approved):
    client.force_login(world.backbone)
    indicator = approved.indicator
    url = reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        code=indicator.code,
        name=indicator.name,
        value_type=indicator.value_type,
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        kind=indicator.kind,
        frequency="monthly",
        decimals=indicator.decimals,
        outlier_factor=indicator.outlier_factor,
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "frequency" in response.context["form"].errors
