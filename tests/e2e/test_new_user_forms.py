"""The indicator form in a real browser: who reports it is seen at a glance."""

import pytest

from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory, assign

pytestmark = pytest.mark.browser


def test_assigned_organizations_are_seen_ticked_beside_their_names(page, world, screenshot):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    assign(indicator, world.partner_org)
    sign_in(page, world.backbone.email, PASSWORD)

    page.goto(f"/initiatives/{world.initiative.slug}/measurement/indicators/{indicator.pk}/edit/")

    masar = page.get_by_label("Masar")
    gesher = page.get_by_label("Gesher")
    assert masar.is_checked() and not gesher.is_checked()
    box = masar.bounding_box()
    assert box["width"] < 30 and box["height"] < 30  # a checkbox, not a stretched text field
    label = page.locator("label.form-check-label", has_text="Masar").bounding_box()
    assert abs(label["y"] - box["y"]) < box["height"]  # on the same line
    gesher.check()
    page.click("main form button[type=submit] >> text=Save")
    page.wait_for_url(f"**/indicators/{indicator.pk}/")
    assert set(indicator.organizations.values_list("name", flat=True)) == {"Masar", "Gesher"}
    page.goto(f"/initiatives/{world.initiative.slug}/measurement/indicators/{indicator.pk}/edit/")
    page.get_by_label("Masar").scroll_into_view_if_needed()
    screenshot("indicator_form_organizations")
