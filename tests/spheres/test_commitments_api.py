"""The commitment API: role × action, the organization taken from the membership (never the
body), another organization's answer refused, bad input a 400 at its field."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from spheres.models import CommitmentAnswer
from spheres.services import commitments as services
from tests.spheres.commitments_world import PERSONAS, build, commitment, leave

COMMITMENTS = "/api/v1/sphere-commitments/"
ANSWERS = "/api/v1/commitment-answers/"
LATER = (timezone.localdate() + timedelta(days=9)).isoformat()


@pytest.fixture
def w(db):
    return build()


def _api(w, persona) -> APIClient:
    client = APIClient()
    if persona != "anonymous":
        client.force_authenticate(getattr(w, persona))
    return client


def errors(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["errors"]


def _denied(persona):
    return {"outsider": 404, "other_partner": 404, "anonymous": 401}.get(persona, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_commitments_matrix(w, persona):
    made = commitment(w)
    api = _api(w, persona)
    listed = api.get(COMMITMENTS, {"sphere": "sphere"})
    assert listed.status_code == (401 if persona == "anonymous" else 200)
    if persona in ("outsider", "other_partner"):
        assert listed.json()["results"] == []
    manages = persona in ("facilitator", "superuser")
    body = {"sphere": "sphere", "title": "New", "review_on": LATER}
    created = api.post(COMMITMENTS, body, format="json")
    assert created.status_code == (201 if manages else _denied(persona))
    patched = api.patch(f"{COMMITMENTS}{made.pk}/", {"title": "Re"}, format="json")
    assert patched.status_code == (200 if manages else _denied(persona))
    gone = api.post(f"{COMMITMENTS}{made.pk}/withdraw/", {"reason": "No"}, format="json")
    assert gone.status_code == (200 if manages else _denied(persona))


@pytest.mark.parametrize("persona", PERSONAS)
def test_answers_matrix(w, persona):
    made = commitment(w)
    api = _api(w, persona)
    answered = api.post(ANSWERS, {"commitment": made.pk, "answer": "in"}, format="json")
    if persona in ("partner", "second_partner"):
        assert answered.status_code == 201
        org = getattr(w, persona).memberships.get().organization_id
        assert answered.json()["organization"] == org
    elif persona in ("outsider", "other_partner"):
        assert errors(answered).keys() == {"commitment"}
    else:
        assert answered.status_code == (401 if persona == "anonymous" else 403)


def test_the_body_cannot_name_the_organization(w):
    made = commitment(w)
    api = _api(w, "partner")
    body = {"commitment": made.pk, "answer": "in", "organization": w.achva.pk}
    assert api.post(ANSWERS, body, format="json").status_code == 201
    assert list(CommitmentAnswer.objects.values_list("organization", flat=True)) == [w.yahad.pk]
    again = api.post(ANSWERS, {**body, "answer": "declined"}, format="json")
    assert again.status_code == 200 and again.json()["answer"] == "declined"


def test_another_organizations_answer_cannot_be_changed(w):
    made = commitment(w)
    theirs = services.commitment_answer(commitment=made, answer="in", by=w.second_partner)
    for persona in ("partner", "facilitator", "superuser"):
        response = _api(w, persona).patch(
            f"{ANSWERS}{theirs.pk}/", {"progress": "done"}, format="json"
        )
        assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.progress == "not_started"


def test_report_through_the_api(w):
    made = commitment(w)
    mine = services.commitment_answer(commitment=made, answer="in", by=w.partner)
    api = _api(w, "partner")
    response = api.patch(
        f"{ANSWERS}{mine.pk}/", {"progress": "done", "note": "Held"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["progress"] == "done" and len(response.json()["reports"]) == 1
    fulfilled = _api(w, "facilitator").post(f"{COMMITMENTS}{made.pk}/fulfil/")
    assert fulfilled.status_code == 200 and fulfilled.json()["status"] == "fulfilled"


def test_a_former_member_cannot_answer_through_the_api(w):
    made = commitment(w)
    leave(w, w.yahad)
    response = _api(w, "partner").post(ANSWERS, {"commitment": made.pk, "answer": "in"})
    assert response.status_code == 400
    assert not CommitmentAnswer.objects.exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"title": ""}, "title"),
        ({"review_on": "2000-01-01"}, "review_on"),
        ({"review_on": "soon"}, "review_on"),
        ({"goal": "foreign"}, "goal"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_commitment_bad_input(w, body, field):
    if body.get("goal") == "foreign":
        body = {"goal": w.foreign_goal.pk}
    data = {"sphere": "sphere", "title": "T", "review_on": LATER, **body}
    assert field in errors(_api(w, "facilitator").post(COMMITMENTS, data, format="json"))


@pytest.mark.parametrize(
    "body, field",
    [({"progress": "finished"}, "progress"), ({"progress": "done", "note": "x" * 2001}, "note")],
)
def test_answer_bad_input(w, body, field):
    made = commitment(w)
    mine = services.commitment_answer(commitment=made, answer="in", by=w.partner)
    assert field in errors(_api(w, "partner").patch(f"{ANSWERS}{mine.pk}/", body, format="json"))
    bad = _api(w, "partner").post(ANSWERS, {"commitment": made.pk, "answer": "maybe"})
    assert "answer" in errors(bad)
