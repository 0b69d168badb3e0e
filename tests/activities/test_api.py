"""The activities endpoints × personas, what a PATCH keeps, bad bodies, and the matrix.

Members of an initiative read its activities; a partner writes their own organization's,
backbone staff (and superusers) any participant's; another initiative's activity is a 404;
an activity one may see but not change is a 403.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, ActivityRole, ActivityStatus
from agenda.models import Strategy
from initiatives.models import InitiativeKind, Sector
from tests.activities.factories import activity, foreign_activity
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import IndicatorFactory
from tests.personas import PERSONAS, api_client_as

pytestmark = pytest.mark.django_db

URL = "/api/v1/activities/"
MATRIX = "/api/v1/activity-matrix/"
IN_INITIATIVE = {"backbone", "partner", "facilitator", "viewer", "superuser"}


@dataclass
class Data:
    own: Activity  # the partner's organization's
    second: Activity  # another organization's, same initiative
    foreign: Activity  # the other initiative's
    indicator: object
    foreign_strategy: Strategy


@pytest.fixture
def data(world, strategies) -> Data:
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    own = activity(
        world,
        strategies[0],
        title="Math clubs",
        role=ActivityRole.LEAD,
        population="Girls",
        geography="Negev",
        indicators=[indicator],
    )
    second = activity(world, strategies[1], organization=world.second_org, title="Tutoring")
    foreign = foreign_activity(world)
    return Data(own, second, foreign, indicator, foreign.strategy)


def _body(world, under, **changes) -> dict:
    """A valid new activity of the partner's organization under the strategy `under`."""
    body = {
        "initiative": "stem",
        "organization": world.partner_org.pk,
        "strategy": under.pk,
        "title": "Robotics",
    }
    return {**body, **changes}


# --- who may do what ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_hold_only_the_users_initiatives(world, data, persona):
    response = api_client_as(world, persona).get(URL)
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    listed = {row["id"] for row in response.json()["results"]}
    expected = {
        "other_partner": {data.foreign.pk},
        "outsider": set(),
        "superuser": {data.own.pk, data.second.pk, data.foreign.pk},
    }.get(persona, {data.own.pk, data.second.pk})
    assert listed == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", ["own", "second", "foreign"])
