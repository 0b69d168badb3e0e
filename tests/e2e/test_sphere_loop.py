"""An impact sphere in a browser, in English and in Hebrew: a nonprofit's CEO asks to join the
sphere (a business is refused at the field first), the facilitator accepts the request, and
the CEO, now a member, opts in to a joint commitment for their own organization."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Membership, Participation, Role, Sector
from spheres.models import CommitmentAnswer, JoinRequest, JoinRequestStatus, OptIn
from spheres.services.commitments import commitment_propose
from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.initiatives.factories import (
    PASSWORD,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    SphereFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def _in_language(context, live_server, language):
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])


@pytest.mark.parametrize("language", ["en", "he"])
def test_from_a_request_to_join_to_an_opt_in(browser, page, live_server, language):
    sphere = SphereFactory(name="Hamerhav", slug="hamerhav")
    ParticipationFactory(
        initiative=sphere, organization=OrganizationFactory(sector=Sector.NONPROFIT)
    )
    facilitator = UserFactory(email="facilitator@example.org")
    MembershipFactory(user=facilitator, initiative=sphere, role=Role.FACILITATOR)
    kesher = OrganizationFactory(name="עמותת קשר", sector=Sector.NONPROFIT)
    business = OrganizationFactory(name="Acme Ltd", sector=Sector.BUSINESS)
    commitment = commitment_propose(
        sphere=sphere,
        title="Joint report to the ministry",
        review_on=timezone.localdate() + timedelta(days=60),
        by=facilitator,
    )
    ceo = UserFactory(email="ceo@example.org", full_name="Yosef Tesfay")
    _in_language(page.context, live_server, language)

    # The CEO finds the sphere and asks to join; a business is refused at its field.
    sign_in(page, ceo.email, PASSWORD)
    assert page.get_attribute("html", "dir") == ("rtl" if language == "he" else "ltr")
    page.goto(reverse("spheres:sphere_list"))
    page.click(f'a[href="{reverse("spheres:join", args=[sphere.slug])}"]')
    page.select_option("#id_organization", value=str(business.pk))
    page.fill("#id_statement", "We run after-school programs in Beersheba.")
    page.click('main form button[type="submit"]')
    assert page.locator("#id_organization_error").count() == 1
    assert not JoinRequest.objects.exists()
    page.select_option("#id_organization", value=str(kesher.pk))
    page.click('main form button[type="submit"]')
    page.wait_for_load_state()
    request = JoinRequest.objects.get()
    assert (request.organization, request.status) == (kesher, JoinRequestStatus.PENDING)
    assert request.ceo_name == "Yosef Tesfay"

    # The facilitator accepts it.
    other = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    _in_language(other, live_server, language)
    facilitator_page = other.new_page()
    sign_in(facilitator_page, facilitator.email, PASSWORD)
    facilitator_page.goto(reverse("spheres:requests", args=[sphere.slug]))
    facilitator_page.click(
        f'form[action="{reverse("spheres:request_accept", args=[sphere.slug, request.pk])}"] button'
    )
    facilitator_page.wait_for_load_state()
    other.close()
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.ACCEPTED
    assert Participation.objects.active().filter(initiative=sphere, organization=kesher).exists()
    assert Membership.objects.filter(
        user=ceo, initiative=sphere, role=Role.PARTNER, organization=kesher
    ).exists()

    # The CEO, now a member, opts in to the commitment for their own organization.
    page.goto(reverse("spheres:commitment_detail", args=[sphere.slug, commitment.pk]))
    page.check(f'input[name="answer"][value="{OptIn.IN}"]')
    page.fill("#id_answer_note", "נשתתף – we are in")
    answer_url = reverse("spheres:commitment_answer", args=[sphere.slug, commitment.pk])
    with page.expect_response(lambda response: response.url.endswith(answer_url)):
        page.click(f'form[action="{answer_url}"] button[type="submit"]')
    page.wait_for_load_state()
    answer = CommitmentAnswer.objects.get(commitment=commitment)
    assert (answer.organization, answer.answer, answer.answered_by) == (kesher, OptIn.IN, ceo)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"sphere-commitment-{language}.png"), full_page=True)
