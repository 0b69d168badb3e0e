"""The demo data has activities for both demo initiatives and the sphere, and each one's matrix
shows a gap and an overlap."""

from io import StringIO

import pytest
from django.core.management import call_command

from activities.models import Activity, ActivityRole
from activities.selectors import MatrixFilters, curve_work, matrix_for
from initiatives.models import Initiative, Membership, Participation
from measurement.models import Indicator

SLUGS = ("5x2-stem-excellence", "arab-sector-employment", "hamerhav")


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=StringIO())


def test_seed_demo_loads_activities_once(seeded):
    first = Activity.objects.count()
    links = Activity.indicators.through.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Activity.objects.count() == first
    assert Activity.indicators.through.objects.count() == links
    assert set(Activity.objects.values_list("initiative__slug", flat=True)) == set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_demo_matrix_has_a_gap_and_an_overlap(seeded, slug):
    matrix = matrix_for(initiative=Initiative.objects.get(slug=slug), filters=MatrixFilters())
    assert matrix.gaps, f"{slug}: no strategy without an active activity or a lead"
    assert matrix.overlaps, f"{slug}: no two leads for one strategy, population and geography"
    for overlap in matrix.overlaps:
        assert len({lead.organization_id for lead in overlap.leads}) > 1
        assert all(lead.role == ActivityRole.LEAD for lead in overlap.leads)
    # Every strategy has someone on it: the gaps are of roles and statuses, not empty rows.
    assert all(any(row.cells) for row in matrix.rows)


@pytest.mark.parametrize("slug", SLUGS)
def test_demo_activities_are_valid_and_of_the_initiatives_partners(seeded, slug):
    activities = Activity.objects.filter(initiative__slug=slug).select_related("strategy__goal")
    taking_part = set(
        Participation.objects.active()
        .filter(initiative__slug=slug)
        .values_list("organization_id", flat=True)
    )
    for activity in activities:
        activity.full_clean()
        assert activity.organization_id in taking_part
        assert activity.strategy.goal.initiative.slug == slug
        assert not activity.strategy.retired
    assert {activity.status for activity in activities} >= {"active", "planned"}
    assert any(activity.version("title", "he") for activity in activities)


def test_partners_entered_their_own_organizations_activities(seeded):
    partner = Membership.objects.get(user__email="partner@example.org")
    own = Activity.objects.filter(initiative=partner.initiative, organization=partner.organization)
    assert own.exists()
    assert set(own.values_list("created_by__email", flat=True)) == {"partner@example.org"}


@pytest.mark.parametrize("slug", ["5x2-stem-excellence", "arab-sector-employment"])
def test_every_demo_indicator_has_someone_working_on_its_curve(seeded, slug):
    initiative = Initiative.objects.get(slug=slug)
    indicators = Indicator.objects.filter(initiative=initiative)
    work = curve_work(initiative=initiative, indicator_ids=indicators.values_list("pk", flat=True))
    assert set(work) == set(indicators.values_list("pk", flat=True))
