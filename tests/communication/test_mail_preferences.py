"""Email preferences: the page (the person's own, nobody else's), the API (GET/PUT of the
current user's), bad input at the field and as a 400, and the language taken from the site at
sign-in."""

import pytest
from django.urls import reverse

from communication.models import DEFAULT_DELIVERY, DigestSettings, EmailPreference, MessageKind
from tests.personas import PERSONAS, api_client_as, check, login_as

URL = "/account/email/"
API = "/api/v1/account/email-preferences/"


def form_data(**changes):
    data = {kind: delivery for kind, delivery in DEFAULT_DELIVERY.items()}
    data.update(weekly_day="6", language="")
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_signed_in_person_has_their_own_page(client, world, persona):
    login_as(client, world, persona)
    check(
        client.get(reverse("communication:email_preferences")),
        "login" if persona == "anonymous" else 200,
    )


def test_the_page_shows_the_defaults(client, world):
    client.force_login(world.partner)
    form = client.get(URL).context["form"]
    assert form.initial[MessageKind.NEWS] == DEFAULT_DELIVERY[MessageKind.NEWS]
    assert form.initial["weekly_day"] == 6


def test_saving_the_page_changes_only_the_signed_in_person(client, world):
    client.force_login(world.partner)
    response = client.post(URL, form_data(news="daily", weekly_day="2", language="ar"))
    assert response.status_code == 302
    assert EmailPreference.objects.get(user=world.partner, kind="news").delivery == "daily"
    assert DigestSettings.objects.get(user=world.partner).weekly_day == 2
    world.partner.refresh_from_db()
    assert world.partner.language == "ar"
    assert not EmailPreference.objects.exclude(user=world.partner).exists()


@pytest.mark.parametrize(
    "bad", [{"news": "hourly"}, {"weekly_day": "9"}, {"language": "fr"}, {"meetings": ""}]
)
def test_bad_input_is_a_message_at_the_field_and_saves_nothing(client, world, bad):
    client.force_login(world.partner)
    response = client.post(URL, form_data(**bad))
    assert response.status_code == 400
    assert set(bad) <= set(response.context["form"].errors)
    assert not EmailPreference.objects.exists() and not DigestSettings.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_gives_each_person_their_own_preferences(world, persona):
    response = api_client_as(world, persona).get(API)
    if persona == "anonymous":
        assert response.status_code in (401, 403)
        return
    assert response.status_code == 200
    assert response.json()["deliveries"] == {k.value: v.value for k, v in DEFAULT_DELIVERY.items()}


def test_the_api_changes_what_is_put(world):
    client = api_client_as(world, "partner")
    body = {"deliveries": {"news": "none"}, "weekly_day": 3, "language": "he"}
    response = client.put(API, body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["deliveries"]["news"] == "none"
    assert response.json()["deliveries"]["meetings"] == "immediate"  # left out: kept
    assert response.json()["weekly_day"] == 3 and response.json()["language"] == "he"


@pytest.mark.parametrize(
    "body",
    [
        {"deliveries": {"news": "often"}, "weekly_day": 3, "language": ""},
        {"deliveries": {}, "weekly_day": 7, "language": ""},
        {"deliveries": {}, "weekly_day": 3, "language": "fr"},
        {"deliveries": "none", "weekly_day": 3, "language": ""},
        {"weekly_day": 3},
    ],
)
def test_bad_input_to_the_api_is_a_400_and_saves_nothing(world, body):
    response = api_client_as(world, "partner").put(API, body, format="json")
    assert response.status_code == 400
    assert not EmailPreference.objects.exists() and not DigestSettings.objects.exists()


def test_signing_in_sets_the_language_of_the_emails_from_the_site(client, world):
    from tests.initiatives.factories import PASSWORD

    client.cookies["django_language"] = "he"
    client.post(reverse("login"), {"username": world.partner.email, "password": PASSWORD})
    world.partner.refresh_from_db()
    assert world.partner.language == "he"


def test_signing_in_keeps_a_language_already_chosen(client, world):
    from tests.initiatives.factories import PASSWORD

    world.partner.language = "ar"
    world.partner.save()
    client.cookies["django_language"] = "he"
    client.post(reverse("login"), {"username": world.partner.email, "password": PASSWORD})
    world.partner.refresh_from_db()
    assert world.partner.language == "ar"


def test_the_admin_lists_the_records_of_what_was_sent(client, world):
    client.force_login(world.superuser)
    for model in (
        "emailpreference",
        "digestrun",
        "digestdelivery",
        "eventdelivery",
        "remindersent",
    ):
        assert client.get(f"/admin/communication/{model}/").status_code == 200
