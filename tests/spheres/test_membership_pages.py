"""The membership pages: role × action for each, bad input at its field, the end-to-end path
from a request to a member and to a former member."""

import pytest
from django.urls import reverse

from initiatives.models import Membership, Participation
from spheres.models import JoinRequest, JoinRequestStatus
from spheres.services import membership as services
from tests.initiatives.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["facilitator", "ceo", "viewer", "outsider", "superuser", "anonymous"]


def _login(client, sw, persona):
    if persona != "anonymous":
        client.force_login(getattr(sw, persona))


def _check(response, expected):
    if expected == "login":
        assert response.status_code == 302 and "/login" in response.url
    else:
        assert response.status_code == expected, response.content[:400]


def _pending(sw):
    return services.join_request_create(
        sphere=sw.sphere,
        organization=sw.candidate_org,
        by=sw.outsider,
        ceo_name="Noa Cohen",
        statement="We work with youth.",
    )


GETS = {
    # page: {persona: expected}
    "sphere_list": dict(facilitator=200, ceo=200, viewer=200, outsider=200, superuser=200),
    "my_requests": dict(facilitator=200, ceo=200, viewer=200, outsider=200, superuser=200),
    "join": dict(facilitator=200, ceo=200, viewer=200, outsider=200, superuser=200),
    "requests": dict(facilitator=200, ceo=403, viewer=403, outsider=404, superuser=200),
    "members": dict(facilitator=200, ceo=200, viewer=200, outsider=404, superuser=200),
    "home": dict(facilitator=200, ceo=200, viewer=200, outsider=200, superuser=200),
}


def _url(name, sw):
    if name in ("sphere_list", "my_requests", "home"):
        return reverse(f"spheres:{name}")
    return reverse(f"spheres:{name}", args=[sw.sphere.slug])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(GETS))
def test_who_may_open_each_page(client, sw, persona, page):
    _login(client, sw, persona)
    _check(client.get(_url(page, sw)), GETS[page].get(persona, "login"))


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("facilitator", 302),
        ("ceo", 403),
        ("viewer", 403),
        ("outsider", 404),
        ("superuser", 302),
        ("anonymous", "login"),
    ],
)
def test_who_may_accept(client, sw, persona, expected):
    made = _pending(sw)
    _login(client, sw, persona)
    url = reverse("spheres:request_accept", args=[sw.sphere.slug, made.pk])
    _check(client.post(url), expected)
    accepted = JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.ACCEPTED
    assert accepted == (expected == 302)


@pytest.mark.parametrize(
    "persona, expected",
    [("facilitator", 302), ("ceo", 403), ("viewer", 403), ("outsider", 404), ("superuser", 302)],
)
def test_who_may_decline(client, sw, persona, expected):
    made = _pending(sw)
    _login(client, sw, persona)
    url = reverse("spheres:request_decline", args=[sw.sphere.slug, made.pk])
    _check(client.post(url, {"reason": "Not our issue"}), expected)


