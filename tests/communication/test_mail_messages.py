"""The messages: a text part and an HTML alternative in the recipient's language and
direction, the sender from the settings, absolute links, a one-click unsubscribe (the link, the
headers of RFC 8058, the GET page and the POST), and a forged token is a 400 page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from communication.messages import unsubscribe_token
from communication.models import Delivery, EmailPreference, EventKind, MessageKind
from communication.services.mail import event_deliver
from tests.communication.mail_factories import event


def deliver_to_partner(world, language: str, name="Steering committee"):
    world.partner.language = language
    world.partner.save()
    found = event(
        world.initiative, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.partner, name=name
    )
    event_deliver(found.pk)
    (message,) = mail.outbox
    return message


@pytest.mark.parametrize(
    ("language", "direction"), [("en", "ltr"), ("he", "rtl"), ("ar", "rtl"), ("", "ltr")]
)
def test_a_message_has_both_parts_in_the_recipients_language_and_direction(
    world, language, direction
):
    message = deliver_to_partner(world, language)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<html lang="{language or "en"}" dir="{direction}">' in html
    assert message.extra_headers["Content-Language"] == (language or "en")
    assert "Steering committee" in message.body and "<bdi>Steering committee</bdi>" in html
    assert "<img" not in html and "<link" not in html and "<script" not in html
    assert message.from_email == "Sheatufim <noreply@localhost>"


def test_the_sender_comes_from_the_settings(world, settings):
    settings.DEFAULT_FROM_EMAIL = "Initiatives <news@example.org>"
    assert deliver_to_partner(world, "en").from_email == "Initiatives <news@example.org>"


def test_a_hebrew_reader_gets_a_hebrew_sentence(world):
    from django.utils import translation

    with translation.override("he"):
        from communication.models import EventKind as Kind

        label = str(Kind.ACTION_ITEM_ASSIGNED.label)
    message = deliver_to_partner(world, "he")
    assert label in message.subject


def test_links_are_absolute_and_the_unsubscribe_headers_follow_rfc_8058(world, settings):
    settings.SITE_URL = "https://impact.example.org"
    message = deliver_to_partner(world, "en")
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https://impact\.example\.org/email/unsubscribe/[^>]+/>", unsubscribe)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in message.body
    assert unsubscribe[1:-1] in message.alternatives[0][0]


def test_the_unsubscribe_page_asks_then_its_button_unsubscribes_without_signing_in(client, world):
    url = reverse(
        "communication:unsubscribe", args=[unsubscribe_token(world.partner, MessageKind.NEWS)]
    )
    page = client.get(url)
    assert page.status_code == 200 and b'<form method="post">' in page.content
    assert not EmailPreference.objects.filter(user=world.partner).exists()
    assert client.post(url).status_code == 200
    assert (
        EmailPreference.objects.get(user=world.partner, kind=MessageKind.NEWS).delivery
        == Delivery.NONE
    )


def test_a_one_click_post_without_csrf_unsubscribes(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("communication:unsubscribe", args=[unsubscribe_token(world.partner, "weekly")])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    stopped = set(
        EmailPreference.objects.filter(user=world.partner, delivery=Delivery.NONE).values_list(
            "kind", flat=True
        )
    )
    assert stopped == {MessageKind.NEWS, MessageKind.DECISIONS, MessageKind.MILESTONES}


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxfQ:forged:sig", "x" * 300])
def test_a_forged_or_mangled_token_is_a_400_page(client, world, token):
    for method in (client.get, client.post):
        response = method(reverse("communication:unsubscribe", args=[token]))
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    assert not EmailPreference.objects.exists()


def test_a_token_signed_with_another_key_is_refused(client, world, settings):
    token = unsubscribe_token(world.partner, MessageKind.NEWS)
    settings.SECRET_KEY = "another-key-another-key-another-key-another-key"
    assert client.get(reverse("communication:unsubscribe", args=[token])).status_code == 400
