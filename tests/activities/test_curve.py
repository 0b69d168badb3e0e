"""Who is working on this curve: the indicator page and the dashboard's cards show the current
activities that aim to move each indicator, asked through measurement's signal."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import ActivityRole, ActivityStatus
from activities.selectors import CurveCount, curve_counts, curve_work
from activities.signals import curve_work_answer
from agenda.models import Strategy
from measurement import signals
from tests.activities.factories import activity
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory, assign

pytestmark = pytest.mark.django_db


def indicator_url(world, indicator) -> str:
    return reverse("measurement:indicator_detail", args=[world.initiative.slug, indicator.pk])


def dashboard_url(world) -> str:
    return reverse("measurement:dashboard", args=[world.initiative.slug])


def page(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def section(html: str) -> str:
    found = re.search(r'<section[^>]*id="curve-work".*?</section>', html, re.S)
    assert found, "no section of who is working on this curve"
    return found.group(0)


def card(html: str, indicator) -> str:
    found = re.search(
        rf'<article[^>]*aria-labelledby="card-{indicator.pk}".*?</article>', html, re.S
    )
    assert found, f"no card of {indicator.code}"
    return found.group(0)


@pytest.fixture
def curve(world, strategies):
    """MATH5, moved by two current activities of the partner and one of the second
    organization under two strategies; a stopped one and one of another indicator."""
    math5 = IndicatorFactory(initiative=world.initiative, code="MATH5")
    other = IndicatorFactory(initiative=world.initiative, code="OTHER")
    for indicator in (math5, other):
        assign(indicator, world.partner_org)
    clubs = activity(
        world, strategies[0], title="Math clubs", role=ActivityRole.LEAD, indicators=[math5]
    )
    camps = activity(
        world,
        strategies[2],
        title="Summer camps",
        status=ActivityStatus.PLANNED,
        indicators=[math5, other],
    )
    tutors = activity(
        world,
        strategies[2],
        organization=world.second_org,
        title="Student tutors",
        role=ActivityRole.SUPPORTER,
        indicators=[math5],
    )
    activity(
        world, strategies[1], title="Old pilot", status=ActivityStatus.STOPPED, indicators=[math5]
    )
    return math5, other, [clubs, camps, tutors]


@pytest.mark.parametrize("persona", ["backbone", "partner", "viewer", "facilitator"])
def test_indicator_page_lists_current_activities_by_strategy(
    client, world, strategies, curve, persona
):
    math5, _other, (clubs, camps, tutors) = curve
    client.force_login(getattr(world, persona))
    shown = section(page(client, indicator_url(world, math5)))
    assert "3 activities by 2 organizations" in shown
    # By strategy, in the agenda's order, each with its organization, link, role and status.
    assert shown.index(strategies[0].title) < shown.index("Math clubs")
    assert (
        shown.index("Math clubs") < shown.index(strategies[2].title) < shown.index("Summer camps")
    )
    for made in (clubs, camps, tutors):
        assert reverse("activities:detail", args=[world.initiative.slug, made.pk]) in shown
    assert "Masar" in shown and "Gesher" in shown
    assert "Lead" in shown and "Supporter" in shown
    assert "Planned" in shown and "Active" in shown
    assert "Old pilot" not in shown and strategies[1].title not in shown


def test_dashboard_card_sums_up_the_work_and_links_to_the_section(client, world, curve):
    math5, other, _made = curve
    client.force_login(world.backbone)
    html = page(client, dashboard_url(world))
    target = indicator_url(world, math5) + "#curve-work"
    assert f'href="{target}"' in card(html, math5)
    assert "3 activities by 2 organizations" in card(html, math5)
    assert "1 activity by 1 organization" in card(html, other)
    # The filters' fragment shows the same cards.
    fragment = page(client, dashboard_url(world), **{"HX-Request": "true", "HX-Target": "cards"})
    assert "3 activities by 2 organizations" in card(fragment, math5)


def test_within_a_strategy_the_leads_come_first(client, world, strategies):
    indicator = IndicatorFactory(initiative=world.initiative)
    activity(world, strategies[0], title="Grants", role=ActivityRole.FUNDER, indicators=[indicator])
    activity(world, strategies[0], title="Clubs", role=ActivityRole.LEAD, indicators=[indicator])
    client.force_login(world.backbone)
    shown = section(page(client, indicator_url(world, indicator)))
    assert shown.index("Clubs") < shown.index("Grants")


def test_an_indicator_no_one_works_on_says_so(client, world, strategies):
    lonely = IndicatorFactory(initiative=world.initiative)
    client.force_login(world.backbone)
    assert "No current activity aims to move this indicator yet." in section(
        page(client, indicator_url(world, lonely))
    )
    assert "No current activity aims to move it." in card(
        page(client, dashboard_url(world)), lonely
    )


def test_work_of_another_initiative_or_a_retired_strategy_is_not_shown(
    client, world, curve, strategies
):
    math5, _other, _made = curve
    Strategy.objects.filter(pk=strategies[2].pk).update(retired=True)
    client.force_login(world.backbone)
    shown = section(page(client, indicator_url(world, math5)))
    assert "1 activity by 1 organization" in shown
    assert "Summer camps" not in shown and "Student tutors" not in shown


def test_the_receiver_answers_nothing_to_who_may_not_see_the_initiative(world, curve):
    math5, _other, _made = curve
    asked = {"initiative": world.initiative, "indicator_ids": [math5.pk]}
    for detail in (True, False):
        assert signals.curve_work(user=world.outsider, detail=detail, **asked) is None
        assert signals.curve_work(user=world.other_partner, detail=detail, **asked) is None
        seen = signals.curve_work(user=world.viewer, detail=detail, **asked)[math5.pk]
        assert (seen.activity_count, seen.organization_count) == (3, 2)


def test_the_counts_are_the_listed_works(world, strategies, curve):
    math5, other, _made = curve
    lonely = IndicatorFactory(initiative=world.initiative)
    ids = [math5.pk, other.pk, lonely.pk]
    listed = curve_work(initiative=world.initiative, indicator_ids=ids)
    counted = curve_counts(initiative=world.initiative, indicator_ids=ids)
    assert set(counted) == set(listed) == {math5.pk, other.pk}
    for pk, work in listed.items():
        assert counted[pk] == CurveCount(len(work.activities), work.organization_count)


def test_a_failing_receiver_leaves_the_figures_on_the_page(client, world, curve):
    math5, _other, _made = curve

    def broken(sender, **kwargs):
        raise RuntimeError("the activities database is gone")

    signals.curve_work_wanted.connect(broken, dispatch_uid="test.broken")
    try:
        client.force_login(world.backbone)
        html = page(client, indicator_url(world, math5))
        assert "3 activities by 2 organizations" in section(html)  # the other answer stays
        assert page(client, dashboard_url(world))
    finally:
        signals.curve_work_wanted.disconnect(dispatch_uid="test.broken")


def test_without_a_receiver_the_pages_say_nothing_of_the_work(client, world, curve):
    math5, _other, _made = curve
    signals.curve_work_wanted.disconnect(dispatch_uid="activities.curve_work")
    try:
        client.force_login(world.backbone)
        assert 'id="curve-work"' not in page(client, indicator_url(world, math5))
        assert "aims to move" not in page(client, dashboard_url(world))
    finally:
        signals.curve_work_wanted.connect(curve_work_answer, dispatch_uid="activities.curve_work")


# --- query counts ------------------------------------------------------------------------


def queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as context:
        page(client, url, **headers)
    return len(context.captured_queries)


def grow(world, strategies, indicators, organizations, per_organization) -> list:
    """More indicators, more organizations, and their activities aiming at every indicator."""
    made = [IndicatorFactory(initiative=world.initiative) for _ in range(indicators)]
    for _ in range(organizations):
        organization = OrganizationFactory()
        ParticipationFactory(initiative=world.initiative, organization=organization)
        for n in range(per_organization):
            activity(
                world,
                strategies[n % len(strategies)],
                organization=organization,
                title=f"Activity {n}",
                indicators=made,
            )
    return made


def without_the_receiver(client, url, **headers) -> int:
    signals.curve_work_wanted.disconnect(dispatch_uid="activities.curve_work")
    try:
        return queries(client, url, **headers)
    finally:
        signals.curve_work_wanted.connect(curve_work_answer, dispatch_uid="activities.curve_work")


def test_dashboard_query_count_is_flat_and_one_more_with_the_work(client, world, strategies):
    client.force_login(world.backbone)
    url = dashboard_url(world)
    htmx = {"HX-Request": "true", "HX-Target": "cards"}
    grow(world, strategies, indicators=2, organizations=1, per_organization=2)
    small = (queries(client, url), queries(client, url, **htmx))
    grow(world, strategies, indicators=6, organizations=4, per_organization=5)
    large = (queries(client, url), queries(client, url, **htmx))
    assert large == small, f"{small} queries with little data, {large} with more"
    assert small[0] - without_the_receiver(client, url) <= 1
    assert small[1] - without_the_receiver(client, url, **htmx) <= 1


def test_indicator_page_query_count_is_flat_and_one_more_with_the_work(client, world, strategies):
    client.force_login(world.backbone)
    indicator = grow(world, strategies, indicators=1, organizations=1, per_organization=2)[0]
    url = indicator_url(world, indicator)
    small = queries(client, url)
    for _ in range(4):
        organization = OrganizationFactory()
        ParticipationFactory(initiative=world.initiative, organization=organization)
        for n in range(5):
            activity(world, strategies[n % 4], organization=organization, indicators=[indicator])
    assert "22 activities by 5 organizations" in section(page(client, url))
    assert queries(client, url) == small
    assert small - without_the_receiver(client, url) <= 1
