"""The trend chart's period labels stay whole in every language: right to left, Chart.js
reverses the time axis and leaves no room for the labels at its two ends."""

from datetime import date

import pytest

from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign

pytestmark = pytest.mark.browser

QUARTERS = [
    (date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 7, 1), date(2026, 9, 30)),
    (date(2026, 10, 1), date(2026, 12, 31)),
]

# Where each period label of the first chart is drawn, from its tick and its measured width.
LABEL_EDGES = """() => {
  const chart = document.querySelector("canvas[data-chart]").chart;
  const x = chart.scales.x;
  chart.ctx.font = Chart.helpers.toFont(x.options.ticks.font).string;
  const edges = x.ticks.map((tick, index) => {
    const width = chart.ctx.measureText(x.getLabelForValue(tick.value)).width;
    const at = x.getPixelForTick(index);
    return [at - width / 2, at + width / 2];
  });
  return {width: chart.width, edges};
}"""


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_chart_period_labels_are_not_cut_at_the_edges(browser, live_server, world, language):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    assign(indicator, world.partner_org)
    for start, end in QUARTERS:
        PeriodFactory(initiative=world.initiative, start=start, end=end, due_date=end)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/measurement/dashboard/")
    page.wait_for_function("document.querySelector('canvas[data-chart]').chart !== undefined")

    drawn = page.evaluate(LABEL_EDGES)

    assert len(drawn["edges"]) == 4
    for left, right in drawn["edges"]:
        assert left >= 0 and right <= drawn["width"], drawn
    context.close()
