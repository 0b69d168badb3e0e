"""The minutes, decisions and action-item pages: role × action matrix (who reads, who acts,
403 / 404 / login for the others), the actions shown only to those who may take them, and
bad input answered at the field with a 400, nothing saved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communication.models import ActionItem, Decision, MinutesComment, MinutesState
from tests.communication import minutes_factories as f
from tests.personas import PERSONAS, check, login_as

# Who may read a shared meeting's approved minutes, the log and the item lists.
READERS = {"backbone": 200, "partner": 200, "facilitator": 200, "viewer": 200, "superuser": 200}
OUTSIDE = {"other_partner": 404, "outsider": 404, "anonymous": "login"}
RUNNERS = {"backbone": 200, "superuser": 200}


def expected(table, persona, denied=403):
    return table.get(persona, OUTSIDE.get(persona, denied))


@pytest.fixture
def setup(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner, world.partner_org)
    f.approved(world, meeting)
    decision = f.decision(world, meeting=meeting)
    item = f.action_item(world, meeting=meeting)
    return world, meeting, decision, item


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name", ["minutes", "decision_list", "decision_detail", "action_item_list", "action_item"]
)
def test_reading_pages(client, setup, persona, name):
    world, meeting, decision, item = setup
    slug = world.initiative.slug
    url = {
        "minutes": reverse("communication:minutes", args=[slug, meeting.pk]),
        "decision_list": reverse("communication:decision_list", args=[slug]),
        "decision_detail": reverse("communication:decision_detail", args=[slug, decision.pk]),
        "action_item_list": reverse("communication:action_item_list", args=[slug]),
        "action_item": reverse("communication:action_item_detail", args=[slug, item.pk]),
    }[name]
    login_as(client, world, persona)
    check(client.get(url), expected(READERS, persona))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["decision_create", "action_item_create", "minutes_correct"])
def test_forms_of_the_runners(client, setup, persona, name):
    world, meeting, _decision, _item = setup
    slug = world.initiative.slug
    args = [slug, meeting.pk] if name == "minutes_correct" else [slug]
    login_as(client, world, persona)
    check(client.get(reverse(f"communication:{name}", args=args)), expected(RUNNERS, persona))


@pytest.mark.parametrize("persona", PERSONAS)
def test_my_action_items_page(client, setup, persona):
    world, *_rest, item = setup
    login_as(client, world, persona)
    response = client.get(reverse("communication:my_action_items"))
    if persona == "anonymous":
        check(response, "login")
        return
    assert response.status_code == 200
    assert (item.title in response.content.decode()) == (persona == "partner")


def test_a_private_meeting_is_a_404_to_who_does_not_see_it(client, world):
    meeting = f.meeting(world, shared=False)
    client.force_login(world.viewer)
    url = reverse("communication:minutes", args=[world.initiative.slug, meeting.pk])
    assert client.get(url).status_code == 404


def test_draft_minutes_are_hidden_from_partners_and_actions_from_readers(client, world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    f.drafted(world, meeting, body="Secret draft")
    url = reverse("communication:minutes", args=[world.initiative.slug, meeting.pk])
    client.force_login(world.partner)
    page = client.get(url).content.decode()
    assert "Secret draft" not in page and "Circulate" not in page
    client.force_login(world.backbone)
    page = client.get(url).content.decode()
    assert "Secret draft" in page and "Circulate for corrections" in page


def test_the_whole_lifecycle_through_the_pages(client, world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    slug, pk = world.initiative.slug, meeting.pk
    client.force_login(world.backbone)
    client.post(reverse("communication:minutes_edit", args=[slug, pk]), {"body": "We met."})
    client.post(reverse("communication:minutes_circulate", args=[slug, pk]))
    client.force_login(world.partner)
    response = client.post(
        reverse("communication:minutes_comment", args=[slug, pk]), {"text": "Add Masar"}
    )
    assert response.status_code == 302
    comment = MinutesComment.objects.get()
    client.force_login(world.backbone)
    client.post(reverse("communication:minutes_comment_resolve", args=[slug, pk, comment.pk]))
    client.post(reverse("communication:minutes_approve", args=[slug, pk]))
    response = client.post(
        reverse("communication:minutes_correct", args=[slug, pk]),
        {"body": "We met, with Masar.", "reason": "A name was missing"},
    )
    assert response.status_code == 302
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.state == MinutesState.APPROVED
    assert meeting.minutes.body == "We met, with Masar."
    comment.refresh_from_db()
    assert comment.resolved
    page = client.get(reverse("communication:minutes", args=[slug, pk])).content.decode()
    assert "A name was missing" in page and "Record a correction" in page


def test_a_step_in_the_wrong_state_shows_the_message(client, world):
    meeting = f.meeting(world)
    f.drafted(world, meeting)
    client.force_login(world.backbone)
    url = reverse("communication:minutes_approve", args=[world.initiative.slug, meeting.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "Circulate the minutes" in response.content.decode()


def test_a_partner_cannot_post_steps(client, world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    f.circulated(world, meeting)
    client.force_login(world.partner)
    url = reverse("communication:minutes_approve", args=[world.initiative.slug, meeting.pk])
    assert client.post(url).status_code == 403


# --- bad input on every form ---------------------------------------------------------------


def _bad(client, url, data, field):
    response = client.post(url, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors


def test_bad_input_on_the_minutes_forms(client, world):
    meeting = f.meeting(world)
    slug = world.initiative.slug
    client.force_login(world.backbone)
    _bad(
        client, reverse("communication:minutes_edit", args=[slug, meeting.pk]), {"body": ""}, "body"
    )
    _bad(
        client,
        reverse("communication:minutes_edit", args=[slug, meeting.pk]),
        {"body": "a\x00b"},
        "body",
    )
    f.approved(world, meeting, body="Text")
    url = reverse("communication:minutes_correct", args=[slug, meeting.pk])
    _bad(client, url, {"body": "Text", "reason": "why"}, "body")
    _bad(client, url, {"body": "Other", "reason": ""}, "reason")
    _bad(client, url, {"body": "Other", "reason": "x" * 501}, "reason")


def test_bad_input_on_the_comment_form(client, world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    f.circulated(world, meeting)
    client.force_login(world.partner)
    url = reverse("communication:minutes_comment", args=[world.initiative.slug, meeting.pk])
    response = client.post(url, {"text": ""})
    assert response.status_code == 400
    assert "text" in response.context["comment_form"].errors
    assert not MinutesComment.objects.exists()


def test_bad_input_on_the_decision_form(client, world):
    client.force_login(world.backbone)
    url = reverse("communication:decision_create", args=[world.initiative.slug])
    today = timezone.localdate()
    base = {"statement": "Decided", "decided_on": today.isoformat(), "decided_by": "The committee"}
    _bad(client, url, {**base, "statement": ""}, "statement")
    _bad(client, url, {**base, "decided_on": "soon"}, "decided_on")
    _bad(client, url, {**base, "decided_by": ""}, "decided_by")
    _bad(client, url, {**base, "review_on": (today - timedelta(1)).isoformat()}, "review_on")
    _bad(client, url, {**base, "meeting": "999999"}, "meeting")
    assert not Decision.objects.exists()
    assert client.post(url, base).status_code == 302


def test_bad_input_on_the_decision_status_form(client, world):
    decision = f.decision(world)
    client.force_login(world.backbone)
    url = reverse("communication:decision_status", args=[world.initiative.slug, decision.pk])
    for data, field in [({"status": "gone"}, "status"), ({"status": "in_force"}, "status")]:
        response = client.post(url, data)
        assert response.status_code == 400
        assert field in response.context["status_form"].errors
    assert not decision.changes.exists()


def test_bad_input_on_the_action_item_forms(client, world):
    client.force_login(world.backbone)
    url = reverse("communication:action_item_create", args=[world.initiative.slug])
    base = {"title": "Send", "owner": world.partner.pk, "status": "open"}
    _bad(client, url, {**base, "title": ""}, "title")
    _bad(client, url, {**base, "owner": world.other_partner.pk}, "owner")
    _bad(client, url, {**base, "due_on": "tomorrow"}, "due_on")
    _bad(client, url, {**base, "organization": world.other_org.pk}, "organization")
    assert not ActionItem.objects.exists()
    assert client.post(url, base).status_code == 302
    item = ActionItem.objects.get()
    client.force_login(world.partner)
    detail = reverse("communication:action_item_detail", args=[world.initiative.slug, item.pk])
    response = client.post(detail, {"status": "finished"})
    assert response.status_code == 400 and "status" in response.context["move_form"].errors
    assert client.post(detail, {"status": "done", "note": "Sent"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at is not None


def test_a_convener_must_name_their_meeting(client, world):
    convener = f.convener(world)
    meeting = f.meeting(world, convener=convener)
    client.force_login(convener)
    url = reverse("communication:decision_create", args=[world.initiative.slug])
    base = {"statement": "Decided", "decided_on": timezone.localdate().isoformat()}
    _bad(client, url, base, "meeting")
    assert client.post(url, {**base, "meeting": meeting.pk}).status_code == 302


@pytest.mark.parametrize("lang", ["he", "ar"])
def test_pages_in_right_to_left_languages(client, setup, lang):
    world, meeting, _decision, _item = setup
    client.force_login(world.partner)
    client.cookies["django_language"] = lang
    for url in [
        reverse("communication:minutes", args=[world.initiative.slug, meeting.pk]),
        reverse("communication:decision_list", args=[world.initiative.slug]),
        reverse("communication:my_action_items"),
    ]:
        response = client.get(url, headers={"accept-language": lang})
        assert response.status_code == 200
        assert 'dir="rtl"' in response.content.decode()


def test_staff_change_an_item_and_a_bad_owner_is_refused(client, world):
    item = f.action_item(world)
    client.force_login(world.backbone)
    url = reverse("communication:action_item_edit", args=[world.initiative.slug, item.pk])
    base = {"title": "Changed", "owner": world.partner.pk, "status": "in_progress"}
    _bad(client, url, {**base, "owner": world.outsider.pk}, "owner")
    assert client.post(url, base).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.status) == ("Changed", "in_progress")
    client.force_login(world.partner)
    assert client.get(url).status_code == 403


def test_a_decision_of_a_working_group_is_seen_by_its_members(client, world):
    group = f.group(world, members=[world.partner])
    client.force_login(world.backbone)
    url = reverse("communication:decision_create", args=[world.initiative.slug])
    data = {
        "statement": "Group decision",
        "decided_on": timezone.localdate().isoformat(),
        "decided_by": "The data group",
        "working_group": group.pk,
    }
    assert client.post(url, data).status_code == 302
    listing = reverse("communication:decision_list", args=[world.initiative.slug])
    client.force_login(world.partner)
    assert "Group decision" in client.get(listing).content.decode()
    client.force_login(world.viewer)
    assert "Group decision" not in client.get(listing).content.decode()


def test_the_edit_form_shows_the_drafted_minutes_back(client, world):
    meeting = f.meeting(world)
    f.drafted(world, meeting, body="We met in Haifa.")
    login_as(client, world, "backbone")
    url = reverse("communication:minutes_edit", args=[world.initiative.slug, meeting.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["body"].value() == "We met in Haifa."
