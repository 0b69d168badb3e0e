"""The shared-measurement loop in a real browser: a partner submits, the backbone approves,
the shared figure appears."""

import pytest

from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign

pytestmark = pytest.mark.browser


def test_partner_submits_backbone_approves_rollup_appears(
    browser, live_server, world, eager_celery, screenshot, page
):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    base = f"/initiatives/{world.initiative.slug}/measurement/"

    sign_in(page, world.partner.email, PASSWORD)
    page.goto(base + "reporting/")
    item = f"#item-{indicator.pk}-{period.pk}"
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.fill(f"{item} input[name='i{indicator.pk}-value']", "-1")
    page.click(f"{item} button[value=submit]")
    page.wait_for_selector(f"#p{period.pk}-i{indicator.pk}-value_error")
    page.fill(f"{item} input[name='i{indicator.pk}-value']", "42")
    page.click(f"{item} button[value=submit]")
    page.wait_for_selector(f"{item} .alert-success")
    assert "Submitted" in page.inner_text(f"{item} .badge")
    assert navigations == []
    screenshot("report_submitted_en")

    reviewer = page.context.browser.new_context(base_url=live_server.url).new_page()
    sign_in(reviewer, world.backbone.email, PASSWORD)
    reviewer.goto(base + "review/")
    reviewer.click("form[action$='/approve/'] button")
    reviewer.wait_for_selector("#messages .alert-success")
    reviewer.goto(base)
    row = reviewer.locator("tbody tr", has_text="MATH5")
    assert "42" in row.inner_text()
    assert "1 of 2 organizations" in row.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    reviewer.screenshot(path=str(ARTIFACTS / "indicators_after_approval_en.png"), full_page=True)
    reviewer.context.close()
