"""The integrated model: a sphere inside a collective impact initiative is seated in its
steering committee by the parent's backbone, contributes to its figures, and its members see
the parent's shared figures; the parent's dashboard lists its spheres."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Membership, Participation, Role
from spheres.models import ParentSeat
from spheres.services import membership as membership_services
from spheres.services.seats import seat_in_parent
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganizationFactory,
    SphereFactory,
    UserFactory,
)
from tests.measurement.rules_fixtures import approve, figures, indicator, organizations, quarters

from .conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(sw):
    made = InitiativeFactory(name="Youth north", slug="youth-north")
    sw.sphere.parent = made
    sw.sphere.save()
    staff = UserFactory(email="staff@example.org")
    MembershipFactory(user=staff, initiative=made, role=Role.BACKBONE_STAFF)
    made.staff = staff
    return made


def _seat(sw, parent, by=None, organization=None, representative=None):
    return seat_in_parent(
        sphere=sw.sphere,
        organization=organization or sw.member_org,
        representative=representative or sw.ceo,
        by=by or parent.staff,
    )


def test_the_parents_staff_seat_the_sphere_in_its_steering_committee(sw, parent):
    seat = _seat(sw, parent)
    assert (seat.organization, seat.representative) == (sw.member_org, sw.ceo)
    assert seat.participation.initiative == parent
    assert seat.participation.role == "steering"
    membership = Membership.objects.get(user=sw.ceo, initiative=parent)
    assert (membership.role, membership.organization) == (Role.PARTNER, sw.member_org)


@pytest.mark.parametrize("persona", ["facilitator", "ceo", "outsider"])
def test_only_the_parents_managers_seat_it(sw, parent, persona):
    with pytest.raises(PermissionDenied):
        _seat(sw, parent, by=getattr(sw, persona))
    assert not ParentSeat.objects.exists()


def test_the_organization_must_be_a_current_member(sw, parent):
    with pytest.raises(ValidationError) as excinfo:
        _seat(sw, parent, organization=sw.candidate_org)
    assert "organization" in excinfo.value.message_dict
    participation = Participation.objects.active().get(organization=sw.member_org)
    membership_services.membership_end(participation=participation, by=sw.ceo)
    with pytest.raises(ValidationError):
        _seat(sw, parent)


def test_the_representative_must_represent_the_organization(sw, parent):
    with pytest.raises(ValidationError) as excinfo:
        _seat(sw, parent, representative=sw.other_ceo)
    assert "representative" in excinfo.value.message_dict


def test_a_sphere_without_a_parent_has_no_seat(sw):
    with pytest.raises(ValidationError) as excinfo:
        seat_in_parent(
            sphere=sw.sphere, organization=sw.member_org, representative=sw.ceo, by=sw.superuser
        )
    assert "sphere" in excinfo.value.message_dict


def test_changing_the_seat_ends_nothing_else(sw, parent):
    first = _seat(sw, parent)
    second = _seat(sw, parent, organization=sw.other_member_org, representative=sw.other_ceo)
    assert second.pk == first.pk and ParentSeat.objects.count() == 1
    assert Participation.objects.active().filter(initiative=parent).count() == 2  # both stay
    assert Membership.objects.filter(user=sw.ceo, initiative=parent).exists()


def test_a_place_the_organization_already_holds_in_the_parent_is_reused(sw, parent):
    held = Participation.objects.create(
        initiative=parent, organization=sw.member_org, role="funder"
    )
    assert _seat(sw, parent).participation == held


def test_a_spheres_approved_value_counts_in_its_parents_rollup(sw, parent):
    user = UserFactory(is_superuser=True, is_staff=True)
    (xenia,) = organizations(parent, "Xenia")
    top = indicator(parent, xenia, aggregation="sum")
    child = indicator(sw.sphere, sw.member_org, aggregation="sum", contributes_to=top)
    parent_q, sphere_q = quarters(parent), quarters(sw.sphere)
    approve(user, top, xenia, parent_q[0], 10)
    approve(user, child, sw.member_org, sphere_q[0], 25)
    assert figures(top, parent_q)[0] == 35


def test_the_spheres_members_see_the_parents_shared_figures_only(client, sw, parent):
    user = UserFactory(is_superuser=True, is_staff=True)
    (xenia,) = organizations(parent, "Xenia")
    top = indicator(parent, xenia, aggregation="sum", name="Youth in programs")
    periods = quarters(parent)
    approve(user, top, xenia, periods[0], 1234)
    figures(top, periods)  # processed
    client.force_login(sw.ceo)
    response = client.get(reverse("spheres:parent", args=[sw.sphere.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Youth in programs" in page
    assert "1,234" in page or "1234" in page
    client.force_login(sw.outsider)
    assert client.get(reverse("spheres:parent", args=[sw.sphere.slug])).status_code == 404


def test_a_sphere_without_parent_has_no_parent_page(client, sw):
    client.force_login(sw.ceo)
    assert client.get(reverse("spheres:parent", args=[sw.sphere.slug])).status_code == 404


@pytest.mark.parametrize(
    "persona, expected", [("staff", 200), ("facilitator", 404), ("ceo", 404), ("outsider", 404)]
)
def test_who_may_open_the_seat_page(client, sw, parent, persona, expected):
    user = parent.staff if persona == "staff" else getattr(sw, persona)
    client.force_login(user)
    url = reverse("spheres:seat", args=[parent.slug, sw.sphere.slug])
    assert client.get(url).status_code == expected


def test_the_seat_page_saves_and_refuses_bad_input_at_the_field(client, sw, parent):
    client.force_login(parent.staff)
    url = reverse("spheres:seat", args=[parent.slug, sw.sphere.slug])
    bad = client.post(url, {"organization": sw.member_org.pk, "representative": sw.other_ceo.pk})
    assert bad.status_code == 400
    assert bad.context["form"].errors["representative"]
    empty = client.post(url, {"organization": "", "representative": "x"})
    assert empty.status_code == 400 and set(empty.context["form"].errors) == {
        "organization",
        "representative",
    }
    good = client.post(url, {"organization": sw.member_org.pk, "representative": sw.ceo.pk})
    assert good.status_code == 302
    assert ParentSeat.objects.get().representative == sw.ceo


def test_the_parents_dashboard_lists_its_spheres(client, sw, parent):
    _seat(sw, parent)
    client.force_login(parent.staff)
    page = client.get(reverse("measurement:dashboard", args=[parent.slug])).content.decode()
    assert "Impact spheres in this initiative" in page
    assert "Hamerhav" in page and "Dana Levi" in page
    # The parent's staff are not in the sphere: no link to it.
    assert reverse("spheres:members", args=[sw.sphere.slug]) not in page
    client.force_login(sw.ceo)  # seated: a partner of the parent, and a member of the sphere
    page = client.get(reverse("measurement:dashboard", args=[parent.slug])).content.decode()
    assert reverse("spheres:members", args=[sw.sphere.slug]) in page


def test_the_panels_queries_do_not_grow_with_spheres_and_members(client, sw, parent):
    client.force_login(parent.staff)
    url = reverse("measurement:dashboard", args=[parent.slug])
    counts = []
    for n in (1, 5):
        for _i in range(n):
            sphere = SphereFactory(parent=parent)
            add_member(sphere, OrganizationFactory(), UserFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
