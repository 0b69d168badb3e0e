"""Hostile input at the door: sign-in and password reset limits; a 403 logged in one line and
the site's own 404 page under DEBUG (uploaded files: tests/measurement/test_media.py)."""

import io
import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse

from tests.initiatives.factories import PASSWORD

WRONG = "not-the-password"


def sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail_five_times(client, email, ip="10.0.0.1"):
    return [sign_in(client, email, WRONG, ip) for _ in range(5)]


# Sign-in limit


def test_five_wrong_passwords_lock_the_address_even_with_the_right_one(client, world):
    responses = fail_five_times(client, world.partner.email)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]

    response = sign_in(client, world.partner.email, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many attempts" in response.text
    assert "Try again in 15 minutes." in response.text
    assert 'href="/accounts/password/reset/"' in response.text


def test_the_lock_counts_an_address_whatever_its_case(client, world):
    for email in ["PARTNER@example.org", "Partner@Example.org", "partner@example.org"] * 2:
        sign_in(client, email, WRONG)
    assert sign_in(client, world.partner.email, PASSWORD).status_code == 429


def test_the_lock_holds_only_that_address_from_that_ip(client, world):
    fail_five_times(client, world.partner.email, ip="10.0.0.1")

    assert sign_in(client, world.partner.email, PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert sign_in(client, world.viewer.email, PASSWORD, ip="10.0.0.1").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, world):
    fail_five_times(client, world.partner.email)
    assert sign_in(client, world.partner.email, PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))

    assert sign_in(client, world.partner.email, PASSWORD).status_code == 302
    assert "_auth_user_id" in client.session


def test_a_successful_sign_in_starts_the_count_again(client, world):
    for _ in range(4):
        sign_in(client, world.partner.email, WRONG)
    assert sign_in(client, world.partner.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, world.partner.email, WRONG).status_code == 200


def test_the_admin_sign_in_is_locked_too(client, world):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": world.superuser.email, "password": WRONG})

    response = client.post(url, {"username": world.superuser.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_api_tokens_are_not_limited_by_the_sign_in_lock(client, world):
    from tests.personas import api_client_as

    fail_five_times(client, world.backbone.email, ip="127.0.0.1")
    api = api_client_as(world, "backbone")
    assert api.get(reverse("api:initiative-list")).status_code == 200


# Password reset limit


def request_reset(client, email, ip="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def reset_mails(eager_celery, django_capture_on_commit_callbacks, mailoutbox):
    def send(client, email, times, ip="10.0.0.1"):
        responses = []
        for _ in range(times):
            with django_capture_on_commit_callbacks(execute=True):
                responses.append(request_reset(client, email, ip))
        return responses

    cache.clear()
    return send


def test_reset_sends_at_most_three_mails_per_address_and_says_the_same(
    client, world, reset_mails, mailoutbox
):
    responses = reset_mails(client, world.partner.email, 15)

    assert len(mailoutbox) == 3
    assert {r.status_code for r in responses} == {302}
    assert {r.url for r in responses} == {reverse("password_reset_done")}


def test_reset_limit_counts_the_address_whatever_its_case(client, world, reset_mails, mailoutbox):
    for email in ["partner@example.org", "PARTNER@example.org", "Partner@example.org"] * 2:
        reset_mails(client, email, 1)
    assert len(mailoutbox) == 3


def test_reset_of_another_address_is_not_affected(client, world, reset_mails, mailoutbox):
    reset_mails(client, world.partner.email, 5)
    reset_mails(client, world.viewer.email, 1)
    assert [m.to for m in mailoutbox][-1] == [world.viewer.email]
    assert len(mailoutbox) == 4


def test_reset_is_limited_per_ip_across_addresses(client, world, reset_mails, mailoutbox, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 2
    for user in (world.partner, world.viewer, world.backbone):
        reset_mails(client, user.email, 1, ip="10.9.9.9")
    reset_mails(client, world.facilitator.email, 1, ip="10.9.9.8")
    assert [m.to for m in mailoutbox] == [
        [world.partner.email],
        [world.viewer.email],
        [world.facilitator.email],
    ]


def test_reset_limit_fails_open_when_the_cache_is_down(
    client, world, reset_mails, mailoutbox, settings, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    reset_mails(client, world.partner.email, 4)
    assert len(mailoutbox) == 4
    assert "Password reset limit is off" in caplog.text


# Logs and error pages


def log_output_of(logger_name: str):
    """Point every handler a record of `logger_name` reaches at one buffer."""
    buffer, swapped = io.StringIO(), []
    logger = logging.getLogger(logger_name)
    while logger:
        for handler in logger.handlers:
            if type(handler) is logging.StreamHandler:  # not pytest's capture
                swapped.append((handler, handler.setStream(buffer)))
        logger = logger.parent if logger.propagate else None
    return buffer, swapped


def test_a_403_is_logged_in_one_line_without_a_traceback(client, world, settings):
    settings.DEBUG = True  # Django's own console handler printed it a second time under DEBUG
    client.force_login(world.viewer)
    buffer, swapped = log_output_of("django.request")
    try:
        response = client.get(reverse("measurement:review_queue", args=[world.initiative.slug]))
    finally:
        for handler, stream in swapped:
            handler.setStream(stream)
    assert response.status_code == 403
    assert buffer.getvalue().count("Forbidden") == 1
    assert "Traceback" not in buffer.getvalue()


def test_a_500_keeps_its_traceback(settings):
    from sheatufim.settings import _client_error_without_traceback

    record = logging.LogRecord(
        "django.request", logging.ERROR, "", 0, "x", (), (ValueError, ValueError(), None)
    )
    record.status_code = 500
    assert _client_error_without_traceback(record) and record.exc_info


@pytest.mark.parametrize("path", ["/no-such-page/", "/initiatives/no-such-initiative/"])
def test_under_debug_a_404_is_the_sites_own_page(client, world, settings, path):
    settings.DEBUG = True
    client.force_login(world.partner)
    response = client.get(path)
    assert response.status_code == 404
    assert "templates/404.html" in [
        t.origin.name.removeprefix(str(settings.BASE_DIR) + "/") for t in response.templates
    ]
    assert "URLconf" not in response.text
    assert "This page does not exist" in response.text


# Content-Security-Policy


def directives(response) -> dict[str, set[str]]:
    header = response.headers["Content-Security-Policy"]
    return {name: set(values) for name, *values in (part.split() for part in header.split(";"))}


def test_pages_carry_the_strict_policy(client, world):
    client.force_login(world.backbone)
    policy = directives(client.get(reverse("initiatives:detail", args=[world.initiative.slug])))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == {"'self'"}
    assert policy["object-src"] == policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == policy["form-action"] == {"'self'"}
    assert directives(client.get(reverse("admin:index")))["script-src"] == {"'self'"}


def test_only_the_api_docs_allow_inline_styles(client):
    redoc = client.get(reverse("api:redoc"))
    assert directives(redoc)["style-src"] == {"'self'", "'unsafe-inline'"}
    assert directives(redoc)["script-src"] == {"'self'"}
    assert directives(client.get(reverse("login")))["style-src"] == {"'self'"}


def test_the_api_docs_name_no_other_host(client):
    for name in ["api:redoc", "api:docs"]:
        text = client.get(reverse(name)).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), name
        assert "googleapis" not in text and "jsdelivr" not in text, name
    assert "<style" not in client.get(reverse("api:redoc")).text
    bundle = b"".join([client.get(reverse("redoc_bundle")).content])
    assert b"cdn.redoc.ly" not in bundle and b"Redoc" in bundle
