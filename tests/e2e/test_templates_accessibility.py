"""axe-core over the assessment-template pages (the list, a shipped template, an editable copy
and its forms) in English, Hebrew and Arabic, for the staff (with the forms) and a partner
(reading)."""

import importlib

import pytest
from django.apps import apps

from backbone.models import AssessmentTemplate
from backbone.services import templates as services
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD

pytestmark = pytest.mark.browser

shipping = importlib.import_module("backbone.migrations.0003_assessment_templates")


@pytest.fixture
def templates(world):
    # A live-server test empties the tables between tests: load the shipped ones again.
    shipping.load(apps, None)
    shipped = AssessmentTemplate.objects.get(initiative=None, key="five-conditions")
    copy = services.template_copy(template=shipped, initiative=world.initiative, by=world.backbone)
    return shipped, copy


PAGES = {
    "backbone": [
        "/initiatives/{slug}/backbone/assessments/templates/",
        "/initiatives/{slug}/backbone/assessments/templates/{shipped}/",
        "/initiatives/{slug}/backbone/assessments/templates/{copy}/",
        "/initiatives/{slug}/backbone/assessments/templates/{copy}/edit/",
        "/initiatives/{slug}/backbone/assessments/templates/benchmarks/{benchmark}/edit/",
    ],
    "partner": [
        "/initiatives/{slug}/backbone/assessments/templates/",
        "/initiatives/{slug}/backbone/assessments/templates/{copy}/",
    ],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(PAGES))
def test_template_pages_have_no_serious_accessibility_violation(
    page, live_server, world, templates, persona, language
):
    shipped, copy = templates
    benchmark = copy.sections.first().benchmarks.first()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, getattr(world, persona).email, PASSWORD)
    found = {}
    for template in PAGES[persona]:
        path = template.format(
            slug=world.initiative.slug, shipped=shipped.pk, copy=copy.pk, benchmark=benchmark.pk
        )
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        if violations := serious_violations(page):
            found[path] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
