"""A provisional figure is a hollow point on the trend chart, and the legend says so."""

import pytest

from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.test_provisional import early  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

DRAWN = """() => {
  const chart = document.querySelector("canvas[data-chart]").chart;
  const figures = chart.data.datasets[0];
  return {
    fills: figures.pointBackgroundColor,
    border: figures.borderColor,
    legend: chart.legend.legendItems.map((item) => item.text),
  };
}"""


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_provisional_point_is_hollow(browser, live_server, world, early, language):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/measurement/dashboard/")
    page.wait_for_function("document.querySelector('canvas[data-chart]').chart !== undefined")

    drawn = page.evaluate(DRAWN)

    *final, provisional = drawn["fills"]
    assert provisional != drawn["border"]  # hollow: the page's background inside the ring
    assert all(fill == drawn["border"] for fill in final)
    assert len(drawn["legend"]) == 3  # the figure, the target and the hollow point
    context.close()
