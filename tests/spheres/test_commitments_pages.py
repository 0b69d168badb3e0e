"""The commitment pages: who may do what (role × action), an answer only by the organization
itself, bad input on every form (400 with the message at the field), former members marked,
and the htmx fragment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from spheres.models import Commitment, CommitmentAnswer
from spheres.services import commitments as services
from tests.personas import check
from tests.spheres.commitments_world import PERSONAS, build, commitment, leave, login_as

TODAY = timezone.localdate


@pytest.fixture
def w(db):
    return build()


def _url(name, w, *args):
    return reverse(f"spheres:{name}", args=[w.sphere.slug, *args])


def _read(persona):
    return {"outsider": 404, "other_partner": 404, "anonymous": "login"}.get(persona, 200)


def _manage(persona, ok=200):
    if persona in ("facilitator", "superuser"):
        return ok
    return {"outsider": 404, "other_partner": 404, "anonymous": "login"}.get(persona, 403)


def _answer(persona, ok=302):
    if persona in ("partner", "second_partner"):
        return ok
    return {"outsider": 404, "other_partner": 404, "anonymous": "login"}.get(persona, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_pages_show_only_the_readers_actions(client, w, persona):
    made = commitment(w)
    login_as(client, w, persona)
    check(client.get(_url("commitment_list", w)), _read(persona))
    check(client.get(_url("commitment_detail", w, made.pk)), _read(persona))
    if _read(persona) != 200:
        return
    listed = client.get(_url("commitment_list", w)).content.decode()
    manages = persona in ("facilitator", "superuser")
    assert (_url("commitment_create", w) in listed) is manages
    detail = client.get(_url("commitment_detail", w, made.pk)).content.decode()
    assert (_url("commitment_fulfil", w, made.pk) in detail) is manages
    assert (_url("commitment_withdraw", w, made.pk) in detail) is manages
    assert (_url("commitment_answer", w, made.pk) in detail) is (
        persona in ("partner", "second_partner")
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_managing_pages(client, w, persona):
    made = commitment(w)
    login_as(client, w, persona)
    check(client.get(_url("commitment_create", w)), _manage(persona))
    check(client.get(_url("commitment_edit", w, made.pk)), _manage(persona))
    data = {"title": "Posted", "review_on": (TODAY() + timedelta(days=5)).isoformat()}
    check(client.post(_url("commitment_create", w), data), _manage(persona, 302))
    check(client.post(_url("commitment_edit", w, made.pk), data), _manage(persona, 302))
    check(
        client.post(_url("commitment_withdraw", w, made.pk), {"reason": "No"}),
        _manage(persona, 302),
    )
    expected = 1 + (persona in ("facilitator", "superuser"))
    assert Commitment.objects.count() == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_answering_pages(client, w, persona):
    made = commitment(w)
    login_as(client, w, persona)
    check(client.post(_url("commitment_answer", w, made.pk), {"answer": "in"}), _answer(persona))
    check(
        client.post(_url("commitment_report", w, made.pk), {"progress": "done"}), _answer(persona)
    )
    answers = CommitmentAnswer.objects.all()
    if persona in ("partner", "second_partner"):
        org = getattr(w, persona).memberships.get().organization
        assert [(a.organization, a.answer, a.progress) for a in answers] == [(org, "in", "done")]
    else:
        assert not answers.exists()


def test_a_posted_organization_is_ignored(client, w):
    made = commitment(w)
    client.force_login(w.partner)
    post = {"answer": "in", "organization": w.achva.pk, "organization_id": w.achva.pk}
    client.post(_url("commitment_answer", w, made.pk), post)
    assert list(CommitmentAnswer.objects.values_list("organization", flat=True)) == [w.yahad.pk]


def test_a_commitment_of_another_sphere_is_not_found(client, w):
    other = services.commitment_propose(
        sphere=w.other_sphere,
        title="Theirs",
        review_on=TODAY(),
        by=w.superuser,
    )
    client.force_login(w.partner)
    check(client.get(_url("commitment_detail", w, other.pk)), 404)
    check(client.post(_url("commitment_answer", w, other.pk), {"answer": "in"}), 404)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"title": "", "review_on": "2999-01-01"}, "title", "Give the commitment"),
        ({"title": "T", "review_on": "2000-01-01"}, "review_on", "cannot be in the past"),
        ({"title": "T", "review_on": "soon"}, "review_on", "Give a review date"),
        ({"title": "T", "review_on": "2999-01-01", "goal": "foreign"}, "goal", "sphere's goals"),
        (
            {"title": "T", "review_on": "2999-01-01", "description": "x" * 2001},
            "description",
            "2000",
        ),
    ],
)
def test_commitment_form_bad_input(client, w, data, field, message):
    if data.get("goal") == "foreign":
        data = {**data, "goal": w.foreign_goal.pk}
    client.force_login(w.facilitator)
    response = client.post(_url("commitment_create", w), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not Commitment.objects.exists()


def test_withdraw_form_needs_a_reason(client, w):
    made = commitment(w)
    client.force_login(w.facilitator)
    response = client.post(_url("commitment_withdraw", w, made.pk), {"reason": ""})
    assert response.status_code == 400 and "reason" in response.context["form"].errors
    made.refresh_from_db()
    assert made.status == "open"


@pytest.mark.parametrize(
    "name, data, field",
    [
        ("commitment_answer", {"answer": "maybe"}, "answer"),
        ("commitment_answer", {"answer": "in", "note": "x" * 2001}, "note"),
        ("commitment_report", {"progress": "finished"}, "progress"),
        ("commitment_report", {"progress": "done", "note": "x" * 2001}, "note"),
    ],
)
def test_answer_forms_bad_input(client, w, name, data, field):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="in", by=w.partner)
    client.force_login(w.partner)
    response = client.post(_url(name, w, made.pk), data)
    assert response.status_code == 400
    key = "answer_form" if name == "commitment_answer" else "report_form"
    assert field in response.context[key].errors


def test_fulfil_refused_with_a_clear_message(client, w):
    made = commitment(w)
    client.force_login(w.facilitator)
    response = client.post(_url("commitment_fulfil", w, made.pk), follow=True)
    assert "No member organization has opted in" in response.content.decode()
    made.refresh_from_db()
    assert made.status == "open"


def test_the_board_shows_who_is_in_declined_waiting_and_former_members(client, w):
    made = commitment(w)
    services.commitment_answer(commitment=made, answer="in", note="On it", by=w.partner)
    services.commitment_report(commitment=made, progress="done", note="Held", by=w.partner)
    services.commitment_answer(commitment=made, answer="declined", by=w.second_partner)
    leave(w, w.achva)
    client.force_login(w.viewer)
    html = client.get(_url("commitment_detail", w, made.pk)).content.decode()
    assert "1 of 1 organization done" in html
    assert "former member" in html and "Mentoring" in html and "Held" in html
    assert "<progress" in html


def test_htmx_answer_returns_the_board(client, w):
    made = commitment(w)
    client.force_login(w.partner)
    response = client.post(
        _url("commitment_answer", w, made.pk), {"answer": "in"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="commitment-board"' in html and "<html" not in html


def test_the_readers_pending_answer_comes_first(client, w):
    answered = commitment(w, title="Answered", review_on=TODAY() + timedelta(days=1))
    services.commitment_answer(commitment=answered, answer="in", by=w.partner)
    commitment(w, title="Waiting", review_on=TODAY() + timedelta(days=40))
    client.force_login(w.partner)
    listed = client.get(_url("commitment_list", w)).context["commitments"]
    assert [c.title for c in listed] == ["Waiting", "Answered"]
    assert listed[0].waiting_for_me and not listed[1].waiting_for_me


def test_a_collective_impact_initiative_has_no_commitment_pages(client, w):
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(slug="ci")
    client.force_login(w.superuser)
    check(client.get(reverse("spheres:commitment_list", args=[initiative.slug])), 404)
