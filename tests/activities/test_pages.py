"""Activity pages and actions × personas (allowed 200/302, others 403, outsiders and other
initiatives 404, visitors to the sign-in page), and what each page shows."""

import pytest
from django.urls import reverse

from activities import services
from activities.models import Activity, ActivityRole, ActivityStatus
from activities.services import ActivityDraft
from agenda import services as agenda_services
from tests.activities.factories import activity
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory
from tests.personas import PERSONAS, check, login_as

READERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
ADDERS = {"backbone", "partner", "superuser"}
MANAGERS = {"backbone", "superuser"}


def expected(persona, allowed, *, ok=200, denied=403):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return ok if persona in allowed else denied


def url(name, world, *args):
    return reverse(f"activities:{name}", args=[world.initiative.slug, *args])


@pytest.fixture
def own(world, strategies):
    """An activity of the partner's organization."""
    return activity(world, strategies[0], title="Math clubs", role=ActivityRole.LEAD)


@pytest.fixture
def others(world, strategies):
    """An activity of another organization of the same initiative."""
    return activity(world, strategies[1], organization=world.second_org, title="Robotics")


def form_data(world, strategy, **changes):
    data = {
        "organization": world.partner_org.pk,  # staff choose it; a partner's is their own
        "strategy": strategy.pk,
        "title": "Science fair",
        "role": "partner",
        "status": "planned",
        "population": "",
        "geography": "",
        "starts_on": "",
        "ends_on": "",
        "description": "",
    }
    return {**data, **changes}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["list", "matrix", "detail"])
def test_members_read_the_pages(client, world, own, persona, page):
    login_as(client, world, persona)
    args = [own.pk] if page == "detail" else []
    check(client.get(url(page, world, *args)), expected(persona, READERS))


@pytest.mark.parametrize("persona", PERSONAS)
def test_those_who_add_activities_open_the_form(client, world, strategies, persona):
    login_as(client, world, persona)
    check(client.get(url("create", world)), expected(persona, ADDERS))


