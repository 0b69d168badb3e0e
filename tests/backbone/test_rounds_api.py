"""The assessment round API: who may do what (role × action), bad input a 400 at its field,
the respondent's own response only, and flat query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backbone.models import AnswerValue, AssessmentRound, Response, ResponseState, RoundState
from backbone.services import answers as answer_services
from backbone.services import rounds as services
from tests.backbone import round_factories as f
from tests.personas import api_client_as

MATRIX = ["backbone", "partner", "facilitator", "viewer", "outsider", "other_partner", "anonymous"]
MANAGERS = {"backbone"}
RESPONDENTS = {"backbone", "partner"}
TODAY = timezone.localdate
ROUNDS = "/api/v1/assessment-rounds/"


def errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["errors"]


def _denied(persona):
    return {"outsider": 404, "other_partner": 404, "anonymous": 401}.get(persona, 403)


def _body(made, **changes):
    return {
        "initiative": "stem",
        "template": made.pk,
        "title": "Spring",
        "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() + timedelta(days=7)).isoformat(),
        **changes,
    }


@pytest.mark.parametrize("persona", MATRIX)
def test_rounds_matrix(world, persona):
    made = f.template()
    draft = f.round(world, made)
    api = api_client_as(world, persona)
    listed = api.get(ROUNDS, {"initiative": "stem"})
    read = {"outsider": 200, "other_partner": 200, "anonymous": 401}.get(persona, 200)
    assert listed.status_code == read
    if persona in ("outsider", "other_partner"):
        assert listed.json()["results"] == []
    elif read == 200:
        assert [row["id"] for row in listed.json()["results"]] == [draft.pk]
    detail = api.get(f"{ROUNDS}{draft.pk}/")
    assert detail.status_code == {"outsider": 404, "other_partner": 404}.get(persona, read)
    ok = persona in MANAGERS
    created = api.post(ROUNDS, _body(made), format="json")
    assert created.status_code == (201 if ok else _denied(persona))
    patched = api.patch(f"{ROUNDS}{draft.pk}/", {"title": "New"}, format="json")
    assert patched.status_code == (200 if ok else _denied(persona))
    opened = api.post(f"{ROUNDS}{draft.pk}/open/")
    assert opened.status_code == (200 if ok else _denied(persona))
    if not ok:
        services.round_open(round=draft, by=world.backbone)
    closed = api.post(f"{ROUNDS}{draft.pk}/close/")
    assert closed.status_code == (200 if ok else _denied(persona))
    state = AssessmentRound.objects.get(pk=draft.pk).state
    assert state == (RoundState.CLOSED if ok else RoundState.OPEN)


@pytest.mark.parametrize("persona", MATRIX)
def test_my_response_matrix(world, persona):
    made = f.template()
    opened = f.open_round(world, made)
    api = api_client_as(world, persona)
    url = f"{ROUNDS}{opened.pk}/my-response/"
    expected = 200 if persona in RESPONDENTS else _denied(persona)
    got = api.get(url)
    assert got.status_code == expected, got.content
    body = {
        "answers": [{"benchmark": pk, "level": 2} for pk in f.benchmark_ids(made)],
        "submit": True,
    }
    put = api.put(url, body, format="json")
    assert put.status_code == expected
    if expected == 200:
        assert put.json()["state"] == "submitted" and len(put.json()["answers"]) == 4
    assert Response.objects.filter(state=ResponseState.SUBMITTED).count() == (expected == 200)


def test_a_respondent_sees_only_their_own_responses(world):
    made = f.template()
    opened = f.open_round(world, made)
    answer_services.answers_save(
        response=Response.objects.get(round=opened, respondent=world.backbone),
        answers={f.benchmark_ids(made)[0]: (4, "staff's secret")},
        by=world.backbone,
    )
    api = api_client_as(world, "partner")
    listed = api.get("/api/v1/assessment-responses/").json()["results"]
    assert [row["round"] for row in listed] == [opened.pk]
    assert listed[0]["answers"] == [] and "staff's secret" not in str(listed)
    staff_response = Response.objects.get(round=opened, respondent=world.backbone)
    assert api.get(f"/api/v1/assessment-responses/{staff_response.pk}/").status_code == 404
    round_json = api.get(f"{ROUNDS}{opened.pk}/").json()
    assert "staff's secret" not in str(round_json) and "answers" not in round_json


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": 5}, "title"),
        ({"template": 99999}, "template"),
        ({"template": "x"}, "template"),
        ({"opens_on": "soon"}, "opens_on"),
        ({"closes_on": "2000-01-01"}, "closes_on"),
        ({"anonymous": "yes"}, "anonymous"),
        ({"title": "a\u0000b"}, "title"),
    ],
)
def test_bad_round_input_is_400_at_the_field(world, changes, field):
    made = f.template()
    api = api_client_as(world, "backbone")
    response = api.post(ROUNDS, _body(made, **changes), format="json")
    assert field in errors(response)
    assert AssessmentRound.objects.count() == 0


def test_another_initiatives_template_is_400(world):
    theirs = f.template(key="theirs", initiative=world.other_initiative)
    api = api_client_as(world, "backbone")
    assert "template" in errors(api.post(ROUNDS, _body(theirs), format="json"))


def test_opening_twice_or_empty_is_400(world):
    api = api_client_as(world, "backbone")
    empty = f.round(world, f.template(key="empty", benchmarks=0))
    assert "non_field_errors" in errors(api.post(f"{ROUNDS}{empty.pk}/open/"))
    made = f.open_round(world)
    assert "non_field_errors" in errors(api.post(f"{ROUNDS}{made.pk}/open/"))
    frozen = api.patch(f"{ROUNDS}{made.pk}/", {"anonymous": False}, format="json")
    assert "anonymous" in errors(frozen)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ([{"benchmark": "B1", "level": 5}], "answers.0.level"),
        ([{"benchmark": "B1", "level": "high"}], "answers.0.level"),
        ([{"benchmark": "B1", "level": 2, "comment": "x" * 2001}], "answers.0.comment"),
        ([{"benchmark": "B1", "level": 2, "comment": 7}], "answers.0.comment"),
        ([{"benchmark": "B1"}], "answers.0.level"),
        ([{"benchmark": 99999, "level": 2}], "answers"),
        ([{"benchmark": "B1", "level": 2}, {"benchmark": "B1", "level": 3}], "answers"),
        ("nope", "answers"),
    ],
)
def test_bad_answers_are_400_and_nothing_saved(world, answers, field):
    made = f.template()
    opened = f.open_round(world, made)
    first = f.benchmark_ids(made)[0]
    if isinstance(answers, list):
        answers = [
            {**item, "benchmark": first} if item["benchmark"] == "B1" else item for item in answers
        ]
    api = api_client_as(world, "partner")
    response = api.put(f"{ROUNDS}{opened.pk}/my-response/", {"answers": answers}, format="json")
    assert field in errors(response)
    assert AnswerValue.objects.count() == 0


def test_submitting_incomplete_names_the_missing_benchmarks(world):
    made = f.template()
    opened = f.open_round(world, made)
    ids = f.benchmark_ids(made)
    api = api_client_as(world, "partner")
    body = {"answers": [{"benchmark": ids[0], "level": None}], "submit": True}
    found = errors(api.put(f"{ROUNDS}{opened.pk}/my-response/", body, format="json"))
    assert all(str(pk) in " ".join(found["answers"]) for pk in ids[1:])
    draft = api.put(f"{ROUNDS}{opened.pk}/my-response/", {**body, "submit": False}, format="json")
    assert draft.json()["state"] == "draft"
    assert draft.json()["answers"] == [{"benchmark": ids[0], "level": None, "comment": ""}]


def _rounds(world, n):
    made = f.template()
    for i in range(n):
        services.round_open(round=f.round(world, made, title=f"r{i}"), by=world.backbone)


@pytest.mark.parametrize("path", [ROUNDS, "/api/v1/assessment-responses/"])
def test_list_query_counts_are_flat(world, path):
    api = api_client_as(world, "backbone")
    counts = []
    for n in (1, 5):
        _rounds(world, n)
        with CaptureQueriesContext(connection) as queries:
            assert api.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
