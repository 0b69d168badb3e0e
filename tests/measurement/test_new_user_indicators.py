"""Figures that mislead a new user: targets out of range, a switch that blanks the figure."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from measurement.admin import TargetForm
from measurement.models import Indicator, Target
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report


def _form_data(indicator, **changes) -> dict:
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "kind": "how_much",
        "value_type": indicator.value_type,
        "aggregation": indicator.aggregation,
        "direction": "increase",
        "frequency": indicator.frequency,
        "decimals": "0",
        "outlier_factor": "3",
        "is_active": "on",
    }
    return {**data, **changes}


def _edit(client, world, indicator, **changes):
    url = reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])
    return client.post(url, _form_data(indicator, **changes))


@pytest.mark.parametrize(
    ("value_type", "aggregation", "baseline", "message"),
    [
        ("percentage", "ratio_of_sums", "150", "A percentage is between 0 and 100."),
        ("percentage", "ratio_of_sums", "-5", "A percentage is between 0 and 100."),
        ("count", "sum", "-5", "A count cannot be negative."),
    ],
)
def test_a_baseline_out_of_range_is_refused_at_its_field(
    client, world, value_type, aggregation, baseline, message
):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type=value_type, aggregation=aggregation
    )
    client.force_login(world.backbone)

    response = _edit(client, world, indicator, baseline=baseline)

    assert response.status_code == 400
    assert response.context["form"].errors["baseline"] == [message]
    assert 'id="id_baseline_error"' in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.baseline is None


@pytest.mark.parametrize(
    ("value_type", "aggregation", "target", "saved"),
    [
        ("percentage", "ratio_of_sums", "150", False),
        ("percentage", "ratio_of_sums", "-5", False),
        ("percentage", "ratio_of_sums", "100", True),
        ("count", "sum", "-1", False),
        ("count", "sum", "0", True),
        ("amount", "sum", "-1", True),  # an amount may be a loss
    ],
)
def test_targets_out_of_range_are_refused_and_nothing_is_saved(
    client, world, value_type, aggregation, target, saved
):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type=value_type, aggregation=aggregation
    )
    first = PeriodFactory(initiative=world.initiative)
    second = PeriodFactory(
        initiative=world.initiative,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 31),
    )
    client.force_login(world.backbone)
    url = reverse("measurement:targets_save", args=[world.initiative.slug, indicator.pk])

    response = client.post(
        url, {f"target_{first.pk}": "50", f"target_{second.pk}": target}, follow=True
    )

    shown = [str(m) for m in response.context["messages"]]
    assert Target.objects.filter(indicator=indicator).exists() == saved
    if saved:
        assert shown == ["The targets were saved."]
    else:
        # The page again, with what was typed and the message at the period's field.
        assert response.status_code == 400 and shown == []
        text = response.text
        field = text.split(f'name="target_{second.pk}"')[1].split("</td>", 1)[0]
        assert f'value="{target}"' in field and 'aria-invalid="true"' in field
        error = field.split(f'id="target_{second.pk}_error">')[1].split("</div>")[0]
        assert ("between 0 and 100" in error) == (value_type == "percentage")
        assert 'value="50"' in text.split(f'name="target_{first.pk}"')[1].split(">")[0]
        assert "The targets were not saved" in text


def test_a_target_that_is_not_a_number_is_refused_at_its_field(client, world):
    indicator = IndicatorFactory(initiative=world.initiative)
    period = PeriodFactory(initiative=world.initiative)
    client.force_login(world.backbone)
    url = reverse("measurement:targets_save", args=[world.initiative.slug, indicator.pk])

    response = client.post(url, {f"target_{period.pk}": "1e999"})

    assert response.status_code == 400
    assert not Target.objects.filter(indicator=indicator).exists()
    field = response.text.split(f'name="target_{period.pk}"')[1].split("</td>", 1)[0]
    assert 'value="1e999"' in field and "Enter a number." in field


def test_switching_to_a_weighted_average_with_unweighted_values_is_refused(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, aggregation="sum")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    report(indicator, world.partner_org, period, partner=world.partner, reviewer=world.backbone,
           value=5)  # fmt: skip
    client.force_login(world.backbone)

    response = _edit(client, world, indicator, aggregation="weighted_average")

    assert response.status_code == 400
    [error] = response.context["form"].errors["aggregation"]
    assert "weight" in error and "blank" in error
    assert Indicator.objects.get(pk=indicator.pk).aggregation == "sum"


def test_a_new_weighted_average_says_what_it_needs(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, aggregation="sum")
    client.force_login(world.backbone)
    page = client.get(
        reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])
    )

    response = _edit(client, world, indicator, aggregation="weighted_average")

    assert "asks each organization for the weight" in page.content.decode()
    assert response.status_code == 302  # no value yet: nothing to blank
    assert Indicator.objects.get(pk=indicator.pk).aggregation == "weighted_average"


def test_a_weighted_value_keeps_the_switch_allowed(world):
    from measurement import services

    indicator = IndicatorFactory(initiative=world.initiative, aggregation="average")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org)
    report(indicator, world.partner_org, period, partner=world.partner, reviewer=world.backbone,
           value=5, weight=3)  # fmt: skip
    indicator.aggregation = "weighted_average"

    saved = services.indicator_save(
        indicator=indicator, organizations=[world.partner_org], dimensions=[]
    )

    assert saved.aggregation == "weighted_average"
    assert Decimal(5) == indicator.submissions.get().value


@pytest.mark.parametrize(("value", "valid"), [("150", False), ("-5", False), ("80", True)])
def test_the_admin_target_of_a_percentage_stays_within_range(world, value, valid):
    indicator = IndicatorFactory(
        initiative=world.initiative, value_type="percentage", aggregation="ratio_of_sums"
    )
    period = PeriodFactory(initiative=world.initiative)
    form = TargetForm(
        data={"indicator": indicator.pk, "period": period.pk, "value": value},
        instance=Target(indicator=indicator),
    )
    assert form.is_valid() == valid
    if not valid:
        assert form.errors["value"] == ["A percentage is between 0 and 100."]