@pytest.mark.parametrize("persona", PERSONAS)
def test_those_who_add_activities_add_one(client, world, strategies, persona):
    login_as(client, world, persona)
    response = client.post(url("create", world), form_data(world, strategies[0]))
    check(response, expected(persona, ADDERS, ok=302))
    assert Activity.objects.filter(title="Science fair").exists() is (persona in ADDERS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("whose", ["own", "others"])
def test_edit_form_opens_for_those_who_may_change_it(client, world, own, others, persona, whose):
    target = own if whose == "own" else others
    allowed = ADDERS if whose == "own" else MANAGERS
    login_as(client, world, persona)
    check(client.get(url("edit", world, target.pk)), expected(persona, allowed))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("whose", ["own", "others"])
def test_an_activity_is_changed_only_by_those_who_may(
    client, world, strategies, own, others, persona, whose
):
    target = own if whose == "own" else others
    allowed = ADDERS if whose == "own" else MANAGERS
    login_as(client, world, persona)
    data = form_data(world, strategies[1], title="Renamed", organization=target.organization_id)
    response = client.post(url("edit", world, target.pk), data)
    check(response, expected(persona, allowed, ok=302))
    target.refresh_from_db()
    assert (target.title == "Renamed") is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("whose", ["own", "others"])
def test_the_delete_confirmation_opens_for_those_who_may(
    client, world, own, others, persona, whose
):
    target = own if whose == "own" else others
    allowed = ADDERS if whose == "own" else MANAGERS
    login_as(client, world, persona)
    check(client.get(url("delete", world, target.pk)), expected(persona, allowed))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("whose", ["own", "others"])
def test_an_activity_is_deleted_only_by_those_who_may(client, world, own, others, persona, whose):
    target = own if whose == "own" else others
    allowed = ADDERS if whose == "own" else MANAGERS
    login_as(client, world, persona)
    response = client.post(url("delete", world, target.pk))
    check(response, expected(persona, allowed, ok=302))
    assert Activity.objects.filter(pk=target.pk).exists() is (persona not in allowed)


def test_deleting_takes_a_post(client, world, own):
    client.force_login(world.backbone)
    response = client.get(url("delete", world, own.pk))
    assert "Delete the activity" in response.text
    assert Activity.objects.filter(pk=own.pk).exists()
    assert client.put(url("delete", world, own.pk)).status_code == 405


@pytest.fixture
def foreign(world):
    """An activity of the other initiative, under a strategy of its own agenda."""
    user, initiative = world.superuser, world.other_initiative
    agenda_services.version_draft_start(user=user, initiative=initiative)
    goal = agenda_services.goal_save(user=user, initiative=initiative, title="Jobs")
    strategy = agenda_services.strategy_save(user=user, goal=goal, title="Job fairs")
    return services.activity_create(
        user=user,
        initiative=initiative,
        draft=ActivityDraft(organization=world.other_org, strategy=strategy, title="Foreign"),
    )


@pytest.mark.parametrize("name", ["detail", "edit", "delete"])
def test_another_initiatives_activity_is_404(client, world, strategies, foreign, name):
    client.force_login(world.backbone)
    assert client.get(url(name, world, foreign.pk)).status_code == 404
    if name != "detail":
        assert client.post(url(name, world, foreign.pk)).status_code == 404
    client.force_login(world.superuser)  # even for whom may see both: not under this slug
    assert client.get(url(name, world, foreign.pk)).status_code == 404
    assert Activity.objects.get(pk=foreign.pk).title == "Foreign"


def test_other_initiatives_activities_never_appear(client, world, own, foreign):
    client.force_login(world.superuser)
    for page in ("list", "matrix"):
        text = client.get(url(page, world)).text
        assert "Math clubs" in text
        assert "Foreign" not in text and "Ofek" not in text


def test_the_list_shows_each_activity_with_its_strategy_and_goal(client, world, own, others):
    client.force_login(world.viewer)
    text = client.get(url("list", world)).text
    for shown in ("Math clubs", "Robotics", "Masar", "Gesher", "Strategy 0.0", "Goal 0", "Lead"):
        assert shown in text
    assert "2 activities" in text


@pytest.mark.parametrize(
    "persona, add, import_, export",
    [
        ("backbone", True, True, True),
        ("superuser", True, True, True),
        ("partner", True, False, True),
        ("facilitator", False, False, True),
        ("viewer", False, False, True),
    ],
)
def test_the_list_offers_what_the_reader_may_do(client, world, own, persona, add, import_, export):
    login_as(client, world, persona)
    text = client.get(url("list", world)).text
    assert (url("create", world) in text) is add
    assert (url("import", world) in text) is import_
    assert (url("export", world) in text) is export


def test_edit_and_delete_buttons_only_for_who_may_change(client, world, own, others):
    client.force_login(world.partner)
    assert url("edit", world, own.pk) in client.get(url("detail", world, own.pk)).text
    text = client.get(url("detail", world, others.pk)).text
    assert url("edit", world, others.pk) not in text
    assert url("delete", world, others.pk) not in text
    client.force_login(world.viewer)
    assert url("edit", world, own.pk) not in client.get(url("detail", world, own.pk)).text


def test_the_detail_links_its_indicators_to_their_pages(client, world, strategies):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5", name="Math 5 units")
    done = activity(world, strategies[0], indicators=[indicator], population="Girls")
    client.force_login(world.viewer)
    text = client.get(url("detail", world, done.pk)).text
    link = reverse("measurement:indicator_detail", args=[world.initiative.slug, indicator.pk])
    assert f'href="{link}"' in text
    assert "Math 5 units" in text and "Girls" in text


def test_a_partners_organization_is_fixed_to_their_own(client, world, strategies):
    client.force_login(world.partner)
    page = client.get(url("create", world)).text
    assert 'name="organization"' not in page
    assert "Masar" in page
    data = form_data(world, strategies[0], organization=world.second_org.pk)
    assert client.post(url("create", world), data).status_code == 302
    assert Activity.objects.get(title="Science fair").organization == world.partner_org


def test_staff_choose_among_participating_organizations(client, world, strategies):
    outside = OrganizationFactory(name="Not taking part")
    client.force_login(world.backbone)
    page = client.get(url("create", world)).text
    assert 'name="organization"' in page
    assert "Gesher" in page and "Not taking part" not in page
    data = form_data(world, strategies[0], organization=world.second_org.pk)
    assert client.post(url("create", world), data).status_code == 302
    assert Activity.objects.get(title="Science fair").organization == world.second_org
    assert outside.pk  # (built so that the page can leave it out)


def test_strategies_are_grouped_under_their_goals_and_indicators_are_checkboxes(
    client, world, strategies
):
    IndicatorFactory(initiative=world.initiative, code="MATH5")
    IndicatorFactory(initiative=world.initiative, code="OLD", is_active=False)
    client.force_login(world.backbone)
    page = client.get(url("create", world)).text
    assert page.count("<optgroup") == 2
    assert 'label="\u2068Goal 0\u2069"' in page
    assert 'type="checkbox" name="indicators"' in page
    assert "MATH5" in page and "OLD" not in page
    assert 'type="date"' in page


def test_a_strategy_in_the_address_is_chosen(client, world, strategies):
    client.force_login(world.backbone)
    page = client.get(url("create", world), {"strategy": strategies[1].pk}).text
    assert f'value="{strategies[1].pk}" selected' in page


def test_the_edit_form_shows_the_activity_and_saves_only_through_the_service(
    client, world, strategies, own
):
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    client.force_login(world.partner)
    page = client.get(url("edit", world, own.pk)).text
    assert 'value="Math clubs"' in page
    data = form_data(
        world,
        strategies[0],
        title="Math clubs",
        role="lead",
        status="active",
        starts_on="2026-09-01",
        ends_on="2027-06-30",
        indicators=[indicator.pk],
    )
    assert client.post(url("edit", world, own.pk), data).status_code == 302
    own.refresh_from_db()
    assert own.status == ActivityStatus.ACTIVE
    assert str(own.ends_on) == "2027-06-30"
    assert list(own.indicators.all()) == [indicator]


def test_the_matrix_shows_gaps_and_overlaps_in_words(client, world, strategies):
    activity(world, strategies[0], role=ActivityRole.LEAD, geography="Negev")
    activity(
        world,
        strategies[0],
        organization=world.second_org,
        role=ActivityRole.LEAD,
        title="Olympiad",
        geography="negev ",
    )
    client.force_login(world.viewer)
    text = client.get(url("matrix", world)).text
    assert "Overlap" in text and "Several leads for one population and geography" in text
    assert "No active activity and no lead" in text  # the other strategies
    assert "A strategy is a gap when" in text and "An overlap is" in text
    assert "the status filter does not change them" in text
    assert "Olympiad" in text and "Gesher" in text


def test_the_matrix_shows_the_gap_closing(client, world, strategies):
    client.force_login(world.viewer)
    assert client.get(url("matrix", world)).text.count('class="is-gap"') == 4
    activity(world, strategies[0], role=ActivityRole.LEAD)
    text = client.get(url("matrix", world)).text
    assert text.count('class="is-gap"') == 3
    assert "Covered" in text


def test_the_filters_narrow_the_matrix_and_stay_in_the_address(client, world, strategies):
    activity(world, strategies[0], geography="Negev", title="Negev clubs")
    activity(world, strategies[2], geography="Galilee", title="Galilee clubs")
    client.force_login(world.viewer)
    goal = strategies[0].goal
    text = client.get(url("matrix", world), {"goal": goal.pk}).text
    assert "Negev clubs" in text and "Galilee clubs" not in text
    text = client.get(url("matrix", world), {"geography": "galilee"}).text
    assert "Galilee clubs" in text and "Negev clubs" not in text
    assert '<option value="galilee" selected>' in text
    text = client.get(url("list", world), {"geography": "galilee"}).text
    assert "Galilee clubs" in text and "Negev clubs" not in text


def test_geography_choices_are_the_distinct_values_in_their_first_written_form(
    client, world, strategies
):
    activity(world, strategies[0], geography="Negev", population="Girls")
    activity(world, strategies[1], geography="  NEGEV ", population="girls")
    activity(world, strategies[2], geography="Haifa")
    client.force_login(world.viewer)
    text = client.get(url("matrix", world)).text
    assert text.count('<option value="negev"') == 1
    assert '<option value="negev">\u2068Negev\u2069</option>' in text
    assert '<option value="girls">\u2068Girls\u2069</option>' in text
    assert '<option value="haifa">' in text


@pytest.mark.parametrize("page", ["matrix", "list"])
def test_the_htmx_fragment_is_only_the_region(client, world, own, page):
    client.force_login(world.viewer)
    region = "matrix" if page == "matrix" else "results"
    response = client.get(url(page, world), {"status": "active"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    text = response.text.strip()
    assert text.startswith(f'<div id="{region}"') or text.startswith(f'<section id="{region}"')
    assert "<html" not in text and "activity-filters" not in text and "nav-tabs" not in text
    assert "Math clubs" in text
    assert "HX-Request" in response["Vary"]


def test_the_filter_form_drives_htmx_and_works_without_it(client, world, own):
    client.force_login(world.viewer)
    text = client.get(url("matrix", world)).text
    assert f'hx-get="{url("matrix", world)}"' in text
    assert 'hx-push-url="true"' in text and 'hx-target="#matrix"' in text
    assert f'<form method="get" action="{url("matrix", world)}"' in text


def test_organization_columns_are_paged_and_the_pages_keep_the_filters(client, world, strategies):
    for i in range(30):
        organization = OrganizationFactory(name=f"Org {i:02}", sector="business")
        ParticipationFactory(initiative=world.initiative, organization=organization)
    client.force_login(world.viewer)
    text = client.get(url("matrix", world), {"sector": "business"}).text
    assert "Organizations 1–25 of 30" in text
    assert "?sector=business&amp;page=2" in text
    assert "Org 24" in text and "Org 25" not in text
    text = client.get(url("matrix", world), {"sector": "business", "page": 2}).text
    assert "Org 25" in text and "Org 24" not in text
    assert "?sector=business&amp;page=1" in text


def test_the_navigation_leads_to_the_activity_pages(client, world, own):
    client.force_login(world.viewer)
    matrix_url = url("matrix", world)
    for page in (
        reverse("initiatives:detail", args=[world.initiative.slug]),
        reverse("agenda:agenda", args=[world.initiative.slug]),
        reverse("measurement:dashboard", args=[world.initiative.slug]),
    ):
        assert f'href="{matrix_url}"' in client.get(page).text, page
