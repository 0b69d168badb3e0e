"""Throttling: per API token, and for anonymous callers; a 429 in the one error format."""

from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from initiatives import services
from sheatufim.api.throttling import TokenRateThrottle


def test_each_token_has_its_own_budget(world, monkeypatch):
    cache.clear()
    monkeypatch.setattr(TokenRateThrottle, "get_rate", lambda self: "2/minute")
    monkeypatch.setattr(TokenRateThrottle, "timer", lambda self: 6000.0)  # one window
    clients = []
    for name in ("first", "second"):
        _token, raw = services.api_token_create(user=world.partner, name=name)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        clients.append(client)
    first, second = clients
    assert [first.get("/api/v1/initiatives/").status_code for _ in range(2)] == [200, 200]
    refused = first.get("/api/v1/initiatives/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled" and "Retry-After" in refused
    assert second.get("/api/v1/initiatives/").status_code == 200
    cache.clear()


def test_anonymous_callers_are_throttled(db, monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "get_rate", lambda self: "1/minute")
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: 6000.0)
    client = APIClient()
    assert client.get("/api/v1/schema/").status_code == 200  # the public description
    refused = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    cache.clear()


def test_the_budget_comes_back_with_the_next_window(world, monkeypatch):
    cache.clear()
    now = [6010.0]
    monkeypatch.setattr(TokenRateThrottle, "get_rate", lambda self: "2/minute")
    monkeypatch.setattr(TokenRateThrottle, "timer", lambda self: now[0])
    _token, raw = services.api_token_create(user=world.partner, name="window")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert [client.get("/api/v1/initiatives/").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/initiatives/")["Retry-After"] == "50"  # the window ends at 6060
    now[0] = 6061.0
    assert client.get("/api/v1/initiatives/").status_code == 200
    cache.clear()
