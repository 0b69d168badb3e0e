"""Cohorts: the services (create, change, members), their bad input on the pages, and the
learning sessions read from the host initiative's calendar."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from communication.models import Meeting
from communication.models.meetings import MeetingKind, MeetingStatus
from community.models import Cohort, CohortMember
from community.selectors import cohorts as selectors
from community.services import cohorts as services


def meeting(initiative, *, title="Session", days=7, **fields) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    fields.setdefault("kind", MeetingKind.PARTNERS_ASSEMBLY)
    return Meeting.objects.create(
        initiative=initiative,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


def test_facilitator_creates_a_cohort(community):
    made = services.cohort_create(
        by=community.world.facilitator,
        name="  Hamigrash   2027 ",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 6, 30),
        host=community.world.initiative,
    )
    assert made.name == "Hamigrash 2027"
    assert made.language == "en"
    assert made.created_by == community.world.facilitator


@pytest.mark.parametrize("persona", ["backbone", "partner", "outsider"])
def test_others_cannot_create_a_cohort(community, persona):
    with pytest.raises(PermissionDenied):
        services.cohort_create(
            by=getattr(community.world, persona),
            name="X",
            starts_on=datetime.date(2027, 1, 1),
            ends_on=datetime.date(2027, 2, 1),
        )


def test_cohort_cannot_end_before_it_starts(community):
    with pytest.raises(ValidationError) as error:
        services.cohort_update(
            cohort=community.cohort,
            by=community.world.facilitator,
            ends_on=datetime.date(2025, 1, 1),
        )
    assert "ends_on" in error.value.message_dict


def test_a_leader_is_added_once(community):
    leader = community.cohort.members.first().profile
    with pytest.raises(ValidationError) as error:
        services.cohort_member_add(
            cohort=community.cohort, profile=leader, by=community.world.facilitator
        )
    assert "profile" in error.value.message_dict
    assert CohortMember.objects.filter(cohort=community.cohort).count() == 2


@pytest.mark.parametrize(
    "data,field",
    [
        ({"name": "", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}, "name"),
        ({"name": "C", "starts_on": "soon", "ends_on": "2027-02-01"}, "starts_on"),
        ({"name": "C", "starts_on": "2027-03-01", "ends_on": "2027-02-01"}, "ends_on"),
        ({"name": "C", "starts_on": "2027-01-01", "ends_on": "2027-02-01", "host": "999"}, "host"),
        ({"name": "x" * 201, "starts_on": "2027-01-01", "ends_on": "2027-02-01"}, "name"),
        ({"name": "C\x00", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}, "name"),
    ],
)
def test_cohort_form_bad_input(client, community, data, field):
    client.force_login(community.world.facilitator)
    response = client.post(reverse("community:cohort_create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Cohort.objects.count() == 2


def test_host_must_be_one_of_the_managers_initiatives(client, community):
    client.force_login(community.world.facilitator)
    data = {
        "name": "C",
        "starts_on": "2027-01-01",
        "ends_on": "2027-02-01",
        "host": community.world.other_initiative.pk,
    }
    response = client.post(reverse("community:cohort_create"), data)
    assert response.status_code == 400
    assert "host" in response.context["form"].errors


def test_cohort_create_page_writes_with_translations(client, community):
    client.force_login(community.world.facilitator)
    data = {
        "name": "Hamigrash",
        "name_he": "המדרש",
        "starts_on": "2027-01-01",
        "ends_on": "2027-02-01",
        "host": community.world.initiative.pk,
    }
    response = client.post(reverse("community:cohort_create"), data)
    assert response.status_code == 302
    made = Cohort.objects.get(name="Hamigrash")
    assert made.version("name", "he") == "המדרש"


def test_member_add_bad_input(client, community):
    client.force_login(community.world.facilitator)
    url = reverse("community:cohort_member_add", args=[community.cohort.pk])
    in_cohort = community.cohort.members.first().profile_id
    for value in ["", "abc", "99999", str(in_cohort)]:
        response = client.post(url, {"profile": value})
        assert response.status_code == 400, value
        assert "profile" in response.context["add_form"].errors


def test_sessions_are_the_host_initiatives_shared_scheduled_meetings(community):
    host = community.world.initiative
    meeting(host, title="Next", online_url="https://meet.example.org/x")
    meeting(host, title="Before", days=-30)
    meeting(host, title="Private", shared=False)
    meeting(host, title="Cancelled", status=MeetingStatus.CANCELLED)
    meeting(community.world.other_initiative, title="Elsewhere")
    upcoming, past = selectors.cohort_sessions(community.cohort)
    assert [m.title for m in upcoming] == ["Next"]
    assert [m.title for m in past] == ["Before"]
    assert [m.title for m in selectors.cohort_sessions(community.other_cohort)[0]] == []


def test_cohort_page_shows_sessions_with_links_to_members(client, community):
    meeting(
        community.world.initiative,
        title="Next",
        place="Haifa",
        online_url="https://meet.example.org/x",
    )
    client.force_login(community.world.backbone)
    page = client.get(reverse("community:cohort_detail", args=[community.cohort.pk]))
    text = page.content.decode()
    assert "Next" in text and "Haifa" in text and "https://meet.example.org/x" in text
    home = client.get(reverse("community:home")).content.decode()
    assert "Next" in home
