"""axe-core over the pages of issue 13 (a sphere's membership, its commitments, the CEO's home,
the learning community and its library, the field view) in English, Hebrew and Arabic, for
the facilitator (with the forms) and a sphere's CEO (reading and answering)."""

import pytest

from community.models import Resource
from tests.community.factories import cohort, profile, resource
from tests.e2e.axe import serious_violations
from tests.e2e.conftest import sign_in
from tests.initiatives.factories import PASSWORD
from tests.spheres import commitments_world
from tests.spheres.commitments_world import commitment

pytestmark = pytest.mark.browser

SPHERE = "/initiatives/{slug}/sphere/"
PAGES = {
    "facilitator": [
        "/spheres/",
        SPHERE + "requests/",
        SPHERE + "members/",
        SPHERE + "commitments/",
        SPHERE + "commitments/new/",
        SPHERE + "commitments/{commitment}/",
        "/community/",
        "/community/cohorts/",
        "/community/cohorts/{cohort}/",
        "/community/profile/",
        "/community/library/",
        "/community/library/?q=guide&kind=link",
        "/community/library/new/",
        "/community/field/",
    ],
    "partner": [
        "/spheres/home/",
        "/spheres/requests/",
        SPHERE + "commitments/{commitment}/",
        "/initiatives/{other}/sphere/join/",
        "/community/",
    ],
}


@pytest.mark.parametrize("language", ["en", "he", "ar"])
@pytest.mark.parametrize("persona", sorted(PAGES))
def test_issue_13_pages_have_no_serious_accessibility_violation(
    page, live_server, persona, language
):
    world = commitments_world.build()
    made = commitment(world, title="שבוע חונכות משותף – a joint mentoring week")
    leaders = [profile(world.facilitator), profile(world.partner, role_title="CEO")]
    group = cohort(host=world.sphere, members=leaders)
    resource("מדריך לאג'נדה משותפת – a guide", condition="common_agenda")
    assert Resource.objects.exists()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, getattr(world, persona).email, PASSWORD)
    found = {}
    for template in PAGES[persona]:
        path = template.format(
            slug=world.sphere.slug,
            other=world.other_sphere.slug,
            commitment=made.pk,
            cohort=group.pk,
        )
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "dir") == ("ltr" if language == "en" else "rtl")
        if violations := serious_violations(page):
            found[path] = violations
    assert not found, "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )
