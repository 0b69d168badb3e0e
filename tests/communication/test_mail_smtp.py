"""One digest through a real SMTP server on localhost (aiosmtpd), read back as the server
received it: the headers, both parts, the language and direction, and an unsubscribe link that
works."""

import email
import email.policy
import re
import socket
from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from communication.models import Delivery, EmailPreference, Event, MessageKind
from communication.services import mail_digests
from tests.communication.mail_factories import event


class Keep:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


def test_a_digest_through_a_real_smtp_server(world, smtp_server, settings, client):
    settings.SITE_URL = "http://testserver"
    settings.DEFAULT_FROM_EMAIL = "Sheatufim <digest@example.org>"
    world.partner.language = "ar"
    world.partner.save()
    EmailPreference.objects.create(
        user=world.partner, kind=MessageKind.MILESTONES, delivery=Delivery.DAILY
    )
    now = timezone.make_aware(datetime(2026, 3, 4, 12))
    found = event(world.initiative, name="النسخة الثانية")
    Event.objects.filter(pk=found.pk).update(occurred_at=now - timedelta(days=1))

    assert mail_digests.digests_send(now=now) == 1

    ((recipients, raw),) = smtp_server.received
    assert recipients == [world.partner.email]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["From"] == "Sheatufim <digest@example.org>"
    assert message["To"] == world.partner.email
    assert message["Subject"]
    assert message["Content-Language"] == "ar"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(
        r"<(http://testserver/email/unsubscribe/[^>]+/)>", str(message["List-Unsubscribe"]).strip()
    )
    assert link, message["List-Unsubscribe"]
    parts = {part.get_content_type(): part for part in message.walk() if not part.is_multipart()}
    text, html = parts["text/plain"].get_content(), parts["text/html"].get_content()
    assert "النسخة الثانية" in text and "<bdi>النسخة الثانية</bdi>" in html
    assert '<html lang="ar" dir="rtl">' in html
    assert link.group(1) in text and link.group(1) in html

    # The mail client's one-click POST (RFC 8058) to the link as received.
    response = client.post(
        link.group(1).removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert (
        EmailPreference.objects.get(user=world.partner, kind=MessageKind.MILESTONES).delivery
        == Delivery.NONE
    )
