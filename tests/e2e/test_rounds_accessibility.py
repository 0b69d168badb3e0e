"""axe-core over the round and answer pages in English, Hebrew and Arabic: the staff (the
list, a named round's page, the round form) and a partner (the list and the answer form with
an error at a benchmark), in the direction of the language."""

import pytest

from backbone.models import Response
from backbone.services import answers as answer_services
from tests.backbone import round_factories as f
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def rounds(world):
    made = f.template()
    named = f.open_round(world, made, title="סבב אביב", anonymous=False)
    answer_services.answers_save(
        response=Response.objects.get(round=named, respondent=world.partner),
        answers={f.benchmark_ids(made)[0]: (3, "تعليق قصير")},
        by=world.partner,
    )
    draft = f.round(world, made, title="Autumn")
    return named, draft


PAGES = {
    "backbone": ["rounds/", "rounds/{named}/", "rounds/new/", "rounds/{draft}/"],
    "partner": ["rounds/", "rounds/{named}/answer/"],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(PAGES))
def test_round_pages_have_no_serious_accessibility_violation(
    page,
    live_server,
    world,
    rounds,
    persona,
    language,
):
    named, draft = rounds
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, getattr(world, persona).email, PASSWORD)
    found = {}
    for template in PAGES[persona]:
        path = f"/initiatives/{world.initiative.slug}/backbone/" + template.format(
            named=named.pk, draft=draft.pk
        )
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        if violations := serious_violations(page):
            found[path] = violations
    if persona == "partner":  # an error at a benchmark, then checked again
        page.click("button[name=submit]")
        assert page.locator(".invalid-feedback").count() == 3
        if violations := serious_violations(page):
            found["answer with errors"] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
