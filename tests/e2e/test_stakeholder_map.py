"""The stakeholder map in a browser, in English and Hebrew: cytoscape draws every organization
(the canvas is there and the count drawn is the table's), the table names the same
organizations, the picture downloads as a PNG, and the console has no error (the
Content-Security-Policy refuses nothing); axe-core over the page in English, Hebrew and
Arabic."""

import pytest
from django.urls import reverse

from initiatives.models import Relationship, Sector
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def mapped(world):
    """The world's three organizations, a fund and a ministry with Hebrew and Arabic names,
    and a few recorded relationships (one organization is left tied to nobody)."""
    fund = OrganizationFactory(
        name="Or Fund",
        sector=Sector.PHILANTHROPY,
        language="en",
        translations={"name": {"he": "קרן אור", "ar": "صندوق أور"}},
    )
    ministry = OrganizationFactory(name="משרד החינוך", sector=Sector.GOVERNMENT)
    for organization in (fund, ministry):
        ParticipationFactory(initiative=world.initiative, organization=organization)
    backbone = world.initiative.backbone
    for source, target, kind in [
        (fund, world.partner_org, "funds"),
        (ministry, world.partner_org, "partners_with"),
        (backbone, ministry, "advises"),
    ]:
        Relationship.objects.create(
            initiative=world.initiative, source=source, target=target, kind=kind, note="Demo"
        )
    return world


def _open(page, live_server, world, language, user):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    sign_in(page, user.email, PASSWORD)
    page.goto(reverse("initiatives:stakeholder_map", args=[world.initiative.slug]))
    page.wait_for_selector('#stakeholder-map[data-nodes-drawn]:not([data-nodes-drawn="0"])')
    return errors


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_map_draws_and_its_table_agrees(page, live_server, mapped, language):
    errors = _open(page, live_server, mapped, language, mapped.backbone)
    assert page.get_attribute("html", "dir") == ("rtl" if language == "he" else "ltr")
    container = page.locator("#stakeholder-map")
    assert container.get_attribute("role") == "img"
    assert container.locator("canvas").count() >= 1
    drawn = int(container.get_attribute("data-nodes-drawn"))
    rows = page.locator("#map-table tbody tr")
    assert drawn == rows.count() == 5
    names = sorted(page.locator("#map-table tbody .map-name").all_inner_texts())
    expected = sorted(
        page.evaluate(
            """() => JSON.parse(document.getElementById("stakeholder-map-data").textContent)
                .nodes.map(n => n.name)"""
        )
    )
    assert names == expected
    assert ("קרן אור" if language == "he" else "Or Fund") in names
    with page.expect_download() as caught:
        page.click("#map-png")
    download = caught.value
    assert download.suggested_filename.endswith(".png")
    path = ARTIFACTS / f"stakeholder-map-{language}.png"
    ARTIFACTS.mkdir(exist_ok=True)
    download.save_as(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.screenshot(path=str(ARTIFACTS / f"stakeholder-map-page-{language}.png"), full_page=True)
    assert errors == []


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", ["backbone", "viewer"])
def test_the_map_page_passes_axe(page, live_server, mapped, language, persona):
    _open(page, live_server, mapped, language, getattr(mapped, persona))
    assert serious_violations(page) == []
