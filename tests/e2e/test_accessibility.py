"""axe-core over the pages people use every week, in English, Hebrew and Arabic (right to left);
the right-to-left pages are also saved as screenshots in test-artifacts/ to be looked at."""

import pytest

from measurement.services import rollups
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD, InitiativeFactory
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

pytestmark = pytest.mark.browser


@pytest.fixture
def measured(world):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    report(indicator, world.partner_org, period, partner=world.partner, reviewer=world.backbone,
           state="approved", value=40)  # fmt: skip
    second = report(indicator, world.second_org, period, partner=world.backbone,
                    state="submitted", value=1200, comment="Counted (twice).")  # fmt: skip
    # A regional chapter adds to MATH5: the children list and the breakdown by child.
    chapter = InitiativeFactory(name="Negev chapter", parent=world.initiative)
    PeriodFactory(initiative=chapter)
    IndicatorFactory(
        initiative=chapter, code="MATH5", name="Math students", contributes_to=indicator
    )
    rollups.rollup_compute()
    return indicator, period, second


PAGES = {
    "backbone": [
        "/initiatives/{slug}/",
        "/initiatives/{slug}/measurement/dashboard/",
        "/initiatives/{slug}/measurement/dashboard/?view=years",
        "/initiatives/{slug}/measurement/",
        "/initiatives/{slug}/measurement/indicators/{indicator}/",
        "/initiatives/{slug}/measurement/indicators/{indicator}/years/",
        "/initiatives/{slug}/measurement/indicators/years/",
        "/initiatives/{slug}/measurement/periods/",
        "/initiatives/{slug}/measurement/review/",
        "/initiatives/{slug}/measurement/completeness/",
        "/initiatives/{slug}/measurement/periods/{period}/report/",
        "/initiatives/{slug}/measurement/submissions/{submission}/",
        "/account/api-tokens/",
    ],
    "partner": [
        "/initiatives/{slug}/measurement/reporting/",
        "/initiatives/{slug}/measurement/my-organization/",
        "/initiatives/{slug}/measurement/dashboard/",
    ],
    "facilitator": [
        "/portfolio/",
        "/initiatives/{slug}/measurement/dashboard/",
    ],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(PAGES))
def test_pages_have_no_serious_accessibility_violation(
    page, live_server, world, measured, persona, language
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, getattr(world, persona).email, PASSWORD)
    found = {}
    indicator, period, submission = measured
    for number, template in enumerate(PAGES[persona]):
        path = template.format(
            slug=world.initiative.slug,
            indicator=indicator.pk,
            period=period.pk,
            submission=submission.pk,
        )
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        if language != "en":
            ARTIFACTS.mkdir(exist_ok=True)
            name = f"a11y_{language}_{persona}_{number}.png"
            page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        if violations := serious_violations(page):
            found[path] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
