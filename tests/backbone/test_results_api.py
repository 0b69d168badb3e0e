"""GET /api/v1/assessment-results/<round id>/: the page's tree, permission and anonymity."""

import json
from datetime import date

import pytest
import requests
import schemathesis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from backbone.models import RoundState
from initiatives.models import Sector
from tests.backbone import results_factories as make
from tests.personas import PERSONAS, api_client_as

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/api/v1/assessment-results/{round_.pk}/"


CLOSED = {
    "backbone": 200,
    "partner": 200,
    "other_partner": 404,
    "facilitator": 200,
    "viewer": 200,
    "outsider": 404,
    "superuser": 200,
    "anonymous": 401,
}
OPEN = {**CLOSED, "partner": 403, "viewer": 403}
DRAFT = {persona: 401 if persona == "anonymous" else 404 for persona in PERSONAS}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_read_results(world, persona):
    template = make.template()
    rounds = {
        state: make.a_round(world.initiative, template, state=state)
        for state in (RoundState.CLOSED, RoundState.OPEN, RoundState.DRAFT)
    }
    client = api_client_as(world, persona)
    for state, expected in ((RoundState.CLOSED, CLOSED), (RoundState.OPEN, OPEN), ("draft", DRAFT)):
        response = client.get(url(rounds[state]))
        assert response.status_code == expected[persona], (persona, state, response.content)
    assert client.get("/api/v1/assessment-results/999999/").status_code in (401, 404)
    assert client.post(url(rounds[RoundState.CLOSED]), {}).status_code in (401, 403, 405)


def test_the_tree_by_hand(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=True, title="Autumn")
    earlier = make.a_round(
        world.initiative, round_.template, title="Spring", opens_on=date(2025, 3, 1)
    )
    for levels in ([4, 3, 2, 1], [2, 2, 2, 1], [3, 4, 2, None]):
        make.respond(round_, levels, comments={0: "note"})
    make.respond(earlier, [1, 1, 1, 1])
    body = api_client_as(world, "viewer").get(url(round_)).json()
    assert body["round_id"] == round_.pk and body["initiative"] == "stem"
    assert body["title"] == "Autumn" and body["state"] == "closed" and body["anonymous"] is True
    assert (body["respondents"], body["submitted"], body["shown"]) == (3, 3, True)
    assert body["mean"] == "2.67"  # 24 / 9: m1, rated by two, is withheld and left out
    agenda, measurement = body["sections"]
    assert agenda["key"] == "agenda" and agenda["mean"] == "3.00"  # (4+3+2+2+3+4) / 6
    a0 = agenda["benchmarks"][0]
    assert [c["count"] for c in a0["distribution"]] == [0, 1, 1, 1, 0]
    assert a0["distribution"][-1]["level"] is None
    assert a0["comments"] == ["note", "note", "note"]
    m1 = measurement["benchmarks"][1]
    assert m1["shown"] is False and m1["mean"] is None and m1["distribution"] == []
    assert body["answers_per_organization"] is None
    comparison = body["comparison"]
    assert [r["title"] for r in comparison["rounds"]] == ["Spring", "Autumn"]
    assert comparison["rounds"][0]["means"] == [None, None]  # one respondent: withheld
    assert comparison["rounds"][0]["shown"] is False


def test_named_round_answers_per_organization_only_for_those_who_may(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=False)
    make.respond(round_, [4, None], organization_=world.partner_org, respondent=world.partner)
    body = api_client_as(world, "facilitator").get(url(round_)).json()
    (row,) = body["answers_per_organization"]
    assert row["organization"] == "Masar"
    assert [(c["answered"], c["level"]) for c in row["levels"]] == [
        (True, 4),
        (True, None),
        (False, None),
        (False, None),
    ]
    assert body["sections"][0]["mean"] == "4.00"
    for persona in ("partner", "viewer"):
        body = api_client_as(world, persona).get(url(round_)).json()
        assert body["answers_per_organization"] is None
        assert "Masar" not in json.dumps(body)


def test_nothing_of_an_anonymous_round_per_organization(world):
    round_ = make.a_round(world.initiative, make.template(), anonymous=True)
    names = ["Alpha Org", "Beta Org", "Gamma Org", "Delta Org"]
    forbidden = [*names, "SECRET-MARKER-91b2"]
    for index, name in enumerate(names):
        org = make.organization(world.initiative, Sector.NONPROFIT, name=name)
        response = make.respond(
            round_,
            [3, 3, 2, None if index else 4],
            organization_=org,
            comments={3: "SECRET-MARKER-91b2"} if index == 0 else {},
        )
        forbidden += [response.respondent.email, response.respondent.full_name]
    for persona in ("backbone", "facilitator", "superuser", "partner"):
        text = api_client_as(world, persona).get(url(round_)).content.decode()
        for word in forbidden:
            assert word not in text, (persona, word)


def test_queries_do_not_grow_with_the_data(world):
    client = api_client_as(world, "backbone")
    counts = []
    for responses, rounds in ((3, 1), (12, 4)):
        template = make.template(benchmarks=3, key=f"size-{responses}")
        for number in range(rounds):
            round_ = make.a_round(
                world.initiative,
                template,
                anonymous=False,
                title=f"R{number}",
                opens_on=date(2020 + number, 3, 1),
            )
            for index in range(responses):
                org = make.organization(world.initiative, list(Sector)[index % len(Sector)])
                make.respond(round_, [1 + index % 4] * 6, organization_=org, comments={1: "c"})
        world.backbone.__dict__.pop("_membership_cache", None)  # as a new request would
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(round_))
        assert response.status_code == 200
        assert len(response.json()["answers_per_organization"]) == responses
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


CHECKS = [response_schema_conformance, status_code_conformance]


def _as_checked(response, path: str) -> Response:
    """A Django test response as the response schemathesis validates."""
    return Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.items()},
        content=response.content,
        request=requests.Request("GET", f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=True,
        encoding="utf-8",
    )


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_answer_is_what_the_schema_says(world, anonymous):
    """The body, withheld figures (null) and answers per organization included, against the
    OpenAPI schema, by schemathesis's checks."""
    round_ = make.a_round(world.initiative, make.template(), anonymous=anonymous)
    make.respond(round_, [4, None, 2], organization_=world.partner_org, respondent=world.partner)
    make.respond(round_, [3, 3], comments={0: "x"})
    client = api_client_as(world, "facilitator")
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/schema/?format=json").json())
    case = schema["/api/v1/assessment-results/{id}/"]["GET"].Case(path_parameters={"id": round_.pk})
    response = client.get(url(round_))
    assert response.status_code == 200
    case.validate_response(_as_checked(response, url(round_)), checks=CHECKS)
    body = response.json()
    assert (body["answers_per_organization"] is None) is anonymous
    for missing in (999_999,):
        gone = client.get(f"/api/v1/assessment-results/{missing}/")
        assert gone.status_code == 404
        case.validate_response(
            _as_checked(gone, f"/api/v1/assessment-results/{missing}/"), checks=CHECKS
        )