def test_an_activity_is_read_by_the_members_of_its_initiative(world, data, persona, target):
    response = api_client_as(world, persona).get(f"{URL}{getattr(data, target).pk}/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    members = {"other_partner", "superuser"} if target == "foreign" else IN_INITIATIVE
    assert response.status_code == (200 if persona in members else 404)


CREATE = {
    "backbone": 201,
    "partner": 201,
    "superuser": 201,
    "facilitator": 403,
    "viewer": 403,
    "other_partner": 404,
    "outsider": 404,
    "anonymous": 401,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("organization", ["partner_org", "second_org"])
def test_who_adds_an_activity_for_which_organization(world, strategies, persona, organization):
    body = _body(world, strategies[0], organization=getattr(world, organization).pk)
    response = api_client_as(world, persona).post(URL, body, format="json")
    expected = CREATE[persona]
    if persona == "partner" and organization == "second_org":
        expected = 400
        assert response.json()["errors"] == {
            "organization": ["You may add activities for your own organization only."]
        }
    assert response.status_code == expected, response.content
    assert Activity.objects.filter(title="Robotics").exists() is (expected == 201)
    if expected == 201:
        created = Activity.objects.get(title="Robotics")
        assert created.created_by == getattr(world, persona)
        assert response.json()["organization"] == getattr(world, organization).pk


WRITE = {  # PATCH and DELETE, per target
    "own": {"backbone": 200, "partner": 200, "superuser": 200},
    "second": {"backbone": 200, "superuser": 200},
    "foreign": {"other_partner": 200, "superuser": 200},
}


def _write_expected(persona, target) -> int:
    if persona == "anonymous":
        return 401
    if persona in WRITE[target]:
        return 200
    sees = {"other_partner", "superuser"} if target == "foreign" else IN_INITIATIVE
    return 403 if persona in sees else 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", ["own", "second", "foreign"])
def test_who_changes_an_activity(world, data, persona, target):
    chosen = getattr(data, target)
    response = api_client_as(world, persona).patch(
        f"{URL}{chosen.pk}/", {"status": "completed"}, format="json"
    )
    expected = _write_expected(persona, target)
    assert response.status_code == expected, response.content
    chosen.refresh_from_db()
    assert (chosen.status == ActivityStatus.COMPLETED) is (expected == 200)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", ["own", "second", "foreign"])
def test_who_deletes_an_activity(world, data, persona, target):
    chosen = getattr(data, target)
    response = api_client_as(world, persona).delete(f"{URL}{chosen.pk}/")
    expected = _write_expected(persona, target)
    assert response.status_code == (204 if expected == 200 else expected), response.content
    assert Activity.objects.filter(pk=chosen.pk).exists() is (expected != 200)


def test_a_forbidden_change_is_a_403_whatever_the_body(world, data):
    response = api_client_as(world, "partner").patch(
        f"{URL}{data.second.pk}/", {"status": "bogus"}, format="json"
    )
    assert response.status_code == 403


def test_put_is_not_offered(world, data):
    response = api_client_as(world, "backbone").put(
        f"{URL}{data.own.pk}/", _body(world, data.own.strategy), format="json"
    )
    assert response.status_code == 405


def test_a_spheres_facilitator_manages_its_activities(world, strategies):
    world.initiative.kind = InitiativeKind.SPHERE
    world.initiative.save()
    body = _body(world, strategies[0], organization=world.second_org.pk)
    response = api_client_as(world, "facilitator").post(URL, body, format="json")
    assert response.status_code == 201, response.content


# --- what a write keeps ------------------------------------------------------------------


def test_a_patch_of_the_status_alone_keeps_everything_else(world, data):
    before = Activity.objects.get(pk=data.own.pk)
    response = api_client_as(world, "partner").patch(
        f"{URL}{data.own.pk}/", {"status": "completed"}, format="json"
    )
    assert response.status_code == 200
    after = Activity.objects.get(pk=data.own.pk)
    assert after.status == "completed"
    for name in ("title", "description", "role", "population", "geography", "strategy_id"):
        assert getattr(after, name) == getattr(before, name)
    assert list(after.indicators.all()) == [data.indicator]
    assert response.json()["indicators"] == [data.indicator.pk]
    assert response.json()["geography"] == "Negev"


def test_a_patch_of_indicators_replaces_them_and_an_empty_list_clears_them(world, data):
    client = api_client_as(world, "backbone")
    other = IndicatorFactory(initiative=world.initiative, code="PHYS")
    url = f"{URL}{data.own.pk}/"
    assert client.patch(url, {"indicators": [other.pk]}, format="json").json()["indicators"] == [
        other.pk
    ]
    assert client.patch(url, {"indicators": []}, format="json").json()["indicators"] == []
    assert Activity.objects.get(pk=data.own.pk).title == "Math clubs"


def test_texts_in_three_languages(world, strategies):
    client = api_client_as(world, "partner")
    body = _body(world, strategies[0], title="Robotics", title_he="רובוטיקה", title_ar="  ")
    created = client.post(URL, body, format="json").json()
    assert (created["title"], created["language"]) == ("Robotics", "en")
    assert (created["title_he"], created["title_ar"], created["title_en"]) == (
        "רובוטיקה",
        None,
        None,
    )
    url = f"{URL}{created['id']}/"
    changed = client.patch(url, {"title_ar": "روبوتات", "description_he": "חוג"}, format="json")
    assert changed.json()["title_he"] == "רובוטיקה"  # kept: the PATCH did not name it
    assert changed.json()["title_ar"] == "روبوتات"
    assert changed.json()["description_he"] == "חוג"
    cleared = client.patch(url, {"title_he": None}, format="json").json()
    assert cleared["title_he"] is None and cleared["title_ar"] == "روبوتات"
    assert Activity.objects.get(pk=created["id"]).translations == {
        "title": {"ar": "روبوتات"},
        "description": {"he": "חוג"},
    }


# --- bad input ---------------------------------------------------------------------------


def _named(values: dict, value):
    return values.get(value, value) if isinstance(value, str) else value


@pytest.mark.parametrize(
    "change, field",
    [
        ({"strategy": "foreign"}, "strategy"),
        ({"strategy": 10**12}, "strategy"),
        ({"strategy": "abc"}, "strategy"),
        ({"organization": "other_org"}, "organization"),
        ({"organization": 0}, "organization"),
        ({"role": "boss"}, "role"),
        ({"status": ["active"]}, "status"),
        ({"starts_on": "2026-05-01", "ends_on": "2026-04-01"}, "ends_on"),
        ({"starts_on": "yesterday"}, "starts_on"),
        ({"title": "Math\x00clubs"}, "title"),
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"title_he": "x" * 301}, "title_he"),
        ({"indicators": "1"}, "indicators"),
        ({"indicators": ["x"]}, "indicators.0"),
        ({"indicators": "foreign"}, "indicators"),
        ({"language": "fr"}, "language"),
        ({"initiative": None}, "initiative"),
    ],
)
def test_a_bad_body_is_a_400_at_its_field_and_nothing_is_saved(
    world, data, strategies, change, field
):
    foreign_indicator = IndicatorFactory(initiative=world.other_initiative)
    values = {
        "foreign": data.foreign_strategy.pk,
        "other_org": world.other_org.pk,
    }
    change = {key: _named(values, value) for key, value in change.items()}
    if change.get("indicators") == "foreign":
        change["indicators"] = [foreign_indicator.pk]
    before = Activity.objects.count()
    response = api_client_as(world, "backbone").post(
        URL, _body(world, strategies[0], **change), format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert Activity.objects.count() == before


@pytest.mark.parametrize(
    "change, field",
    [
        ({"strategy": "foreign"}, "strategy"),
        ({"organization": "second_org"}, "organization"),  # a partner: their own only
        ({"ends_on": "2020-01-01", "starts_on": "2021-01-01"}, "ends_on"),
        ({"role": "boss"}, "role"),
        ({"title": "  "}, "title"),
        ({"population": "\x00"}, "population"),
        ({"indicators": [10**12]}, "indicators"),
    ],
)
def test_a_bad_patch_is_a_400_at_its_field_and_changes_nothing(world, data, change, field):
    values = {"foreign": data.foreign_strategy.pk, "second_org": world.second_org.pk}
    change = {key: _named(values, value) for key, value in change.items()}
    before = Activity.objects.values().get(pk=data.own.pk)
    response = api_client_as(world, "partner").patch(
        f"{URL}{data.own.pk}/", {**change, "status": "completed"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert Activity.objects.values().get(pk=data.own.pk) == before
    assert list(Activity.objects.get(pk=data.own.pk).indicators.all()) == [data.indicator]


# --- filters -----------------------------------------------------------------------------


def test_the_list_filters(world, data, strategies):
    client = api_client_as(world, "superuser")

    def listed(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    own, second, foreign = data.own.pk, data.second.pk, data.foreign.pk
    assert listed(initiative="stem") == {own, second}
    assert listed(initiative="employment") == {foreign}
    assert listed(strategy=strategies[1].pk) == {second}
    assert listed(goal=strategies[0].goal_id) == {own, second}  # both strategies of goal 0
    assert listed(goal=strategies[2].goal_id) == set()
    assert listed(organization=world.second_org.pk) == {second}
    assert listed(role="lead") == {own}
    assert listed(status="active") == {own, second}  # the foreign one is planned
    assert listed(status="stopped") == set()
    assert listed(ordering="-id") == {own, second, foreign}


@pytest.mark.parametrize(
    "params",
    [
        {"status": ""},
        {"status": "bogus"},
        {"role": "boss"},
        {"goal": "abc"},
        {"strategy": "0"},
        {"organization": "-1"},
        {"ordering": "title"},
        {"page_size": "0"},
    ],
)
def test_a_bad_filter_is_a_400(world, data, params):
    response = api_client_as(world, "backbone").get(URL, params)
    assert response.status_code == 400
    assert set(params) <= set(response.json()["errors"])


# --- the matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_matrix_is_read_by_the_members(world, data, persona):
    response = api_client_as(world, persona).get(MATRIX, {"initiative": "stem"})
    expected = {"anonymous": 401, "other_partner": 404, "outsider": 404}.get(persona, 200)
    assert response.status_code == expected, response.content


@pytest.fixture
def plan(world, strategies):
    """Strategy 0: two active leads for the same population and geography (an overlap);
    1: a partner, no lead (a gap); 2: nothing (a gap twice over); 3: one lead, planned (no
    active activity: a gap)."""
    s0, s1, s2, s3 = strategies
    one = activity(world, s0, role="lead", population="Girls ", geography="Negev")
    two = activity(
        world, s0, organization=world.second_org, role="lead", population="girls", geography="negev"
    )
    three = activity(world, s1, organization=world.second_org, role="partner")
    four = activity(world, s3, role="lead", status="planned")
    return s0, s1, s2, s3, one, two, three, four


def test_the_matrix_lists_its_gaps_and_overlaps(world, plan):
    s0, s1, s2, s3, one, two, three, four = plan
    body = api_client_as(world, "viewer").get(MATRIX, {"initiative": "stem"}).json()
    rows = {row["id"]: row for row in body["strategies"]}
    assert [row["id"] for row in body["strategies"]] == [s0.pk, s1.pk, s2.pk, s3.pk]
    assert (rows[s0.pk]["active"], rows[s0.pk]["leads"], rows[s0.pk]["gaps"]) == (2, 2, [])
    assert rows[s0.pk]["overlapping"] is True and rows[s1.pk]["overlapping"] is False
    assert rows[s1.pk]["gaps"] == ["no_lead"]
    assert rows[s2.pk]["gaps"] == ["no_active", "no_lead"]
    assert rows[s3.pk]["gaps"] == ["no_active"]
    assert rows[s0.pk]["goal"] == s0.goal_id
    assert body["gaps"] == [
        {"strategy": s1.pk, "reasons": ["no_lead"]},
        {"strategy": s2.pk, "reasons": ["no_active", "no_lead"]},
        {"strategy": s3.pk, "reasons": ["no_active"]},
    ]
    assert body["overlaps"] == [
        {
            "strategy": s0.pk,
            "population": "Girls",
            "geography": "Negev",
            "activities": [one.pk, two.pk],
            "organizations": [world.partner_org.pk, world.second_org.pk],
        }
    ]
    cells = {(cell["strategy"], cell["organization"]): cell["activities"] for cell in body["cells"]}
    assert cells == {
        (s0.pk, world.partner_org.pk): [{"id": one.pk, "role": "lead", "status": "active"}],
        (s0.pk, world.second_org.pk): [{"id": two.pk, "role": "lead", "status": "active"}],
        (s1.pk, world.second_org.pk): [{"id": three.pk, "role": "partner", "status": "active"}],
        (s3.pk, world.partner_org.pk): [{"id": four.pk, "role": "lead", "status": "planned"}],
    }
    names = [organization["name"] for organization in body["organizations"]]
    assert names == sorted(names) and "Masar" in names and body["count"] == len(names)


def test_the_matrix_filters(world, plan):
    s0, s1, _s2, _s3, one, two, _three, four = plan
    client = api_client_as(world, "backbone")

    def matrix(**params):
        response = client.get(MATRIX, {"initiative": "stem", **params})
        assert response.status_code == 200, response.content
        return response.json()

    planned = matrix(status="planned")
    assert [cell["activities"][0]["id"] for cell in planned["cells"]] == [four.pk]
    by_goal = matrix(goal=s0.goal_id)
    assert [row["id"] for row in by_goal["strategies"]] == [s0.pk, s1.pk]
    negev = matrix(geography="  NEGEV")
    assert {a["id"] for cell in negev["cells"] for a in cell["activities"]} == {one.pk, two.pk}
    assert negev["overlaps"][0]["activities"] == [one.pk, two.pk]
    assert matrix(sector=Sector.BUSINESS)["organizations"] == []


def test_the_matrix_pages_its_organizations(world, plan):
    client = api_client_as(world, "backbone")
    first = client.get(MATRIX, {"initiative": "stem", "page_size": 1}).json()
    assert len(first["organizations"]) == 1 and first["count"] == 3
    assert first["previous"] is None and "page=2" in first["next"]
    assert len(first["gaps"]) == 3  # over every organization, not the page's
    last = client.get(MATRIX, {"initiative": "stem", "page_size": 1, "page": 3}).json()
    assert last["next"] is None and "page=2" in last["previous"]
    past = client.get(MATRIX, {"initiative": "stem", "page_size": 1, "page": 4})
    assert past.status_code == 404


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "initiative"),
        ({"initiative": ""}, "initiative"),
        ({"goal": "x"}, "goal"),
        ({"status": "bogus"}, "status"),
        ({"status": ""}, "status"),
        ({"goal": ""}, "goal"),
        ({"sector": "army"}, "sector"),
        ({"page": "0"}, "page"),
        ({"page_size": "1001"}, "page_size"),
        ({"geography": "x" * 201}, "geography"),
    ],
)
def test_a_bad_matrix_query_is_a_400_at_its_parameter(world, data, params, field):
    query = params if field == "initiative" else {"initiative": "stem", **params}
    response = api_client_as(world, "backbone").get(MATRIX, query)
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [field]


def test_the_matrix_speaks_the_readers_language(world, strategies):
    strategy = strategies[0]
    strategy.translations = {"title": {"he": "אסטרטגיה"}}
    strategy.save()
    world.partner_org.translations = {"name": {"ar": "مسار"}}
    world.partner_org.save()
    client = api_client_as(world, "backbone")
    hebrew = client.get(MATRIX, {"initiative": "stem"}, HTTP_ACCEPT_LANGUAGE="he").json()
    assert (hebrew["strategies"][0]["title"], hebrew["strategies"][0]["language"]) == (
        "אסטרטגיה",
        "he",
    )
    assert hebrew["strategies"][1]["language"] == "en"
    arabic = client.get(MATRIX, {"initiative": "stem"}, HTTP_ACCEPT_LANGUAGE="ar").json()
    masar = next(o for o in arabic["organizations"] if o["id"] == world.partner_org.pk)
    assert (masar["name"], masar["language"]) == ("مسار", "ar")


# --- query counts ------------------------------------------------------------------------


def _grow(world, strategies, n: int, start: int) -> None:
    """`n` more organizations, each with an activity under every strategy and indicators."""
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(2)]
    for i in range(n):
        organization = OrganizationFactory(name=f"Org {start + i}")
        ParticipationFactory(initiative=world.initiative, organization=organization)
        for strategy in strategies:
            activity(
                world,
                strategy,
                organization=organization,
                role="lead",
                population="Girls",
                indicators=indicators,
            )


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_list_and_matrix_queries_do_not_grow_with_the_data(world, strategies, persona):
    client = api_client_as(world, persona)
    client.get(URL)  # the token's first use reads it from the database, later ones from cache
    _grow(world, strategies, 2, 0)
    small = [_queries(client, URL, {}), _queries(client, MATRIX, {"initiative": "stem"})]
    _grow(world, strategies, 12, 2)
    assert Activity.objects.count() == 14 * len(strategies)
    large = [_queries(client, URL, {}), _queries(client, MATRIX, {"initiative": "stem"})]
    assert large == small, (small, large)


def test_an_activity_of_another_initiative_cannot_be_moved_or_reached(world, data):
    response = api_client_as(world, "backbone").patch(
        f"{URL}{data.foreign.pk}/", {"title": "Mine"}, format="json"
    )
    assert response.status_code == 404
    assert Activity.objects.get(pk=data.foreign.pk).title == "Courses"


def test_dates_and_the_default_values_of_a_new_activity(world, strategies):
    response = api_client_as(world, "backbone").post(
        URL,
        _body(world, strategies[0], starts_on="2026-09-01", ends_on=None),
        format="json",
    )
    created = response.json()
    assert (created["role"], created["status"], created["ends_on"]) == (
        "partner",
        "planned",
        None,
    )
    assert Activity.objects.get(pk=created["id"]).starts_on == datetime.date(2026, 9, 1)
    assert created["goal"] == strategies[0].goal_id and created["initiative"] == "stem"
