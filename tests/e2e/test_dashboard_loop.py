"""The weekly loop in a real browser, in English, Hebrew and Arabic (right to left): a partner
submits, the backbone approves, the dashboard shows the new shared figure; axe-core finds no
serious or critical violation on the pages of the loop. Screenshots go to test-artifacts/."""

import pytest

from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"submit": "Submitted", "dir": "ltr"},
    "he": {"submit": "הוגש", "dir": "rtl"},
    "ar": {"submit": "مُقدَّمة", "dir": "rtl"},
}


def new_page(browser, live_server, language):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context.new_page()


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_partner_submits_backbone_approves_dashboard_shows_it(
    browser, live_server, world, eager_celery, language
):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    base = f"/initiatives/{world.initiative.slug}/measurement/"
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}

    partner = new_page(browser, live_server, language)
    sign_in(partner, world.partner.email, PASSWORD)
    partner.goto(base + "reporting/")
    assert partner.get_attribute("html", "dir") == WORDS[language]["dir"]
    item = f"#item-{indicator.pk}-{period.pk}"
    partner.fill(f"{item} input[name='i{indicator.pk}-value']", "42")
    partner.click(f"{item} button[value=submit]")
    partner.wait_for_selector(f"{item} .alert-success")
    assert WORDS[language]["submit"] in partner.inner_text(f"{item} .badge")
    found["report"] = serious_violations(partner)
    partner.screenshot(path=str(ARTIFACTS / f"loop_report_{language}.png"), full_page=True)
    partner.context.close()

    backbone = new_page(browser, live_server, language)
    sign_in(backbone, world.backbone.email, PASSWORD)
    backbone.goto(base + "dashboard/")
    card = backbone.locator(f"article[aria-labelledby='card-{indicator.pk}']")
    assert "42" not in card.inner_text()
    backbone.goto(base + "review/")
    found["review"] = serious_violations(backbone)
    backbone.click("form[action$='/approve/'] button")
    backbone.wait_for_selector("#messages .alert-success")

    backbone.goto(base + "dashboard/")
    assert backbone.get_attribute("html", "dir") == WORDS[language]["dir"]
    card = backbone.locator(f"article[aria-labelledby='card-{indicator.pk}']")
    assert "42" in card.locator(".fs-4").inner_text()
    # The chart is drawn, and its data table says the same.
    canvas = f"article[aria-labelledby='card-{indicator.pk}'] canvas"
    backbone.wait_for_function(f"document.querySelector(`{canvas}`).chart !== undefined")
    assert "42" in card.locator("details table").text_content()
    found["dashboard"] = serious_violations(backbone)
    backbone.screenshot(path=str(ARTIFACTS / f"loop_dashboard_{language}.png"), full_page=True)
    backbone.context.close()

    assert not any(found.values()), found


def test_dashboard_filters_live_in_the_address_and_survive_back(
    browser, live_server, world, eager_celery
):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    older = PeriodFactory(initiative=world.initiative)
    current = PeriodFactory(
        initiative=world.initiative,
        start=older.end.replace(day=1, month=4),
        end=older.end.replace(day=30, month=6),
        due_date=older.end.replace(day=31, month=7),
    )
    assign(indicator, world.partner_org)
    page = new_page(browser, live_server, "en")
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/measurement/dashboard/")
    select = page.locator("#dashboard-filters select[name=period]")
    assert select.input_value() == str(current.pk)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    select.select_option(str(older.pk))
    page.wait_for_url(f"**period={older.pk}**")
    page.wait_for_selector(f"#cards :text('{older.label}')")
    page.go_back()
    page.wait_for_url(lambda url: "period=" not in url)
    assert select.input_value() == str(current.pk)
    page.wait_for_function("document.querySelector('#cards canvas').chart !== undefined")
    page.context.close()
