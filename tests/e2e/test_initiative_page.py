"""The initiative page in a real browser: htmx add of a participant, English and Hebrew."""

import pytest

from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD, OrganizationFactory

pytestmark = pytest.mark.browser


def test_backbone_adds_a_participant_without_a_page_reload(page, world, screenshot):
    OrganizationFactory(name="Newcomer Foundation", sector="philanthropy")
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    add = "form[action$='/participants/add/'] button[type=submit]"

    page.click(add)  # nothing chosen
    error = page.wait_for_selector("#participation_organization_error")
    assert "required" in error.inner_text()

    page.select_option("#participation_organization", label="Newcomer Foundation")
    page.select_option("#participation_role", "funder")
    page.click(add)
    page.wait_for_selector("#participants .alert-success")

    assert page.locator("#participants ul a", has_text="Newcomer Foundation").count() == 1
    assert navigations == []  # both answers were swapped in place
    screenshot("initiative_page_after_htmx_add_en")


def test_hebrew_page_is_right_to_left(page, world, screenshot):
    sign_in(page, world.partner.email, PASSWORD)
    with page.expect_navigation():
        page.select_option("#language", "he")  # the switcher submits itself
    page.goto(f"/initiatives/{world.initiative.slug}/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "he"
    assert "bootstrap.rtl.min.css" in page.content()
    # In right-to-left the first column (participants) sits on the right of the members column.
    participants = page.locator("#participants").bounding_box()
    members = page.locator("#members-title").bounding_box()
    assert participants["x"] > members["x"]
    screenshot("initiative_page_he")
