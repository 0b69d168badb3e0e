"""The role × action matrix of the community's pages: who may view, manage, opt in."""

import pytest
from django.urls import reverse

from tests.personas import check

# The personas of the community: world's and the community's own.
PERSONAS = [
    "facilitator",
    "superuser",
    "backbone",  # in the cohort
    "other_leader",  # in another cohort
    "leader",  # may opt in, not in a cohort
    "partner",
    "viewer",
    "outsider",
    "anonymous",
]
VIEWERS = {"facilitator", "superuser", "backbone", "other_leader"}
MANAGERS = {"facilitator", "superuser"}
MAY_OPT_IN = {"facilitator", "backbone", "other_leader", "leader"}


def _login(client, community, persona):
    if persona == "anonymous":
        return
    user = getattr(community, persona, None) or getattr(community.world, persona)
    client.force_login(user)


def _expected(persona, allowed):
    if persona == "anonymous":
        return "login"
    return 200 if persona in allowed else 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name,allowed",
    [
        ("community:home", VIEWERS | MAY_OPT_IN),
        ("community:cohort_list", VIEWERS),
        ("community:resource_list", VIEWERS),
        ("community:profile", MAY_OPT_IN | {"backbone", "other_leader"}),
        ("community:cohort_create", MANAGERS),
        ("community:resource_create", MANAGERS),
    ],
)
def test_pages(client, community, persona, name, allowed):
    _login(client, community, persona)
    check(client.get(reverse(name)), _expected(persona, allowed))


@pytest.mark.parametrize("persona", PERSONAS)
def test_cohort_detail_and_edit(client, community, persona):
    _login(client, community, persona)
    pk = community.cohort.pk
    check(client.get(reverse("community:cohort_detail", args=[pk])), _expected(persona, VIEWERS))
    check(client.get(reverse("community:cohort_edit", args=[pk])), _expected(persona, MANAGERS))


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_add_and_remove(client, community, persona):
    from community.models import CohortMember

    _login(client, community, persona)
    other = community.other_cohort.members.get().profile
    url = reverse("community:cohort_member_add", args=[community.cohort.pk])
    response = client.post(url, {"profile": other.pk})
    if persona in MANAGERS:
        assert response.status_code == 302
        assert CohortMember.objects.filter(cohort=community.cohort, profile=other).exists()
        remove = reverse("community:cohort_member_remove", args=[community.cohort.pk, other.pk])
        assert client.post(remove).status_code == 302
        assert not CohortMember.objects.filter(cohort=community.cohort, profile=other).exists()
    else:
        check(response, "login" if persona == "anonymous" else 403)
        assert not CohortMember.objects.filter(cohort=community.cohort, profile=other).exists()


def test_missing_cohort_is_404(client, community):
    client.force_login(community.world.facilitator)
    assert client.get(reverse("community:cohort_detail", args=[99999])).status_code == 404
    assert client.get(reverse("community:resource_edit", args=[99999])).status_code == 404


def test_nav_link_only_for_those_who_may_see(client, community):
    link = reverse("community:home")
    for persona, shown in [
        ("backbone", True),
        ("leader", True),
        ("partner", False),
        ("outsider", False),
    ]:
        _login(client, community, persona)
        page = client.get(reverse("initiatives:organization_list")).content.decode()
        assert (f'href="{link}"' in page) is shown, persona


def test_sessions_only_to_cohort_members_and_managers(client, community):
    from tests.community.test_cohorts import meeting

    meeting(community.world.initiative, title="Learning session one", place="Tel Aviv")
    url = reverse("community:cohort_detail", args=[community.cohort.pk])
    for persona, shown in [("backbone", True), ("facilitator", True), ("other_leader", False)]:
        _login(client, community, persona)
        page = client.get(url).content.decode()
        assert ("Learning session one" in page) is shown, persona