def test_declining_without_a_reason_is_a_400_at_the_field(client, sw):
    made = _pending(sw)
    client.force_login(sw.facilitator)
    url = reverse("spheres:request_decline", args=[sw.sphere.slug, made.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"]
    assert JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.PENDING


def test_a_request_of_another_sphere_is_a_404(client, sw):
    made = _pending(sw)
    other = InitiativeFactory(kind="sphere", backbone=None)
    Membership.objects.create(user=sw.facilitator, initiative=other, role="facilitator")
    client.force_login(sw.facilitator)
    response = client.post(reverse("spheres:request_accept", args=[other.slug, made.pk]))
    assert response.status_code == 404


def test_the_join_form_offers_the_users_name_as_the_ceos(client, sw):
    client.force_login(sw.outsider)
    response = client.get(_url("join", sw))
    assert response.context["form"].initial["ceo_name"] == "Noa Cohen"


def test_a_collective_impact_initiative_has_no_join_page(client, sw):
    client.force_login(sw.outsider)
    response = client.get(reverse("spheres:join", args=[InitiativeFactory().slug]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "data, field, words",
    [
        (
            {"organization": "business", "ceo_name": "N", "statement": "S"},
            "organization",
            "Business",
        ),
        (
            {"organization": "member", "ceo_name": "N", "statement": "S"},
            "organization",
            "already a member",
        ),
        ({"organization": "", "ceo_name": "N", "statement": "S"}, "organization", "directory"),
        (
            {"organization": "999999", "ceo_name": "N", "statement": "S"},
            "organization",
            "directory",
        ),
        ({"organization": "candidate", "ceo_name": "", "statement": "S"}, "ceo_name", "CEO"),
        ({"organization": "candidate", "ceo_name": "N", "statement": ""}, "statement", "why"),
        ({"organization": "candidate", "ceo_name": "N", "statement": "x" * 2001}, "statement", ""),
        ({"organization": "candidate", "ceo_name": "N\x00", "statement": "S"}, "ceo_name", ""),
    ],
)
def test_bad_input_on_the_join_form_is_a_400_at_its_field(client, sw, data, field, words):
    orgs = {"business": sw.business_org, "member": sw.member_org, "candidate": sw.candidate_org}
    data = {
        **data,
        "organization": orgs[data["organization"]].pk
        if data["organization"] in orgs
        else data["organization"],
    }
    client.force_login(sw.outsider)
    response = client.post(_url("join", sw), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert words in errors
    assert not JoinRequest.objects.exists()


def test_a_pending_request_is_refused_at_the_organization(client, sw):
    _pending(sw)
    client.force_login(UserFactory())
    data = {"organization": sw.candidate_org.pk, "ceo_name": "N", "statement": "S"}
    response = client.post(_url("join", sw), data)
    assert response.status_code == 400
    assert "already asked" in " ".join(response.context["form"].errors["organization"])


def test_a_closed_sphere_refuses_above_the_form(client, sw):
    sw.sphere.status = "closed"
    sw.sphere.save()
    client.force_login(sw.outsider)
    data = {"organization": sw.candidate_org.pk, "ceo_name": "N", "statement": "S"}
    response = client.post(_url("join", sw), data)
    assert response.status_code == 400
    assert "not taking new members" in " ".join(response.context["form"].non_field_errors())


def test_from_a_request_to_a_member_to_a_former_member(client, sw):
    client.force_login(sw.outsider)
    data = {"organization": sw.candidate_org.pk, "ceo_name": "Noa Cohen", "statement": "Youth"}
    assert client.post(_url("join", sw), data).status_code == 302
    assert "Waiting for the facilitator" in client.get(_url("my_requests", sw)).content.decode()
    made = JoinRequest.objects.get()
    client.force_login(sw.facilitator)
    page = client.get(_url("requests", sw)).content.decode()
    assert "Youth" in page
    client.post(reverse("spheres:request_accept", args=[sw.sphere.slug, made.pk]))
    client.force_login(sw.outsider)
    participation = Participation.objects.active().get(organization=sw.candidate_org)
    end = reverse("spheres:member_end", args=[sw.sphere.slug, participation.pk])
    assert client.get(end).status_code == 200
    assert client.post(end, {"reason": "We merged"}).status_code == 302
    client.force_login(sw.ceo)
    page = client.get(_url("members", sw)).content.decode()
    assert "former member" in page and "We merged" in page


@pytest.mark.parametrize(
    "persona, expected",
    [("facilitator", 200), ("ceo", 403), ("viewer", 403), ("outsider", 404), ("superuser", 200)],
)
def test_who_may_end_another_members_membership(client, sw, persona, expected):
    participation = Participation.objects.active().get(organization=sw.other_member_org)
    _login(client, sw, persona)
    url = reverse("spheres:member_end", args=[sw.sphere.slug, participation.pk])
    _check(client.get(url), expected)


def test_a_ceo_may_open_the_leave_page_of_their_own_organization(client, sw):
    participation = Participation.objects.active().get(organization=sw.member_org)
    client.force_login(sw.ceo)
    url = reverse("spheres:member_end", args=[sw.sphere.slug, participation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "x" * 1001})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]


def test_withdraw_only_ones_own_request(client, sw):
    made = _pending(sw)
    client.force_login(sw.ceo)
    assert client.post(reverse("spheres:request_withdraw", args=[made.pk])).status_code == 404
    client.force_login(sw.outsider)
    assert client.post(reverse("spheres:request_withdraw", args=[made.pk])).status_code == 302
    assert JoinRequest.objects.get(pk=made.pk).status == JoinRequestStatus.WITHDRAWN


def test_root_sends_a_sphere_ceo_to_their_home_and_a_facilitator_to_the_portfolio(client, sw):
    client.force_login(sw.ceo)
    assert client.get("/").url == reverse("spheres:home")
    client.force_login(sw.facilitator)
    assert client.get("/").url == reverse("measurement:portfolio")


def test_a_spheres_agenda_is_titled_charter(client, sw):
    client.force_login(sw.ceo)
    page = client.get(reverse("agenda:agenda", args=[sw.sphere.slug])).content.decode()
    assert "Charter" in page
