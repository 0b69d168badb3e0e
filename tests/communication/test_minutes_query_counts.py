"""The minutes page, the decisions log, the action-item lists, the homes' panels and the API
lists read a number of queries that does not grow with the data (two sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communication.services import minutes as minutes_services
from tests.communication import minutes_factories as f
from tests.personas import api_client_as


def grow(world, meeting, n: int) -> None:
    for i in range(n):
        f.decision(world, meeting=meeting, statement=f"Decision {i}")
        f.decision(world, statement=f"By email {i}", review_on=timezone.localdate())
        f.action_item(world, meeting=meeting, title=f"Item {i}", due_on=timezone.localdate())


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


def pages(world, meeting):
    slug = world.initiative.slug
    return [
        reverse("communication:minutes", args=[slug, meeting.pk]),
        reverse("communication:decision_list", args=[slug]),
        reverse("communication:decision_list", args=[slug]) + "?due=on&status=in_force",
        reverse("communication:action_item_list", args=[slug]),
        reverse("communication:action_item_list", args=[slug]) + "?overdue=on",
        reverse("communication:my_action_items"),
        reverse("initiatives:my_initiatives"),
        reverse("measurement:partner_home", args=[slug]),
        reverse("measurement:dashboard", args=[slug]),
    ]


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_pages_are_flat(client, world, persona):
    meeting = f.meeting(world, shared=False)
    f.invite(meeting, world.partner, world.partner_org)
    minutes = f.circulated(world, meeting)
    minutes_services.minutes_comment_add(user=world.partner, minutes=minutes, text="Fix 1")
    grow(world, meeting, 2)
    client.force_login(getattr(world, persona))
    small = [queries(client, url) for url in pages(world, meeting)]
    minutes_services.minutes_comment_add(user=world.partner, minutes=minutes, text="Fix 2")
    minutes_services.minutes_comment_add(user=world.partner, minutes=minutes, text="Fix 3")
    grow(world, meeting, 12)
    large = [queries(client, url) for url in pages(world, meeting)]
    assert small == large


def test_api_lists_are_flat(world):
    meeting = f.meeting(world)
    f.invite(meeting, world.partner)
    f.approved(world, meeting)
    grow(world, meeting, 2)
    client = api_client_as(world, "partner")
    urls = ["/api/v1/minutes/", "/api/v1/decisions/", "/api/v1/action-items/"]

    def count():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            found.append(len(context.captured_queries))
        return found

    count()  # the token's first use is recorded once: not a query of the lists
    small = count()
    for i in range(8):
        f.approved(world, f.meeting(world, title=f"M{i}"))
    grow(world, meeting, 10)
    assert count() == small
