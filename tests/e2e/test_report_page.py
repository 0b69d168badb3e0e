"""The period report in a browser, in English, Hebrew and Arabic: axe-core finds no serious
violation on the page (its SVG charts included), and the page on screen and as printed are
saved in test-artifacts/ to be looked at."""

import pytest

from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.report_fixtures import build_board

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_report_page_is_accessible_and_prints(page, live_server, world, language):
    board = build_board(world)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, world.viewer.email, PASSWORD)
    response = page.goto(
        f"/initiatives/{world.initiative.slug}/measurement/periods/{board.q2.pk}/report/"
    )
    assert response.status == 200
    assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
    assert page.locator("svg.report-chart").count() == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report_page_{language}.png"), full_page=True)
    assert not serious_violations(page)
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()  # the print stylesheet applies
    page.screenshot(path=str(ARTIFACTS / f"report_print_{language}.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / f"report_print_{language}.pdf"), format="A4")
