"""axe-core over the backbone's pages (condition health, the workplan with the backbone's
indicators, its forms, the phase checklist) in English, Hebrew and Arabic, for the staff (with
the forms) and a partner (reading)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backbone.models import BackboneFunction, PhaseItem, TaskStatus
from backbone.services import phases as phase_services
from backbone.services.function_indicators import function_indicator_set
from measurement.models import IndicatorKind
from tests.backbone import workplan_factories as plans
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def backbone_data(world):
    plan = plans.workplan(world, year=timezone.localdate().year)
    goal = plans.objective(world, plan, BackboneFunction.FUNDING, title="גיוס משאבים לשלוש שנים")
    late = timezone.localdate() - timedelta(days=3)
    task = plans.task(world, goal, title="Renew the grants", status=TaskStatus.IN_PROGRESS,
                      due_on=late, owner=world.backbone)  # fmt: skip
    # A live-server test empties the tables between tests: the shipped checklist may be gone.
    item, _new = PhaseItem.objects.get_or_create(
        key="p0-governance-champion",
        defaults={"phase": 0, "component": "governance", "text": "An influential champion"},
    )
    phase_services.phase_check(initiative=world.initiative, item=item, done=True,
                               evidence="פרוטוקול ועדת ההיגוי", by=world.backbone)  # fmt: skip
    phase_services.phase_change(initiative=world.initiative, to_phase=1, note="Ready.",
                                by=world.backbone)  # fmt: skip
    indicator = IndicatorFactory(
        initiative=world.initiative, kind=IndicatorKind.BACKBONE, name="Partners served well"
    )
    IndicatorFactory(initiative=world.initiative, kind=IndicatorKind.BACKBONE, name="Funds")
    function_indicator_set(indicator=indicator, function="funding", by=world.backbone)
    return plan, goal, task


PAGES = {
    "backbone": [
        "/initiatives/{slug}/backbone/",
        "/initiatives/{slug}/backbone/workplan/{year}/",
        "/initiatives/{slug}/backbone/workplan/{year}/objectives/new/",
        "/initiatives/{slug}/backbone/workplan/tasks/{task}/edit/",
        "/initiatives/{slug}/backbone/phases/",
    ],
    "partner": [
        "/initiatives/{slug}/backbone/workplan/{year}/",
        "/initiatives/{slug}/backbone/phases/",
    ],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(PAGES))
def test_backbone_pages_have_no_serious_accessibility_violation(
    page, live_server, world, backbone_data, persona, language
):
    plan, _goal, task = backbone_data
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, getattr(world, persona).email, PASSWORD)
    found = {}
    for template in PAGES[persona]:
        path = template.format(slug=world.initiative.slug, year=plan.year, task=task.pk)
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        if violations := serious_violations(page):
            found[path] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
