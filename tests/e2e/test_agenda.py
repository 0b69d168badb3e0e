"""The agenda in a browser: a backbone drafts and adopts, a partner endorses; and axe-core over
the agenda pages in English, Hebrew and Arabic (right to left)."""

import pytest

from agenda import services
from agenda.models import Endorsement, VersionState
from tests.agenda.factories import adopted_agenda
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_backbone_adopts_and_partner_endorses(page, live_server, world):
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/agenda/")
    page.get_by_role("button", name="Write the agenda").click()
    page.get_by_label("Vision").fill("Every student who can excel does")
    page.get_by_role("button", name="Save the sections").click()
    page.locator("#id_new-goal-title").fill("More students in 5-unit math")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_role("button", name="Adopt this version").click()
    assert page.url.endswith(f"/initiatives/{world.initiative.slug}/agenda/")
    assert "More students in 5-unit math" in page.content()
    page.context.clear_cookies()

    sign_in(page, world.partner.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/agenda/")
    page.get_by_label("Endorsed").check()
    page.get_by_role("button", name="Send").click()
    assert "1</strong> of 3" in page.content()
    endorsement = Endorsement.objects.get()
    assert endorsement.organization == world.partner_org
    assert endorsement.version.state == VersionState.ADOPTED


@pytest.fixture
def agenda_with_draft(world):
    adopted = adopted_agenda(world, goals=2, strategies=2)
    services.endorsement_save(
        user=world.partner, version=adopted, decision="declined", reason="Not yet"
    )
    draft = services.version_draft_start(user=world.backbone, initiative=world.initiative)
    services.version_sections_save(user=world.backbone, version=draft, vision="A new vision")
    services.version_open_for_comment(user=world.backbone, version=draft)
    return draft


PAGES = {
    "backbone": [
        "",
        "draft/",
        "versions/",
        "versions/2/",
        "compare/?old=1&new=2",
        "versions/1/print/",
    ],
    "partner": ["", "versions/2/"],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(PAGES))
def test_agenda_pages_have_no_serious_accessibility_violation(
    page, live_server, world, agenda_with_draft, persona, language
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, getattr(world, persona).email, PASSWORD)
    found = {}
    for number, tail in enumerate(PAGES[persona]):
        path = f"/initiatives/{world.initiative.slug}/agenda/{tail}"
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        if language != "en":
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(
                path=str(ARTIFACTS / f"agenda_{language}_{persona}_{number}.png"), full_page=True
            )
        if violations := serious_violations(page):
            found[path] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
