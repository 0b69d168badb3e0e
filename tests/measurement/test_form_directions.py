"""Text boxes take the direction of what is typed; numbers are entered left to right and
without trailing zeros."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.measurement.factories import IndicatorFactory


@pytest.mark.django_db
def test_the_indicator_form_isolates_typed_text_and_shows_plain_numbers(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, baseline=Decimal("1200.000000"))
    client.force_login(world.backbone)
    url = reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])
    text = client.get(url).text
    assert 'name="name"' in text
    name_input = (
        text.split('name="name"')[0].rsplit("<input", 1)[1]
        + text.split('name="name"')[1].split(">", 1)[0]
    )
    assert 'dir="auto"' in name_input
    definition = text.split('name="definition"')[0].rsplit("<textarea", 1)[1]
    assert 'dir="auto"' in definition + text.split('name="definition"')[1].split(">", 1)[0]
    baseline = text.split('name="baseline"')[1].split(">", 1)[0]
    assert 'value="1200"' in baseline and 'dir="ltr"' in baseline
