"""Who may do what on the round and answer pages (role × action), the forms' bad input (400
with the message at the field), and what each reader is shown."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backbone.models import AnswerValue, AssessmentRound, Response, ResponseState, RoundState
from backbone.services import rounds as services
from initiatives.models import Role
from tests.backbone import round_factories as f
from tests.personas import check, login_as, member

MATRIX = [
    "backbone",
    "partner",
    "facilitator",
    "viewer",
    "outsider",
    "other_partner",
    "superuser",
    "anonymous",
]
RESPONDENTS = {"backbone", "partner"}
TODAY = timezone.localdate


def _read(persona):
    return {"outsider": 404, "other_partner": 404, "anonymous": "login"}.get(persona, 200)


def _manage(persona, ok=200):
    if persona in ("backbone", "superuser"):
        return ok
    return {"outsider": 404, "other_partner": 404, "anonymous": "login"}.get(persona, 403)


def _url(name, world, *args):
    return reverse(f"backbone:{name}", args=[world.initiative.slug, *args])


@pytest.mark.parametrize("persona", MATRIX)
def test_reading_pages(client, world, persona):
    draft = f.round(world, title="Draft one")
    opened = f.open_round(world, title="Open one")
    login_as(client, world, persona)
    for url in (
        _url("round_list", world),
        _url("round_detail", world, draft.pk),
        _url("round_detail", world, opened.pk),
    ):
        check(client.get(url), _read(persona))
    if _read(persona) == 200:
        html = client.get(_url("round_list", world)).content.decode()
        manages = persona in ("backbone", "superuser")
        assert (_url("round_create", world) in html) is manages
        assert (_url("answer", world, opened.pk) in html) is (persona in RESPONDENTS)
        assert (_url("answer", world, draft.pk) in html) is False
        detail = client.get(_url("round_detail", world, draft.pk)).content.decode()
        assert (_url("round_open", world, draft.pk) in detail) is manages
        detail = client.get(_url("round_detail", world, opened.pk)).content.decode()
        assert (_url("round_close", world, opened.pk) in detail) is manages
        assert (_url("round_edit", world, opened.pk) in detail) is manages


@pytest.mark.parametrize("persona", MATRIX)
def test_managing_pages(client, world, persona):
    draft = f.round(world)
    login_as(client, world, persona)
    check(client.get(_url("round_create", world)), _manage(persona))
    check(client.get(_url("round_edit", world, draft.pk)), _manage(persona))
    data = {
        "template": draft.template_id,
        "title": "Posted",
        "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() + timedelta(days=3)).isoformat(),
        "anonymous": "on",
    }
    check(client.post(_url("round_create", world), data), _manage(persona, 302))
    assert AssessmentRound.objects.filter(title="Posted").exists() is (_manage(persona) == 200)
    check(client.post(_url("round_open", world, draft.pk)), _manage(persona, 302))
    draft.refresh_from_db()
    assert (draft.state == RoundState.OPEN) is (_manage(persona) == 200)
    if draft.state == RoundState.DRAFT:
        services.round_open(round=draft, by=world.backbone)
    check(client.post(_url("round_close", world, draft.pk)), _manage(persona, 302))
    draft.refresh_from_db()
    assert (draft.state == RoundState.CLOSED) is (_manage(persona) == 200)


def test_open_and_close_are_post_only(client, world):
    made = f.round(world)
    client.force_login(world.backbone)
    assert client.get(_url("round_open", world, made.pk)).status_code == 405
    assert client.get(_url("round_close", world, made.pk)).status_code == 405


@pytest.mark.parametrize("persona", MATRIX)
def test_answer_page(client, world, persona):
    made = f.template()
    opened = f.open_round(world, made)
    draft = f.round(world, made, title="Draft")
    login_as(client, world, persona)
    url = _url("answer", world, opened.pk)
    expected = 200 if persona in RESPONDENTS else _manage(persona, 403)
    if persona == "superuser":
        expected = 403  # manages, but answers for no one
    check(client.get(url), expected)
    check(client.get(_url("answer", world, draft.pk)), 403 if expected == 200 else expected)
    posted = {f"level_{pk}": "2" for pk in f.benchmark_ids(made)}
    response = client.post(url, {**posted, "submit": "1"})
    check(response, 302 if expected == 200 else expected)
    assert Response.objects.filter(state=ResponseState.SUBMITTED).count() == (
        1 if expected == 200 else 0
    )


def test_a_respondent_saves_a_draft_then_submits(client, world):
    made = f.template()
    opened = f.open_round(world, made)
    ids = f.benchmark_ids(made)
    client.force_login(world.partner)
    url = _url("answer", world, opened.pk)
    html = client.get(url).content.decode()
    assert "Benchmark 0.0" in html and "I cannot say" in html and 'dir="auto"' in html
    assert "anonymous" in html
    response = client.post(url, {f"level_{ids[0]}": "3", f"comment_{ids[0]}": "Good", "save": ""})
    assert response.status_code == 302
    mine = Response.objects.get(round=opened, respondent=world.partner)
    assert mine.state == ResponseState.DRAFT
    html = client.get(url).content.decode()
    assert "Good" in html and re.search(r"value=\"3\"[^>]*checked", html)
    response = client.post(url, {f"level_{ids[0]}": "3", "submit": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Answer every benchmark to submit") == 3
    assert f'id="id_level_{ids[1]}_error"' in page
    assert Response.objects.get(pk=mine.pk).state == ResponseState.DRAFT
    everything = {f"level_{pk}": "cannot_say" for pk in ids}
    assert client.post(url, {**everything, "submit": ""}).status_code == 302
    assert Response.objects.get(pk=mine.pk).state == ResponseState.SUBMITTED
    assert set(AnswerValue.objects.values_list("level", flat=True)) == {None}


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"level": "7"}, "level", "Choose one of the four levels"),
        ({"level": "2", "comment": "x" * 2001}, "comment", "2,000 characters"),
        ({"level": "2", "comment": "a\x00b"}, "comment", "Null characters"),
        ({"comment": "a comment alone"}, "level", "to keep this comment"),
    ],
)
def test_bad_answers_are_400_at_the_benchmark(client, world, posted, field, message):
    made = f.template()
    opened = f.open_round(world, made)
    pk = f.benchmark_ids(made)[1]
    client.force_login(world.partner)
    data = {f"{name}_{pk}": value for name, value in posted.items()}
    response = client.post(_url("answer", world, opened.pk), {**data, "save": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and f'id="id_{field}_{pk}_error"' in page
    assert AnswerValue.objects.count() == 0


def test_the_answer_page_is_read_only_once_closed(client, world):
    made = f.template()
    opened = f.open_round(world, made)
    client.force_login(world.partner)
    url = _url("answer", world, opened.pk)
    client.post(url, {f"level_{f.benchmark_ids(made)[0]}": "4", "save": ""})
    services.round_close(round=opened, by=world.backbone)
    html = client.get(url).content.decode()
    assert "Fully achieved" in html and '<form method="post" novalidate' not in html
    response = client.post(url, {f"level_{f.benchmark_ids(made)[0]}": "1", "save": ""})
    assert "not open for answers" in response.content.decode()
    assert AnswerValue.objects.get().level == 4


def test_a_late_joiner_is_asked_to_answer(client, world):
    opened = f.open_round(world)
    late = member("late@example.org", Role.PARTNER, world.initiative, world.second_org)
    client.force_login(late)
    assert (
        _url("answer", world, opened.pk) in client.get(_url("round_list", world)).content.decode()
    )
    assert client.get(_url("answer", world, opened.pk)).status_code == 200
    assert Response.objects.filter(round=opened, respondent=late).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required"),
        ({"template": "999999"}, "template", "Choose one of the platform"),
        ({"opens_on": "tomorrow"}, "opens_on", "Give a date"),
        ({"closes_on": "2000-01-01"}, "closes_on", "cannot close before it opens"),
        ({"title": "a\x00b"}, "title", "Null characters"),
    ],
)
def test_bad_round_input_is_400_at_the_field(client, world, changes, field, message):
    made = f.template()
    client.force_login(world.backbone)
    data = {
        "template": made.pk,
        "title": "Spring",
        "opens_on": TODAY().isoformat(),
        "closes_on": (TODAY() + timedelta(days=3)).isoformat(),
        **changes,
    }
    response = client.post(_url("round_create", world), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and f'id="id_{field}_error"' in page
    assert AssessmentRound.objects.count() == 0


def test_another_initiatives_template_is_not_offered(client, world):
    f.template()
    theirs = f.template(key="theirs", initiative=world.other_initiative)
    ours = f.template(key="ours", initiative=world.initiative)
    client.force_login(world.backbone)
    html = client.get(_url("round_create", world)).content.decode()
    assert f'value="{ours.pk}"' in html and f'value="{theirs.pk}"' not in html
    assert "this initiative&#x27;s copy" in html or "this initiative's copy" in html


def test_an_open_round_edits_only_title_and_closing_date(client, world):
    opened = f.open_round(world)
    client.force_login(world.backbone)
    url = _url("round_edit", world, opened.pk)
    html = client.get(url).content.decode()
    assert 'name="template"' not in html and 'name="title"' in html
    response = client.post(url, {"title": "New", "closes_on": "2000-01-01"})
    assert response.status_code == 400 and "cannot close before" in response.content.decode()
    later = (TODAY() + timedelta(days=40)).isoformat()
    assert client.post(url, {"title": "New", "closes_on": later}).status_code == 302
    services.round_close(round=opened, by=world.backbone)
    assert client.get(url).status_code == 403


def test_opening_without_benchmarks_says_why(client, world):
    empty = f.round(world, f.template(key="empty", benchmarks=0))
    client.force_login(world.backbone)
    response = client.post(_url("round_open", world, empty.pk))
    assert response.status_code == 400
    assert "no benchmark" in response.content.decode()


def test_named_round_shows_each_respondents_state_to_managers_only(client, world):
    named = f.open_round(world, anonymous=False)
    anonymous = f.open_round(world, title="Anon")
    client.force_login(world.backbone)
    html = client.get(_url("round_detail", world, named.pk)).content.decode()
    assert "partner@example.org" in html or str(world.partner) in html
    html = client.get(_url("round_detail", world, anonymous.pk)).content.decode()
    assert str(world.partner) not in html and "0 of 2 respondents submitted" in html
    client.force_login(world.facilitator)
    html = client.get(_url("round_detail", world, named.pk)).content.decode()
    assert str(world.partner) not in html and "0 of 2 respondents submitted" in html


def test_a_round_of_another_initiative_is_404(client, world):
    theirs = services.round_create(
        initiative=world.other_initiative,
        template=f.template(),
        title="x",
        opens_on=TODAY(),
        closes_on=TODAY(),
        by=world.superuser,
    )
    client.force_login(world.backbone)
    for name in ("round_detail", "round_edit", "answer"):
        assert client.get(_url(name, world, theirs.pk)).status_code == 404


def test_pages_in_hebrew(client, world):
    made = f.template()
    opened = f.open_round(world, made)
    world.partner.language = "he"
    world.partner.save()
    client.force_login(world.partner)
    html = client.get(_url("answer", world, opened.pk), HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert "מדד 0.0" in html
