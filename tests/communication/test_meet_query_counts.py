"""The meetings list, a meeting's page and a working group's page read a number of queries
that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communication.models import Meeting
from communication.services import groups as group_services
from communication.services import meetings as services
from tests.communication.meet_factories import group, meeting, started
from tests.initiatives.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def grow(world, g, n: int) -> None:
    for i in range(n):
        m = meeting(
            world, title=f"Meeting {i}", days=i - n // 2, working_group=g if i % 2 else None
        )
        for title in ("A", "B"):
            services.agenda_item_add(
                user=world.backbone, meeting=m, title=title, presenter=world.partner
            )


def fill(world, m) -> None:
    services.agenda_item_add(user=world.backbone, meeting=m, title="Item", presenter=world.partner)
    services.invitations_add(
        user=world.backbone, meeting=m, people=[world.partner, world.viewer, world.facilitator]
    )


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_the_meetings_list_is_flat(client, world, persona):
    g = group(world, convener=world.partner, members=[world.partner])
    grow(world, g, 2)
    client.force_login(getattr(world, persona))
    url = reverse("communication:meeting_list", args=["stem"])
    small = queries(client, url), queries(client, url, {"working_group": g.pk})
    grow(world, g, 12)
    assert (queries(client, url), queries(client, url, {"working_group": g.pk})) == small


@pytest.mark.parametrize("persona", ["backbone", "partner"])
def test_a_meetings_page_is_flat(client, world, persona):
    m = meeting(world)
    fill(world, m)
    client.force_login(getattr(world, persona))
    url = reverse("communication:meeting_detail", args=["stem", m.pk])
    small = queries(client, url)
    for i in range(8):
        services.agenda_item_add(
            user=world.backbone, meeting=m, title=f"More {i}", presenter=world.viewer
        )
    others = [
        MembershipFactory(user=UserFactory(), initiative=world.initiative, role="viewer").user
        for _ in range(6)
    ]
    services.invitations_add(user=world.backbone, meeting=m, people=others)
    started(m)
    services.attendance_record(user=world.backbone, meeting=m, people=others)
    assert Meeting.objects.get(pk=m.pk).attendance.count() == 6
    assert queries(client, url) == small


def test_a_groups_page_is_flat(client, world):
    g = group(world, members=[world.partner])
    client.force_login(world.backbone)
    url = reverse("communication:group_detail", args=["stem", g.pk])
    small = queries(client, url)
    grow(world, g, 10)
    group_services.group_update(
        user=world.backbone, group=g, members=[world.partner, world.viewer, world.facilitator]
    )
    assert queries(client, url) == small
