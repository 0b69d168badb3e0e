"""The demo data has a real agenda for both demo initiatives and the sphere."""

from io import StringIO

import pytest
from django.core.management import call_command

from agenda.models import AgendaVersion, Endorsement, SectionComment
from measurement.models import Indicator


@pytest.mark.django_db
def test_seed_demo_writes_two_versions_a_comment_round_and_endorsements():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to run again: nothing doubles
    for slug in ("5x2-stem-excellence", "arab-sector-employment", "hamerhav"):
        versions = AgendaVersion.objects.filter(initiative__slug=slug)
        assert sorted(versions.values_list("number", "state")) == [
            (1, "superseded"),
            (2, "adopted"),
        ]
        assert SectionComment.objects.filter(version__initiative__slug=slug).count() == 4
        current = Endorsement.objects.filter(version__in=versions.filter(state="adopted"))
        assert current.filter(decision="endorsed").count() >= 3
        declined = current.get(decision="declined")
        assert declined.reason
    linked = Indicator.objects.filter(initiative__slug="5x2-stem-excellence")
    assert linked.exists() and not linked.filter(goal=None).exists()
