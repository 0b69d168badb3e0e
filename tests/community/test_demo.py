"""The community's demo: a cohort of leaders in mixed languages, its sessions, twenty
resources across the tags; run twice, nothing doubles."""

from io import StringIO

import pytest
from django.core.management import call_command

from communication.models import Meeting
from community import demo
from community.models import Cohort, CohortMember, LeaderProfile, Resource
from initiatives.models import Initiative, Organization

pytestmark = pytest.mark.django_db


def test_demo_loads_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    from initiatives import demo_data

    names = {key: name for key, name, _sector, _reg in demo_data.ORGANIZATIONS}
    organizations = {key: Organization.objects.get(name=name) for key, name in names.items()}
    initiatives = {i.slug: i for i in Initiative.objects.all()}
    for _ in range(2):
        demo.load(initiatives=initiatives, organizations=organizations)

    cohort = Cohort.objects.get(name="Hamigrash 2026")
    assert cohort.host.slug == "hamerhav"
    members = CohortMember.objects.filter(cohort=cohort)
    emails = set(members.values_list("profile__user__email", flat=True))
    assert {"facilitator@example.org", "backbone@example.org", "ceo@example.org"} <= emails
    assert members.count() >= 4
    languages = {code for p in LeaderProfile.objects.all() for code in p.languages}
    assert languages == {"en", "he", "ar"}
    assert Resource.objects.count() == 20
    assert set(Resource.objects.values_list("condition", flat=True)) == {
        "common_agenda",
        "shared_measurement",
        "activities",
        "communication",
        "backbone",
        "general",
    }
    assert set(Resource.objects.values_list("kind", flat=True)) == {"document", "link", "tool"}
    assert set(Resource.objects.values_list("language", flat=True)) == {"en", "he", "ar"}
    assert set(Resource.objects.values_list("phase", flat=True)) == {None, 0, 1, 2, 3}
    assert (
        Meeting.objects.filter(initiative=cohort.host, title__startswith="Hamigrash").count() == 3
    )
    assert (
        LeaderProfile.objects.get(user__email="ceo@example.org").organization.name == names["yahad"]
    )
