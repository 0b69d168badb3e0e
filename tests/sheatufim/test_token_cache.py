"""API tokens cached in Redis: one query less per request, never a revoked token let through,
and the database when Redis is away."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from initiatives import services
from initiatives.models import ApiToken
from sheatufim.api import authentication, throttling

URL = "/api/v1/initiatives/"


@pytest.fixture(autouse=True)
def no_outage_seen():
    throttling._CacheOutage.down, throttling._CacheOutage.retry_at = False, 0.0
    yield
    throttling._CacheOutage.down, throttling._CacheOutage.retry_at = False, 0.0


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def token_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return sum("initiatives_apitoken" in q["sql"] for q in captured.captured_queries)


def test_a_cached_token_is_not_looked_up_again(world, private_redis):
    _token, raw = services.api_token_create(user=world.partner, name="cached")
    api = bearer(raw)
    assert token_queries(api) == 2  # looked up, its use noted
    assert token_queries(api) == 0
    assert api.get(URL).json()["count"] == bearer(raw).get(URL).json()["count"] >= 1


def test_a_revoked_token_is_refused_on_the_next_request_with_the_cache_on(
    client, world, private_redis
):
    client.force_login(world.partner)
    raw = client.post(reverse("api_tokens"), {"name": "Script"}).context["new_token"]
    api = bearer(raw)
    assert api.get(URL).status_code == 200
    assert api.get(URL).status_code == 200  # from the cache
    client.post(reverse("api_tokens"), {"revoke": ApiToken.objects.get(user=world.partner).pk})
    assert api.get(URL).status_code == 401


def test_a_request_that_read_the_token_before_the_revocation_cannot_cache_it(world, private_redis):
    token, raw = services.api_token_create(user=world.partner, name="race")
    read_before = services.api_token_authenticate(raw)  # a request reads the database …
    services.api_token_revoke(token=token)  # … the token is revoked …
    key = services.api_token_cache_key(services.api_token_hash(raw))
    authentication._remember(key, read_before)  # … and that request then caches what it read
    assert bearer(raw).get(URL).status_code == 401


def test_a_deactivated_users_cached_token_is_refused(world, private_redis):
    _token, raw = services.api_token_create(user=world.partner, name="leaver")
    api = bearer(raw)
    assert api.get(URL).status_code == 200
    services.user_deactivate(user=world.partner)
    assert api.get(URL).status_code == 401


def test_a_user_deactivated_in_the_admin_has_their_cached_token_refused(
    admin_client, world, private_redis
):
    _token, raw = services.api_token_create(user=world.partner, name="leaver")
    api = bearer(raw)
    assert api.get(URL).status_code == 200
    url = reverse("admin:initiatives_user_change", args=[world.partner.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "is_active"}
    data.update(
        {
            "groups": [],
            "user_permissions": [],
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        }
    )
    data["last_login_0"] = data["last_login_1"] = ""
    data["date_joined_0"], data["date_joined_1"] = "2025-01-01", "00:00:00"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    world.partner.refresh_from_db()
    assert not world.partner.is_active
    assert api.get(URL).status_code == 401


def test_tokens_are_looked_up_in_the_database_while_redis_is_down(world, private_redis):
    token, raw = services.api_token_create(user=world.partner, name="outage")
    api = bearer(raw)
    assert api.get(URL).status_code == 200
    private_redis.stop()
    assert token_queries(api) >= 1
    services.api_token_revoke(token=token)
    assert api.get(URL).status_code == 401


def test_a_per_process_cache_is_never_used_for_tokens(world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _token, raw = services.api_token_create(user=world.partner, name="local")
    api = bearer(raw)
    api.get(URL)
    assert token_queries(api) == 1
