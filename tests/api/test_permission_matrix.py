"""Every endpoint × method × persona × (own, other organization; own, other initiative)."""

import pytest

from measurement.models import Submission, SubmissionState
from tests.personas import PERSONAS

STAFF = {"backbone", "superuser"}
IN_INITIATIVE = {"backbone", "partner", "facilitator", "viewer", "superuser"}


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return {
        row.get("id", (row.get("indicator"), row.get("period")))
        for row in response.json()["results"]
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "endpoint, own, foreign",
    [
        ("indicators", "own_indicator", "other_indicator"),
        ("periods", "own_period", "other_period"),
    ],
)
def test_initiative_scoped_lists_and_details(
    as_persona, world, api_world, persona, endpoint, own, foreign
):
    client = as_persona(persona)
    own_obj, foreign_obj = getattr(api_world, own), getattr(api_world, foreign)
    response = client.get(f"/api/v1/{endpoint}/")
    if persona == "anonymous":
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
        return
    listed = ids(response)
    assert (own_obj.pk in listed) is (persona in IN_INITIATIVE)
    assert (foreign_obj.pk in listed) is (persona in {"other_partner", "superuser"})
    detail = client.get(f"/api/v1/{endpoint}/{foreign_obj.pk}/")
    assert detail.status_code == (200 if persona in {"other_partner", "superuser"} else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_initiatives_organizations_participations_memberships(
    as_persona, world, api_world, persona
):
    client = as_persona(persona)
    responses = {
        name: client.get(f"/api/v1/{name}/")
        for name in ["initiatives", "organizations", "participations", "memberships"]
    }
    if persona == "anonymous":
        assert {r.status_code for r in responses.values()} == {401}
        return
    slugs = {row["slug"] for row in responses["initiatives"].json()["results"]}
    sees_own = persona in IN_INITIATIVE
    assert ("stem" in slugs) is sees_own
    assert ("employment" in slugs) is (persona in {"other_partner", "superuser"})
    participation_initiatives = {
        row["initiative"] for row in responses["participations"].json()["results"]
    }
    membership_initiatives = {
        row["initiative"] for row in responses["memberships"].json()["results"]
    }
    assert participation_initiatives <= slugs and membership_initiatives <= slugs
    other_initiative = client.get("/api/v1/initiatives/employment/")
    assert other_initiative.status_code == (
        200 if persona in {"other_partner", "superuser"} else 404
    )
    organizations = {row["id"] for row in responses["organizations"].json()["results"]}
    if persona in {"partner", "viewer"}:
        assert world.partner_org.pk in organizations and world.other_org.pk not in organizations
        assert client.get(f"/api/v1/organizations/{world.other_org.pk}/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_submissions_are_seen_by_who_may_see_them(as_persona, world, api_world, persona):
    client = as_persona(persona)
    response = client.get("/api/v1/submissions/")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    listed = ids(response)
    expected = {
        "backbone": {api_world.own.pk, api_world.second.pk},
        "facilitator": {api_world.own.pk, api_world.second.pk},
        "partner": {api_world.own.pk},
        "viewer": set(),
        "outsider": set(),
        "other_partner": {api_world.foreign.pk},
        "superuser": {api_world.own.pk, api_world.second.pk, api_world.foreign.pk},
    }[persona]
    assert listed == expected
    for submission in (api_world.own, api_world.second, api_world.foreign):
        detail = client.get(f"/api/v1/submissions/{submission.pk}/")
        assert detail.status_code == (200 if submission.pk in expected else 404)


def test_shared_raw_values_are_listed_to_partners_and_viewers(as_persona, world, api_world):
    from measurement.models import MeasurementSettings

    MeasurementSettings.objects.create(initiative=world.initiative, shares_raw_values=True)
    for persona in ("partner", "viewer"):
        assert ids(as_persona(persona).get("/api/v1/submissions/")) == {
            api_world.own.pk,
            api_world.second.pk,
        }


@pytest.mark.parametrize("persona", PERSONAS)
def test_rollups(as_persona, world, api_world, persona):
    client = as_persona(persona)
    response = client.get("/api/v1/rollups/", {"indicator": api_world.own_indicator.pk})
    if persona == "anonymous":
        assert response.status_code == 401
        return
    rows = response.json()["results"]
    assert bool(rows) is (persona in IN_INITIATIVE)
    if rows:
        assert rows[0]["value"] == "0.000000" or rows[0]["contributing"] == 0
    foreign = client.get("/api/v1/rollups/", {"indicator": api_world.other_indicator.pk}).json()[
        "results"
    ]
    assert bool(foreign) is (persona in {"other_partner", "superuser"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_completeness(as_persona, world, api_world, persona):
    client = as_persona(persona)
    response = client.get(f"/api/v1/completeness/{api_world.own_period.pk}/")
    expected = {
        "backbone": 200,
        "superuser": 200,
        "facilitator": 200,
        "partner": 403,
        "viewer": 403,
        "other_partner": 404,
        "outsider": 404,
        "anonymous": 401,
    }[persona]
    assert response.status_code == expected
    if expected == 200:
        assert response.json()[0]["expected"] == 2 and response.json()[0]["submitted"] == 2


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("target", ["own", "second", "foreign"])
def test_writing_a_value(as_persona, world, api_world, persona, target):
    submission = getattr(api_world, target)
    client = as_persona(persona)
    response = client.post(
        "/api/v1/submissions/",
        {
            "indicator": submission.indicator_id,
            "organization": submission.organization_id,
            "period": submission.period_id,
            "value": "42",
            "submit": True,
        },
        format="json",
    )
    allowed = {
        "own": {"backbone", "partner", "superuser"},
        "second": {"backbone", "superuser"},
        "foreign": {"other_partner", "superuser"},
    }[target]
    if persona == "anonymous":
        assert response.status_code == 401
    elif persona in allowed:
        assert response.status_code == (400 if target == "foreign" else 200), response.content
    else:
        assert response.status_code in {400, 403}
    submission.refresh_from_db()
    changed = submission.value == 42
    assert changed is (persona in allowed and target != "foreign")  # foreign is approved already


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["approve", "return"])
def test_review_through_the_api(as_persona, world, api_world, persona, action):
    client = as_persona(persona)
    response = client.post(
        f"/api/v1/submissions/{api_world.second.pk}/{action}/", {"note": "Check"}, format="json"
    )
    expected = {
        "backbone": 200,
        "superuser": 200,
        "facilitator": 403,
        "partner": 404,
        "viewer": 404,
        "other_partner": 404,
        "outsider": 404,
        "anonymous": 401,
    }[persona]
    assert response.status_code == expected, response.content
    state = Submission.objects.get(pk=api_world.second.pk).state
    assert (state != SubmissionState.SUBMITTED) is (expected == 200)
