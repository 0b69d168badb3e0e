"""The database away: the API answers 503 in its JSON format, the pages a 503 page; then back."""

from contextlib import contextmanager

import pytest
from django.db.backends import utils
from rest_framework.test import APIClient

from initiatives import services


def _gone(self, *args, **kwargs):
    with self.db.wrap_database_errors:  # the driver's error becomes django.db's, as for real
        raise self.db.Database.OperationalError("server closed the connection unexpectedly")


@contextmanager
def database_away():
    """Every query fails inside the block as it does when the server has gone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(utils.CursorWrapper, "_execute", _gone)
        patch.setattr(utils.CursorWrapper, "_executemany", _gone)
        yield


@pytest.fixture
def api(world) -> APIClient:
    _token, raw = services.api_token_create(user=world.partner, name="outage")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def page(client, world):
    client.force_login(world.partner)
    return client


def test_the_api_answers_503_in_its_format_with_retry_after(api):
    with database_away():
        response = api.get("/api/v1/initiatives/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "unavailable" and response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_a_write_to_the_api_answers_503_too(api):
    with database_away():
        response = api.post("/api/v1/submissions/bulk/", {"entries": []})
    assert response.status_code == 503 and response.json()["code"] == "unavailable"


def test_pages_show_a_translated_503_page(page):
    with database_away():
        response = page.get("/", HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert 'lang="he" dir="rtl"' in body
    assert "Briefly unavailable" not in body  # the Hebrew text instead


def test_the_api_and_the_pages_answer_again_once_the_database_is_back(api, page):
    with database_away():
        assert api.get("/api/v1/initiatives/").status_code == 503
        assert page.get("/").status_code == 503
    assert api.get("/api/v1/initiatives/").status_code == 200
    assert page.get("/").status_code in (200, 302)
