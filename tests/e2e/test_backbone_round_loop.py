"""The backbone's assessment loop in a browser, in English and in Hebrew: backbone staff
prepare a round and open it, two partners answer it (one saves a draft first), the round is
closed; then its results show the partners' mean and the backbone's line of condition health
changes from "no data yet" to the round's score."""

import pytest
from django.urls import reverse
from django.utils import timezone

from backbone.models import AssessmentRound, Benchmark, ResponseState, RoundState
from initiatives.models import Role
from tests.backbone.round_factories import template
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

# The two partners' levels for the template's four benchmarks: a mean of 2.50.
LEVELS = {"partner": ["4", "3", "2", "cannot_say"], "second": ["1", "2", "3", "3"]}


def _health_line(page, slug):
    page.goto(reverse("backbone:overview", args=[slug]))
    line = page.locator('[data-condition="backbone"]')
    return line.get_attribute("data-status"), line.inner_text()


def _answer(page, slug, round_pk, levels, *, draft_first=False):
    page.goto(reverse("backbone:answer", args=[slug, round_pk]))
    ids = list(
        Benchmark.objects.filter(section__template__key="test-conditions")
        .order_by("section__order", "order")
        .values_list("pk", flat=True)
    )
    if draft_first:
        page.check(f'input[name="level_{ids[0]}"][value="{levels[0]}"]')
        page.fill(f'textarea[name="comment_{ids[0]}"]', "נראה טוב – good so far")
        page.click('button[name="save"]')
        page.goto(reverse("backbone:answer", args=[slug, round_pk]))
        assert page.is_checked(f'input[name="level_{ids[0]}"][value="{levels[0]}"]')
    # Submitting with one benchmark unanswered is refused at that benchmark, nothing lost.
    for pk, level in zip(ids[:-1], levels[:-1], strict=True):
        page.check(f'input[name="level_{pk}"][value="{level}"]')
    page.click('button[name="submit"]')
    assert page.locator(f"#id_level_{ids[-1]}_error").count() == 1
    assert page.is_checked(f'input[name="level_{ids[0]}"][value="{levels[0]}"]')
    page.check(f'input[name="level_{ids[-1]}"][value="{levels[-1]}"]')
    page.click('button[name="submit"]')
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "he"])
def test_a_round_from_opening_to_results_and_health(page, live_server, world, language):
    made = template()  # the live server's database is emptied between tests: one of our own
    second = UserFactory(email="second@example.org")
    MembershipFactory(
        user=second, initiative=world.initiative, role=Role.PARTNER, organization=world.second_org
    )
    people = {"partner": world.partner, "second": second}
    slug = world.initiative.slug
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )

    sign_in(page, world.backbone.email, PASSWORD)
    before_status, before_text = _health_line(page, slug)
    assert before_status == "no_data"
    assert page.get_attribute("html", "dir") == ("rtl" if language == "he" else "ltr")

    page.goto(reverse("backbone:round_create", args=[slug]))
    page.select_option("#id_template", value=str(made.pk))
    page.fill("#id_title", "סבב בדיקה" if language == "he" else "Test round")
    today = timezone.localdate()
    page.fill("#id_opens_on", today.isoformat())
    page.fill("#id_closes_on", (today.replace(year=today.year + 1)).isoformat())
    page.uncheck("#id_anonymous")  # a named round: two respondents' figures are shown
    page.click('main form button[type="submit"]')
    round_ = AssessmentRound.objects.get()
    assert round_.state == RoundState.DRAFT and not round_.anonymous
    page.goto(reverse("backbone:round_detail", args=[slug, round_.pk]))
    page.click(f'form[action="{reverse("backbone:round_open", args=[slug, round_.pk])}"] button')
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN
    page.context.clear_cookies()

    for name, user in people.items():
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        sign_in(page, user.email, PASSWORD)
        # The round list calls the respondent to answer.
        page.goto(reverse("backbone:round_list", args=[slug]))
        answer_url = reverse("backbone:answer", args=[slug, round_.pk])
        assert page.locator(f'a[href="{answer_url}"]').count() >= 1
        _answer(page, slug, round_.pk, LEVELS[name], draft_first=name == "partner")
        page.context.clear_cookies()
    states = set(
        round_.responses.filter(organization__isnull=False)
        .exclude(organization=world.initiative.backbone)
        .values_list("state", flat=True)
    )
    assert states == {ResponseState.SUBMITTED}

    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, world.backbone.email, PASSWORD)
    page.goto(reverse("backbone:round_detail", args=[slug, round_.pk]))
    page.click(f'form[action="{reverse("backbone:round_close", args=[slug, round_.pk])}"] button')
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED

    page.goto(reverse("backbone:round_results", args=[slug, round_.pk]))
    html = page.content()
    # (4+3+2 + 1+2+3+3) / 7 levels given ("I cannot say" counts for none).
    assert "2.57" in html
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"backbone-round-results-{language}.png"), full_page=True)

    after_status, after_text = _health_line(page, slug)
    assert after_status != "no_data" and after_text != before_text
    assert "2.57" in after_text
    page.screenshot(path=str(ARTIFACTS / f"backbone-health-{language}.png"), full_page=True)
