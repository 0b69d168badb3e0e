"""Activities in a browser: a backbone adopts the agenda it drafted, a partner endorses it and
adds an activity, and the matrix shows the gap closing, in English and Hebrew; the filters
through htmx keep the address; and axe-core over the list, the matrix, an activity, its form
and its deletion in English, Hebrew and Arabic (right to left)."""

from pathlib import Path

import pytest

from activities.models import Activity, ActivityRole, ActivityStatus
from agenda import services as agenda_services
from agenda.models import Endorsement, Strategy, VersionState
from tests.activities.factories import activity
from tests.agenda.factories import adopted_agenda
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD
from tests.measurement.factories import IndicatorFactory

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-pages")


def shoot(page, name: str) -> None:
    for folder in (ARTIFACTS, SHOTS):
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def in_language(page, live_server, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def no_violations(page) -> None:
    violations = serious_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


@pytest.fixture
def draft(world):
    """The backbone's draft: one goal with one strategy (the agenda e2e types its sections)."""
    user, initiative = world.backbone, world.initiative
    version = agenda_services.version_draft_start(user=user, initiative=initiative)
    agenda_services.version_sections_save(user=user, version=version, vision="Everyone excels")
    goal = agenda_services.goal_save(user=user, initiative=initiative, title="More 5-unit math")
    agenda_services.strategy_save(user=user, goal=goal, title="After-school clubs")
    return version


@pytest.mark.parametrize("language", ["en", "he"])
def test_the_gap_closes_when_a_partner_adds_an_activity(page, live_server, world, draft, language):
    slug = world.initiative.slug
    in_language(page, live_server, language)
    goal = draft.initiative.goals.get()

    # The backbone adds a second strategy to the draft and adopts it.
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(f"/initiatives/{slug}/agenda/draft/")
    new_strategy = f"form[action$='/goals/{goal.pk}/strategies/new/']"
    page.locator(f"details:has({new_strategy}) > summary").click()
    page.fill(f"#id_new-strategy-{goal.pk}-title", "Teacher training")
    page.locator(f"{new_strategy} button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/agenda/draft/adopt/'] button[type=submit]").click()
    page.wait_for_url(f"**/initiatives/{slug}/agenda/")
    draft.refresh_from_db()
    assert draft.state == VersionState.ADOPTED
    page.context.clear_cookies()
    in_language(page, live_server, language)

    # The partner endorses it, sees two gaps, adds an activity that leads one strategy.
    sign_in(page, world.partner.email, PASSWORD)
    page.goto(f"/initiatives/{slug}/agenda/")
    page.check("input[name=decision][value=endorsed]")
    page.locator("form[action$='/agenda/endorse/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert Endorsement.objects.get().organization == world.partner_org

    page.goto(f"/initiatives/{slug}/activities/matrix/")
    assert page.get_attribute("html", "dir") == ("rtl" if language == "he" else "ltr")
    assert page.locator("tr.is-gap").count() == 2
    shoot(page, f"matrix_before_{language}")
    no_violations(page)

    clubs = Strategy.objects.get(title="After-school clubs")
    page.locator(f"main a[href$='/activities/new/?strategy={clubs.pk}']").first.click()
    page.wait_for_url("**/activities/new/**")
    assert page.locator("select[name=strategy]").input_value() == str(clubs.pk)
    page.fill("input[name=title]", "מועדוני מתמטיקה" if language == "he" else "Math clubs")
    page.select_option("select[name=role]", "lead")
    page.select_option("select[name=status]", "active")
    page.fill("input[name=geography]", "Negev")
    page.fill("input[name=starts_on]", "2026-09-01")
    no_violations(page)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/activities/*/")
    created = Activity.objects.get()
    assert (created.organization, created.role) == (world.partner_org, ActivityRole.LEAD)
    assert str(created.starts_on) == "2026-09-01"

    page.goto(f"/initiatives/{slug}/activities/matrix/")
    assert page.locator("tr.is-gap").count() == 1
    assert page.locator("td.matrix-summary .flag-ok").count() == 1
    assert page.locator(f"table.matrix a[href$='/activities/{created.pk}/']").count() == 1
    shoot(page, f"matrix_after_{language}")
    no_violations(page)


def test_the_filters_update_the_matrix_and_stay_in_the_address(page, live_server, world):
    adopted_agenda(world, goals=2, strategies=1)
    first, second = Strategy.objects.order_by("id")
    activity(world, first, title="Math clubs", geography="Negev")
    activity(world, second, title="Robotics", status=ActivityStatus.PLANNED)
    sign_in(page, world.viewer.email, PASSWORD)
    page.goto(f"/initiatives/{world.initiative.slug}/activities/matrix/")
    assert page.locator("#matrix").get_by_text("Robotics").count() == 1

    with page.expect_response(lambda response: "status=active" in response.url):
        page.select_option("select[name=status]", "active")
    page.wait_for_url("**/matrix/?*status=active*")
    assert page.locator("#matrix").get_by_text("Robotics").count() == 0
    assert page.locator("#matrix").get_by_text("Math clubs").count() == 1
    assert page.locator("#activity-filters").count() == 1  # the form was not swapped

    page.reload()  # the address holds the filters
    assert page.locator("select[name=status]").input_value() == "active"
    assert page.locator("#matrix").get_by_text("Robotics").count() == 0


@pytest.fixture
def activities(world):
    """Two goals of two strategies, activities with a gap and an overlap, an indicator."""
    adopted_agenda(world, goals=2, strategies=2)
    strategies = list(Strategy.objects.order_by("id"))
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math students")
    lead = activity(
        world,
        strategies[0],
        title="Math clubs",
        role=ActivityRole.LEAD,
        population="Girls",
        geography="Negev",
        indicators=[indicator],
    )
    activity(
        world,
        strategies[0],
        organization=world.second_org,
        title="אולימפיאדה",
        role=ActivityRole.LEAD,
        population="girls",
        geography="negev",
    )
    activity(world, strategies[1], title="Teacher training", status=ActivityStatus.PLANNED)
    activity(
        world,
        strategies[2],
        organization=world.second_org,
        title="Funding labs",
        role=ActivityRole.FUNDER,
    )
    return lead


PAGES = ["", "matrix/", "{pk}/", "new/", "{pk}/edit/", "{pk}/delete/"]


@pytest.mark.parametrize("language", ["en", "he", "ar"])
def test_activity_pages_have_no_serious_accessibility_violation(
    page, live_server, world, activities, language
):
    in_language(page, live_server, language)
    sign_in(page, world.partner.email, PASSWORD)
    found = {}
    for tail in PAGES:
        path = f"/initiatives/{world.initiative.slug}/activities/{tail.format(pk=activities.pk)}"
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        name = tail.format(pk="pk").strip("/").replace("/", "_") or "list"
        shoot(page, f"{name}_{language}")
        if violations := serious_violations(page):
            found[path] = violations
    # A refused form: the errors at their fields are read out too.
    page.goto(f"/initiatives/{world.initiative.slug}/activities/new/")
    page.fill("input[name=starts_on]", "2026-09-01")
    page.fill("input[name=ends_on]", "2026-01-01")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback").count() >= 2
    if language != "en":
        shoot(page, f"form_refused_{language}")
    if violations := serious_violations(page):
        found["refused form"] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )


def test_the_wide_matrix_scrolls_inside_its_region_with_the_strategies_in_view(
    page, live_server, world, activities
):
    from tests.initiatives.factories import OrganizationFactory, ParticipationFactory

    for i in range(12):
        organization = OrganizationFactory(name=f"ארגון {i}" if i % 2 else f"Organization {i}")
        ParticipationFactory(initiative=world.initiative, organization=organization)
    for language in ("en", "he"):
        in_language(page, live_server, language)
        sign_in(page, world.backbone.email, PASSWORD)
        page.goto(f"/initiatives/{world.initiative.slug}/activities/matrix/")
        region = page.locator(".matrix-wrap")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        strategy = page.locator("tbody th.matrix-strategy").first
        before = strategy.bounding_box()
        region.evaluate(
            "el => { el.scrollLeft = el.scrollLeft + (document.dir === 'rtl' ? -400 : 400); }"
        )
        after = strategy.bounding_box()
        assert abs(after["x"] - before["x"]) < 1, (language, before, after)
        box, wrap = strategy.bounding_box(), region.bounding_box()
        if language == "he":  # the sticky column is on the right
            assert abs((box["x"] + box["width"]) - (wrap["x"] + wrap["width"])) < 3
        else:
            assert abs(box["x"] - wrap["x"]) < 3
        shoot(page, f"matrix_wide_{language}")
        page.context.clear_cookies()
