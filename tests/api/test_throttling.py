"""Throttling: per API token, and for anonymous callers; a 429 in the one error format."""

from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from initiatives import services
from sheatufim.api.throttling import TokenRateThrottle


def test_each_token_has_its_own_budget(world, monkeypatch):
    cache.clear()
    monkeypatch.setattr(TokenRateThrottle, "get_rate", lambda self: "2/minute")
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
    client = APIClient()
    assert client.get("/api/v1/schema/").status_code == 200  # the public description
    refused = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    cache.clear()
