"""What a new user tripped over in the forms: lists of checkboxes that showed no names."""

import re

from django.urls import reverse

from initiatives.models import Organization
from measurement.forms import IndicatorForm
from tests.measurement.factories import CategoryFactory, DimensionFactory, IndicatorFactory, assign


def _checkbox(html: str, label: str) -> tuple[str, str]:
    """The <input> of the form-check whose label reads `label`, and the label's `for`."""
    match = re.search(
        r'<div class="form-check">\s*(<input[^>]*>)\s*'
        r'<label class="form-check-label" for="([^"]+)"><bdi>' + re.escape(label) + "</bdi>",
        html,
    )
    assert match, f"no form-check labelled {label!r}"
    return match.group(1), match.group(2)


def test_indicator_form_shows_each_organization_beside_its_checkbox(client, world):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    assign(indicator, world.partner_org)
    gender = DimensionFactory(initiative=world.initiative, name="Gender")
    CategoryFactory(dimension=gender, name="Girls")
    CategoryFactory(dimension=gender, name="Boys")
    indicator.dimensions.add(gender)
    client.force_login(world.backbone)

    response = client.get(
        reverse("measurement:indicator_edit", args=[world.initiative.slug, indicator.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    masar, masar_for = _checkbox(html, "Masar")
    gesher, _ = _checkbox(html, "Gesher")
    breakdown, _ = _checkbox(html, "Gender")
    for box in (masar, gesher, breakdown):
        assert 'type="checkbox"' in box
        assert re.search(r'class="[^"]*\bform-check-input\b', box)
        assert "form-control" not in box
    assert f'id="{masar_for}"' in masar  # the label names its own box
    assert " checked" in masar and " checked" not in gesher  # Masar reports it, Gesher not
    assert " checked" in breakdown
    assert "<legend" in html and "Organizations that report it" in html


def test_a_choice_list_with_an_error_marks_its_boxes_invalid(world):
    form = IndicatorForm(
        data={"organizations": ["999999"]},
        initiative=world.initiative,
        organizations=Organization.objects.filter(pk=world.partner_org.pk),
    )
    form.is_valid()

    html = str(form["organizations"])

    assert form.errors["organizations"]
    assert 'class="form-check-input is-invalid"' in html
    assert "form-control" not in html


def test_a_single_checkbox_keeps_its_label_beside_it(client, world):
    client.force_login(world.backbone)

    response = client.get(reverse("measurement:period_list", args=[world.initiative.slug]))

    html = response.content.decode()
    assert re.search(
        r'<div class="form-check">\s*<input type="checkbox"[^>]*class="form-check-input"', html
    )
