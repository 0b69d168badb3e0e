"""The results page of an assessment round in a browser, in English, Hebrew and Arabic: axe-core
finds no serious violation, both charts are drawn (Chart.js, no inline script under the CSP),
and right to left the line chart's time runs from the right."""

from datetime import date

import pytest

from tests.backbone import results_factories as make
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def results_round(world):
    template = make.template(("agenda", "measurement", "backbone"))
    earlier = make.a_round(world.initiative, template, title="2025", opens_on=date(2025, 3, 1))
    current = make.a_round(world.initiative, template, title="סבב 2026")
    for levels in ([4, 3, 2, 1, 3, 3], [2, 2, 2, None, 4, 4], [3, 4, 1, None, 2, 1]):
        make.respond(earlier, [1, 2, 2, 1, 2, 2])
        make.respond(current, levels, comments={0: "תגובה ארוכה על התנאי"})
    return current


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_results_page_reads_and_draws(
    page, live_server, world, results_round, language, screenshot
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    sign_in(page, world.viewer.email, PASSWORD)
    response = page.goto(
        f"/initiatives/{world.initiative.slug}/backbone/rounds/{results_round.pk}/results/"
    )
    assert response.status == 200
    assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-assessment-chart]')]"
        ".map((c) => Boolean(c.chart) && c.chart.config.type)"
    )
    assert drawn == ["line", "radar"]
    reversed_ = page.evaluate(
        "() => document.querySelector('canvas[data-kind=line]').chart.options.scales.x.reverse"
    )
    assert reversed_ is (language != "en")
    assert errors == []
    screenshot(f"backbone-results-{language}")
    assert not serious_violations(page), serious_violations(page)
