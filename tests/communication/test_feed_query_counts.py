"""The news pages and the feed's endpoints read a number of queries that does not grow with the
data: the same at two sizes of updates (with files) and events of every audience."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communication.models import EventKind
from tests.communication.feed_factories import event, group, media, meeting, pdf, png, posted
from tests.personas import api_client_as

__all__ = ["media"]
pytestmark = pytest.mark.usefixtures("media")


def grow(world, size: int) -> None:
    working_group = group(world, members=[world.viewer], name=f"Group {size}")
    for i in range(size):
        posted(world, title=f"News {size}.{i}", files=[pdf(), png()])
        event(world, name=f"Decision {i}", working_group=working_group if i % 2 else None)
        event(world, EventKind.MEETING_SCHEDULED, meeting=meeting(world, shared=bool(i % 2)))
        event(world, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.partner)


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(context.captured_queries)


def pages(world) -> dict:
    slug = world.initiative.slug
    return {
        "news": (reverse("communication:news", args=[slug]), None),
        "news/kind": (reverse("communication:news", args=[slug]), {"kind": "decision_taken"}),
        "news/page2": (reverse("communication:news", args=[slug]), {"page": 2}),
        "updates": (reverse("communication:update_list", args=[slug]), None),
    }


def endpoints() -> dict:
    return {
        "updates": ("/api/v1/updates/", None),
        "files": ("/api/v1/update-attachments/", None),
        "events": ("/api/v1/events/", None),
        "events/filtered": ("/api/v1/events/", {"initiative": "stem", "kind": "decision_taken"}),
    }


@pytest.mark.parametrize("persona", ["backbone", "viewer"])
def test_the_pages_are_flat(client, world, persona):
    client.force_login(getattr(world, persona))
    grow(world, 30)
    small = {name: count(client, *page) for name, page in pages(world).items()}
    grow(world, 60)
    large = {name: count(client, *page) for name, page in pages(world).items()}
    assert small == large


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_the_endpoints_are_flat(world, persona):
    client = api_client_as(world, persona)
    count(client, "/api/v1/updates/")  # a token is read once, then from the cache
    grow(world, 30)
    small = {name: count(client, *endpoint) for name, endpoint in endpoints().items()}
    grow(world, 60)
    large = {name: count(client, *endpoint) for name, endpoint in endpoints().items()}
    assert small == large
