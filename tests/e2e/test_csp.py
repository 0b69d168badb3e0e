"""The Content-Security-Policy holds in a real browser: the pages people use, the admin and the
API docs load with no violation, and the API docs load nothing from another host."""

from urllib.parse import urlsplit

import pytest

from measurement.services import rollups
from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign, report

pytestmark = pytest.mark.browser


@pytest.fixture
def measured(world):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    period = PeriodFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    report(indicator, world.partner_org, period, partner=world.partner, reviewer=world.backbone,
           state="approved", value=40)  # fmt: skip
    rollups.rollup_compute()
    return indicator, period


@pytest.fixture
def watched(page, live_server):
    """The page, with every CSP violation it reports and every host it requests."""
    violations, hosts = [], set()
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).scheme in {"http", "https"}
            and hosts.add(urlsplit(request.url).netloc)
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return page, violations, hosts


def visit(page, path):
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, path
    return response


def test_pages_run_under_the_policy_without_a_violation(watched, world, measured):
    page, violations, _hosts = watched
    indicator, _period = measured
    sign_in(page, world.backbone.email, PASSWORD)
    slug = world.initiative.slug
    for path in [
        f"/initiatives/{slug}/measurement/dashboard/",
        f"/initiatives/{slug}/measurement/indicators/{indicator.pk}/",
        f"/initiatives/{slug}/measurement/periods/",
        f"/initiatives/{slug}/",
    ]:
        response = visit(page, path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(f"/initiatives/{slug}/measurement/dashboard/")
    page.wait_for_load_state("networkidle")
    bar = page.locator(".progress-stacked .progress").first
    assert (
        bar.evaluate("element => element.style.width") == "50%"
    )  # one of the two organizations approved
    assert violations == []


def test_the_reporting_page_runs_under_the_policy(watched, world, measured):
    page, violations, _hosts = watched
    sign_in(page, world.partner.email, PASSWORD)
    visit(page, f"/initiatives/{world.initiative.slug}/measurement/reporting/")
    assert violations == []


def test_the_charts_draw_under_the_policy(watched, world, measured):
    page, violations, _hosts = watched
    indicator, _period = measured
    sign_in(page, world.backbone.email, PASSWORD)
    visit(page, f"/initiatives/{world.initiative.slug}/measurement/indicators/{indicator.pk}/")
    assert page.locator("canvas[data-chart]").first.evaluate("canvas => !!canvas.chart")
    assert violations == []


def test_the_admin_runs_under_the_policy(watched, world):
    page, violations, _hosts = watched
    page.goto("/admin/login/")
    page.fill("input[name=username]", world.superuser.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    for path in [
        "/admin/",
        "/admin/initiatives/organization/",
        "/admin/initiatives/organization/add/",
    ]:
        visit(page, path)
    assert violations == []


@pytest.mark.parametrize("path", ["/api/v1/redoc/", "/api/v1/docs/"])
def test_the_api_docs_load_nothing_from_another_host(watched, live_server, path):
    page, violations, hosts = watched
    response = visit(page, path)
    page.wait_for_timeout(1500)  # Redoc renders the schema after it arrives

    assert hosts == {urlsplit(live_server.url).netloc}
    assert "googleapis" not in response.text() and "jsdelivr" not in response.text()
    assert page.locator("text=Sheatufim API").first.is_visible()
    assert violations == []
