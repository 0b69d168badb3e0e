"""Shared-measurement pages and actions × personas: allowed 200/302, others 403 or 404."""

import pytest
from django.urls import reverse

from measurement.models import MeasurementSettings, Submission, SubmissionState
from tests.initiatives.test_permission_matrix import PERSONAS, check, login_as

MEMBERS = {"backbone", "partner", "facilitator", "viewer", "superuser"}
STAFF = {"backbone", "superuser"}


def expected(persona, allowed, *, denied=403):
    if persona == "anonymous":
        return "login"
    if persona in {"other_partner", "outsider"}:
        return 404
    return 200 if persona in allowed else denied


def url(name, world, *args):
    return reverse(f"measurement:{name}", args=[world.initiative.slug, *args])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "page, allowed",
    [
        ("indicator_list", MEMBERS),
        ("period_list", MEMBERS),
        ("indicator_create", STAFF),
        ("review_queue", STAFF),
        ("completeness", STAFF | {"facilitator"}),
    ],
)
def test_pages(client, world, measured, persona, page, allowed):
    login_as(client, world, persona)
    check(client.get(url(page, world)), expected(persona, allowed))


@pytest.mark.parametrize("persona", PERSONAS)
def test_indicator_page_shows_values_per_organization_only_to_staff(
    client, world, measured, persona
):
    from measurement import services

    services.submission_approve(submission_id=measured.other.pk, user=world.backbone)
    login_as(client, world, persona)
    response = client.get(url("indicator_detail", world, measured.indicator.pk))
    check(response, expected(persona, MEMBERS))
    if response.status_code == 200:
        shows_raw = world.second_org.name + "</bdi></td>" in response.text
        assert shows_raw is (persona in STAFF | {"facilitator"})


def test_shared_raw_values_are_shown_to_partners(client, world, measured):
    from measurement import services

    services.submission_approve(submission_id=measured.other.pk, user=world.backbone)
    MeasurementSettings.objects.create(initiative=world.initiative, shares_raw_values=True)
    client.force_login(world.partner)
    response = client.get(url("indicator_detail", world, measured.indicator.pk))
    assert world.second_org.name + "</bdi></td>" in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_submission_page(client, world, measured, persona):
    """A partner sees their own organization's submission, never another's."""
    login_as(client, world, persona)
    own = client.get(url("submission_detail", world, measured.own.pk))
    other = client.get(url("submission_detail", world, measured.other.pk))
    check(own, expected(persona, MEMBERS - {"viewer"}, denied=404))
    check(other, expected(persona, STAFF | {"facilitator"}, denied=404))


@pytest.mark.parametrize("persona", PERSONAS)
def test_report_page(client, world, measured, persona):
    login_as(client, world, persona)
    response = client.get(url("reporting", world))
    check(response, expected(persona, {"backbone", "partner", "superuser"}))
    if persona == "partner":
        assert world.partner_org.name in response.text
        assert f'name="i{measured.indicator.pk}-value"' in response.text


@pytest.mark.parametrize("persona", PERSONAS)
def test_save_own_organization_value(client, world, measured, persona):
    login_as(client, world, persona)
    data = {f"i{measured.indicator.pk}-value": "11", "action": "draft"}
    if persona in STAFF:
        data["organization_id"] = world.partner_org.pk
    response = client.post(
        url("reporting_save", world, measured.indicator.pk, measured.period.pk), data
    )
    allowed = persona in {"backbone", "partner", "superuser"}
    check(response, 302 if allowed else expected(persona, set()))
    measured.own.refresh_from_db()
    assert (measured.own.value == 11) is allowed


@pytest.mark.parametrize("persona", ["partner", "viewer", "facilitator"])
def test_nobody_but_staff_writes_another_organizations_value(client, world, measured, persona):
    login_as(client, world, persona)
    response = client.post(
        url("reporting_save", world, measured.indicator.pk, measured.period.pk),
        {
            f"i{measured.indicator.pk}-value": "99",
            "action": "submit",
            "organization_id": world.second_org.pk,
        },
    )
    assert response.status_code in {403, 404}
    measured.other.refresh_from_db()
    assert measured.other.value == 9


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["submission_approve", "submission_return"])
def test_review_actions(client, world, measured, persona, action):
    login_as(client, world, persona)
    response = client.post(url(action, world, measured.other.pk), {"note": "Check the total."})
    allowed = persona in STAFF
    check(response, 302 if allowed else expected(persona, set()))
    measured.other.refresh_from_db()
    assert (measured.other.state != SubmissionState.SUBMITTED) is allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_bulk_approval(client, world, measured, persona):
    login_as(client, world, persona)
    response = client.post(
        url("approve_bulk", world), {"submission": [measured.own.pk, measured.other.pk]}
    )
    allowed = persona in STAFF
    check(response, 302 if allowed else expected(persona, set()))
    approved = Submission.objects.filter(state=SubmissionState.APPROVED).count()
    assert approved == (2 if allowed else 0)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "action, data",
    [
        ("period_state", {"state": "locked"}),
        ("late_grant", {"organization": "ORG", "until": "2999-01-01"}),
    ],
)
def test_period_actions(client, world, measured, persona, action, data):
    data = {k: (world.partner_org.pk if v == "ORG" else v) for k, v in data.items()}
    login_as(client, world, persona)
    response = client.post(url(action, world, measured.period.pk), data)
    allowed = persona in STAFF
    check(response, 302 if allowed else expected(persona, set()))
    measured.period.refresh_from_db()
    if action == "period_state":
        assert (measured.period.state == "locked") is allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_indicator(client, world, persona):
    login_as(client, world, persona)
    response = client.post(
        url("indicator_create", world),
        {
            "code": "NEW",
            "name": "New indicator",
            "kind": "how_much",
            "value_type": "count",
            "aggregation": "sum",
            "direction": "increase",
            "frequency": "quarterly",
            "decimals": "0",
            "outlier_factor": "3",
            "organizations": [world.partner_org.pk],
            "is_active": "on",
        },
    )
    allowed = persona in STAFF
    check(response, 302 if allowed else expected(persona, set()))
    from measurement.models import Indicator

    assert Indicator.objects.filter(code="NEW").exists() is allowed


def test_review_queue_filters_and_another_initiatives_submission_is_404(client, world, measured):
    client.force_login(world.backbone)
    response = client.get(url("review_queue", world), {"organization": world.partner_org.pk})
    assert response.status_code == 200
    assert list(response.context["page"]) == [measured.own]
    response = client.get(url("review_queue", world), {"period": "not-a-number", "state": "bogus"})
    assert response.status_code == 400  # said at the fields, see test_page_input
    other_world_url = reverse(
        "measurement:submission_approve", args=[world.other_initiative.slug, measured.own.pk]
    )
    assert client.post(other_world_url).status_code == 404
