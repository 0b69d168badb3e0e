"""The demo of sphere membership: the CEOs of hamerhav's members, a former member with its
reason, a pending request; a second load adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from initiatives import demo_data
from initiatives.models import Initiative, Membership, Organization, Sector, User
from spheres import demo
from spheres.models import JoinRequest, ParentSeat, SphereMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db, eager_celery, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    organizations = {
        key: Organization.objects.get(name=name) for key, name, *_rest in demo_data.ORGANIZATIONS
    }
    initiatives = {i.slug: i for i in Initiative.objects.all()}
    demo.load(initiatives=initiatives, organizations=organizations)
    return initiatives, organizations


def _counts():
    return (SphereMember.objects.count(), JoinRequest.objects.count())


def test_the_demo_sphere_has_its_ceos_a_former_member_and_a_pending_request(client, loaded):
    initiatives, organizations = loaded
    sphere = initiatives["hamerhav"]
    members = SphereMember.objects.filter(participation__initiative=sphere)
    current = members.filter(participation__left_on__isnull=True)
    assert current.count() == 4
    assert current.get(participation__organization=organizations["yahad"]).ceo.email == (
        "ceo@example.org"
    )
    former = members.get(participation__left_on__isnull=False)
    assert former.left_reason
    pending = JoinRequest.objects.get(sphere=sphere, status="pending")
    assert pending.organization.sector in (Sector.NONPROFIT, Sector.COMMUNITY)
    demo.load(initiatives=initiatives, organizations=organizations)
    assert _counts() == (8, 1)  # hamerhav's five, and the three of 5X2's nonprofits
    client.force_login(User.objects.get(email="facilitator@example.org"))
    page = client.get(reverse("spheres:requests", args=["hamerhav"])).content.decode()
    assert pending.ceo_name in page
    client.force_login(User.objects.get(email="ceo@example.org"))
    assert client.get("/").url == reverse("spheres:home")
    assert client.get(reverse("spheres:home")).status_code == 200
    page = client.get(reverse("spheres:members", args=["hamerhav"])).content.decode()
    assert "former member" in page


def test_the_integrated_demo_sphere_is_seated_in_5x2(loaded):
    initiatives, organizations = loaded
    sphere = initiatives["5x2-nonprofits"]
    seat = ParentSeat.objects.get(sphere=sphere)
    assert sphere.parent == initiatives["5x2-stem-excellence"]
    assert seat.organization == organizations["masar"]
    assert seat.participation.initiative == sphere.parent
    assert seat.participation.left_on is None
    assert Membership.objects.filter(
        user=seat.representative, initiative=sphere.parent, organization=organizations["masar"]
    ).exists()
