"""Bulk submission: 10,000 values in one request, all or nothing, idempotent."""

import pytest

from measurement.models import CategoryValue, Submission, SubmissionEvent, SubmissionState
from tests.initiatives.factories import OrganizationFactory, ParticipationFactory
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    assign,
)

URL = "/api/v1/submissions/bulk/"


def snapshot():
    return (
        list(Submission.objects.order_by("pk").values_list("pk", "state", "value", "version")),
        CategoryValue.objects.count(),
        SubmissionEvent.objects.count(),
    )


@pytest.fixture
def big(world, api_world):
    """100 organizations × 100 indicators = 10,000 values for the open period."""
    organizations = [OrganizationFactory() for _ in range(100)]
    for organization in organizations:
        ParticipationFactory(initiative=world.initiative, organization=organization)
    indicators = [IndicatorFactory(initiative=world.initiative) for _ in range(100)]
    for indicator in indicators:
        assign(indicator, *organizations)
    rows = [
        {
            "indicator": i.pk,
            "organization": o.pk,
            "period": api_world.own_period.pk,
            "value": str(n % 97),
        }
        for n, (i, o) in enumerate((i, o) for i in indicators for o in organizations)
    ]
    return rows


def test_ten_thousand_values_go_in_and_the_same_batch_again_changes_nothing(as_persona, big):
    client = as_persona("backbone")
    response = client.post(URL, {"values": big, "submit": True}, format="json")
    assert response.status_code == 200, response.content[:500]
    assert response.json() == {"created": 10_000, "updated": 0, "unchanged": 0}
    assert Submission.objects.filter(state=SubmissionState.SUBMITTED).count() == 10_000 + 2
    before = snapshot()
    again = client.post(URL, {"values": big, "submit": True}, format="json")
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 10_000}
    assert snapshot() == before


def test_one_bad_row_rolls_back_the_whole_batch(as_persona, big):
    big[7_777]["value"] = "-5"
    big[9_000]["value"] = "lots"
    before = snapshot()
    response = as_persona("backbone").post(URL, {"values": big}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]["values"]
    assert {(e["row"], e["field"]) for e in errors} == {(7_777, "value"), (9_000, "value")}
    assert snapshot() == before


def test_updates_and_unchanged_are_counted_and_recorded(as_persona, world, api_world):
    client = as_persona("partner")
    row = {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
        "value": "8",
        "comment": "from our CRM",
    }
    # The value waits for review: changing it needs a word on its state.
    refused = client.post(URL, {"values": [row]}, format="json")
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]["values"]] == ["submit"]
    response = client.post(URL, {"values": [row], "submit": False}, format="json")
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 0}
    submission = Submission.objects.get(pk=api_world.own.pk)
    assert submission.value == 8 and submission.state == SubmissionState.DRAFT
    assert submission.submitted_at is None
    event = submission.events.order_by("-id").first()
    assert event.action == "saved" and event.changes["value"] == ["7", "8"]
    assert client.post(URL, {"values": [row]}, format="json").json()["unchanged"] == 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"organization": "SECOND"}, "organization"),  # a partner writes only their own
        ({"indicator": "FOREIGN"}, "indicator"),  # another initiative's indicator
        ({"period": "FOREIGN"}, "period"),
        ({"value": None}, "value"),  # required when submitting
        ({"indicator": "x"}, "indicator"),
        ({"category": 999999}, "category"),
    ],
)
def test_rows_a_partner_may_not_write_are_refused(as_persona, world, api_world, change, field):
    row = {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
        "value": "8",
    }
    substitutes = {"SECOND": world.second_org.pk, "FOREIGN": None}
    for key, value in change.items():
        if value == "FOREIGN":
            value = (
                api_world.other_indicator.pk if key == "indicator" else api_world.other_period.pk
            )
        row[key] = substitutes.get(value, value) if value != "FOREIGN" else value
    before = snapshot()
    response = as_persona("partner").post(URL, {"values": [row], "submit": True}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["values"][0]["field"] == field
    assert snapshot() == before


def test_categories_travel_with_their_total(as_persona, world, api_world):
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    girls, boys = CategoryFactory(dimension=dimension), CategoryFactory(dimension=dimension)
    api_world.own_indicator.dimensions.add(dimension)
    base = {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
    }
    rows = [
        base | {"value": "10"},
        base | {"category": girls.pk, "value": "4"},
        base | {"category": boys.pk, "value": "5"},
    ]
    client = as_persona("partner")
    response = client.post(URL, {"values": rows, "submit": True}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["values"][0]["row"] == 1  # the first category row
    rows[2]["value"] = "6"
    assert client.post(URL, {"values": rows, "submit": True}, format="json").status_code == 200
    assert CategoryValue.objects.filter(submission=api_world.own).count() == 2


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"values": []},
        {"values": "x"},
        {"values": [1]},
        {"values": [{}]},
        [],
        {"values": [{"indicator": 1}], "submit": "yes"},
        {"values": [{"indicator": {"a": 1}, "organization": [1], "period": 1.5}]},
        {"values": [{"indicator": 1, "organization": 1, "period": 1, "category": {}}]},
        {"values": [{"indicator": 2**70, "organization": "-1", "period": "١"}]},
    ],
)
def test_malformed_bodies_are_400(as_persona, api_world, body):
    response = as_persona("backbone").post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_locked_period_and_an_approved_value_are_refused(as_persona, world, api_world):
    from measurement import services

    services.submission_approve(submission_id=api_world.own.pk, user=world.backbone)
    row = {
        "indicator": api_world.own_indicator.pk,
        "organization": world.partner_org.pk,
        "period": api_world.own_period.pk,
        "value": "99",
    }
    client = as_persona("backbone")
    response = client.post(URL, {"values": [row]}, format="json")
    assert (
        response.status_code == 400
        and "approved" in response.json()["errors"]["values"][0]["message"]
    )
    api_world.own_period.state = "locked"
    api_world.own_period.save()
    response = client.post(URL, {"values": [row]}, format="json")
    assert "locked" in response.json()["errors"]["values"][0]["message"]


def test_more_than_ten_thousand_is_refused(as_persona, api_world):
    rows = [{"indicator": 1, "organization": 1, "period": 1}] * 10_001
    response = as_persona("backbone").post(URL, {"values": rows}, format="json")
    assert response.status_code == 400
    assert "values" in response.json()["errors"]


def test_a_body_over_the_limit_is_refused_not_a_500(as_persona, api_world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    row = {"indicator": 1, "organization": 1, "period": 1, "comment": "x" * 200}
    response = as_persona("partner").post(URL, {"values": [row] * 10}, format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
