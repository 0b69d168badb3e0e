"""The CEO's home: my spheres, the commitments waiting for my organization, the next session,
the charter, what changed since my last visit; its queries do not grow with the data."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaVersion
from communication.models import EventKind, MeetingKind
from communication.services.events import event_record
from communication.services.meetings import meeting_schedule
from spheres.models import Commitment, CommitmentAnswer, SphereVisit
from spheres.services import membership as services
from tests.initiatives.factories import OrganizationFactory, UserFactory

from .conftest import add_member

pytestmark = pytest.mark.django_db

URL = reverse("spheres:home")


def _commitment(sw, title, **fields):
    return Commitment.objects.create(
        sphere=sw.sphere, title=title, review_on=date(2027, 1, 1), **fields
    )


def _session(sw, title="Sphere session", days=7):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return meeting_schedule(
        user=sw.facilitator,
        initiative=sw.sphere,
        kind=MeetingKind.SPHERE_SESSION,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="Asia/Jerusalem",
        place="Haifa",
        shared=True,
    )


def _home(client, sw):
    client.force_login(sw.ceo)
    response = client.get(URL)
    assert response.status_code == 200
    (home,) = response.context["homes"]
    return home, response.content.decode()


def test_commitments_waiting_are_those_my_organization_has_not_answered(client, sw):
    waiting = _commitment(sw, "Shared intake form")
    answered = _commitment(sw, "Joint training")
    _commitment(sw, "Done already", status="fulfilled")
    CommitmentAnswer.objects.create(commitment=answered, organization=sw.member_org, answer="in")
    CommitmentAnswer.objects.create(
        commitment=waiting, organization=sw.other_member_org, answer="in"
    )
    home, page = _home(client, sw)
    assert home.waiting == [waiting]
    assert "Shared intake form" in page


def test_the_next_session_is_the_soonest_upcoming_one(client, sw):
    _session(sw, "Later", days=20)
    soon = _session(sw, "Soon", days=3)
    _session(sw, "Past", days=-3)
    home, page = _home(client, sw)
    assert home.next_session == soon
    assert "Soon" in page


def test_the_charter_shows_the_adopted_vision_and_principles(client, sw):
    AgendaVersion.objects.create(
        initiative=sw.sphere,
        number=1,
        state="adopted",
        vision="Every youth has a place",
        principles="Autonomy of each organization",
        adopted_at=timezone.now(),
    )
    _home_row, page = _home(client, sw)
    assert "Every youth has a place" in page and "Autonomy of each organization" in page
    assert reverse("agenda:agenda", args=[sw.sphere.slug]) in page


def test_what_changed_since_the_last_visit(client, sw):
    home, page = _home(client, sw)
    assert home.changes.since is None  # the first visit
    SphereVisit.objects.update(seen_at=timezone.now() - timedelta(hours=1))
    _commitment(sw, "New commitment")
    event_record(sw.sphere, EventKind.DECISION_TAKEN, params={"name": "Go north"}, path="/x/")
    made = services.join_request_create(
        sphere=sw.sphere,
        organization=sw.candidate_org,
        by=UserFactory(),
        ceo_name="Noa",
        statement="Youth",
    )
    services.join_request_accept(request=made, by=sw.facilitator)
    home, page = _home(client, sw)
    assert [c.title for c in home.changes.commitments] == ["New commitment"]
    assert [r.organization for r in home.changes.members] == [sw.candidate_org]
    assert len(home.changes.events) == 1
    assert "Go north" in page
    home, _page = _home(client, sw)  # the visit was recorded: nothing new now
    assert not home.changes.any


def test_the_home_shows_only_my_spheres(client, sw):
    client.force_login(sw.outsider)
    response = client.get(URL)
    assert response.context["homes"] == []
    assert "Hamerhav" not in response.content.decode()


def test_the_homes_queries_do_not_grow_with_the_data(client, sw):
    client.force_login(sw.ceo)
    client.get(URL)  # a visit to compare with
    counts = []
    for n in (1, 6):
        for i in range(n):
            _commitment(sw, f"c{n}-{i}")
            _session(sw, f"s{n}-{i}", days=3 + i)
            event_record(sw.sphere, EventKind.DECISION_TAKEN, params={"name": f"d{i}"}, path="/x/")
            add_member(sw.sphere, OrganizationFactory(), UserFactory())
        SphereVisit.objects.update(seen_at=timezone.now() - timedelta(days=1))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
