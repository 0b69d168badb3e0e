"""Rounds in Django admin: written through the services, opened and closed by actions, the
responses read only and, for an anonymous round, without who answered; no answers at all."""

from datetime import timedelta

from django.contrib import admin as django_admin
from django.urls import reverse
from django.utils import timezone

from backbone.models import AnswerValue, AssessmentRound, Response, RoundState
from backbone.services import answers as answer_services
from tests.backbone import round_factories as f


def test_no_answer_or_response_admin():
    registered = django_admin.site._registry
    assert AnswerValue not in registered and Response not in registered


def test_a_round_is_added_through_the_service(client, world):
    made = f.template()
    client.force_login(world.superuser)
    url = reverse("admin:backbone_assessmentround_add")
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    data = {
        "initiative": world.initiative.pk,
        "template": made.pk,
        "title": "From admin",
        "opens_on": today.isoformat(),
        "closes_on": (today - timedelta(days=1)).isoformat(),
        "anonymous": "on",
    }
    response = client.post(url, data)
    assert (
        response.status_code == 200 and "cannot close before it opens" in response.content.decode()
    )
    data["closes_on"] = (today + timedelta(days=3)).isoformat()
    assert client.post(url, data).status_code == 302
    made_round = AssessmentRound.objects.get(title="From admin")
    assert made_round.created_by == world.superuser and made_round.state == RoundState.DRAFT


def test_actions_open_and_close(client, world):
    draft = f.round(world)
    client.force_login(world.superuser)
    url = reverse("admin:backbone_assessmentround_changelist")
    client.post(url, {"action": "open_rounds", "_selected_action": [draft.pk]})
    assert AssessmentRound.objects.get(pk=draft.pk).state == RoundState.OPEN
    response = client.post(
        url, {"action": "open_rounds", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Only a round being prepared" in response.content.decode()
    client.post(url, {"action": "close_rounds", "_selected_action": [draft.pk]})
    assert AssessmentRound.objects.get(pk=draft.pk).state == RoundState.CLOSED


def test_an_anonymous_rounds_responses_do_not_say_who(client, world):
    made = f.template()
    anonymous = f.open_round(world, made)
    named = f.open_round(world, made, title="Named", anonymous=False)
    for round in (anonymous, named):
        answer_services.answers_save(
            response=Response.objects.get(round=round, respondent=world.partner),
            answers={f.benchmark_ids(made)[0]: (4, "a private comment")},
            by=world.partner,
        )
    client.force_login(world.superuser)
    html = client.get(
        reverse("admin:backbone_assessmentround_change", args=[anonymous.pk])
    ).content.decode()
    assert world.partner.email not in html and world.partner_org.name not in html
    assert "a private comment" not in html
    html = client.get(
        reverse("admin:backbone_assessmentround_change", args=[named.pk])
    ).content.decode()
    assert world.partner_org.name in html and "a private comment" not in html
    history = reverse("admin:backbone_assessmentround_history", args=[named.pk])
    assert client.get(history).status_code == 200
