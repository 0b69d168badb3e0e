"""A write changes only what it names, and the state only when asked (issue 16, item 1):
through PATCH, POST on an existing value, the bulk API and a spreadsheet import."""

from decimal import Decimal

import pytest

from measurement.models import Submission, SubmissionState
from measurement.services import imports
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    PeriodFactory,
    assign,
    report,
)

BULK = "/api/v1/submissions/bulk/"


@pytest.fixture
def draft(world):
    """A partner's draft with a comment, a breakdown and its flag."""
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    women = CategoryFactory(dimension=dimension, name="Women", order=0)
    men = CategoryFactory(dimension=dimension, name="Men", order=1)
    indicator = IndicatorFactory(initiative=world.initiative, code="PUPILS")
    indicator.dimensions.add(dimension)
    assign(indicator, world.partner_org)
    period = PeriodFactory(initiative=world.initiative)
    submission = report(
        indicator,
        world.partner_org,
        period,
        partner=world.partner,
        state=SubmissionState.DRAFT,
        value=10,
        categories={women: 4, men: 5},
        breakdown_incomplete=True,
        comment="From the school's register",
    )
    return submission, women, men


def url(submission):
    return f"/api/v1/submissions/{submission.pk}/"


def parts(submission) -> dict[str, Decimal]:
    rows = submission.category_values.select_related("category")
    return {row.category.name: row.value for row in rows}


def test_a_patch_of_the_value_alone_keeps_the_comment_the_breakdown_and_the_state(
    as_persona, draft
):
    submission, _women, _men = draft
    response = as_persona("partner").patch(url(submission), {"value": "11"}, format="json")
    assert response.status_code == 200, response.json()
    submission.refresh_from_db()
    assert submission.value == 11
    assert submission.comment == "From the school's register"
    assert submission.breakdown_incomplete is True
    assert parts(submission) == {"Women": 4, "Men": 5}
    assert submission.state == SubmissionState.DRAFT
    assert response.json()["comment"] == "From the school's register"


def test_a_patch_of_one_category_list_replaces_the_breakdown(as_persona, draft):
    submission, women, _men = draft
    body = {"categories": [{"category": women.pk, "value": "6"}]}
    response = as_persona("partner").patch(url(submission), body, format="json")
    assert response.status_code == 200, response.json()
    submission.refresh_from_db()
    assert parts(submission) == {"Women": 6}
    assert submission.value == 10 and submission.comment == "From the school's register"


def test_a_patch_of_the_comment_alone_keeps_the_numbers(as_persona, draft):
    submission, _women, _men = draft
    response = as_persona("partner").patch(url(submission), {"comment": ""}, format="json")
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.comment == "" and submission.value == 10
    assert parts(submission) == {"Women": 4, "Men": 5}


def test_a_put_replaces_every_value_field(as_persona, draft):
    submission, _women, _men = draft
    response = as_persona("partner").put(url(submission), {"value": "3"}, format="json")
    assert response.status_code == 200, response.json()
    submission.refresh_from_db()
    assert submission.value == 3 and submission.comment == ""
    assert parts(submission) == {} and submission.breakdown_incomplete is False


@pytest.fixture
def submitted(world, api_world):
    submission = api_world.own
    Submission.objects.filter(pk=submission.pk).update(comment="As counted in June")
    submission.refresh_from_db()
    return submission


def test_a_change_to_a_value_waiting_for_review_without_submit_is_refused(as_persona, submitted):
    response = as_persona("partner").patch(url(submitted), {"value": "8"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["submit"]
    assert "waits for review" in response.json()["errors"]["submit"][0]
    before = submitted.version
    submitted.refresh_from_db()
    assert submitted.state == SubmissionState.SUBMITTED and submitted.value == 7
    assert submitted.version == before


def test_submit_false_takes_the_value_back_as_a_draft_and_clears_its_submission(
    as_persona, submitted
):
    body = {"value": "8", "submit": False}
    response = as_persona("partner").patch(url(submitted), body, format="json")
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.state == SubmissionState.DRAFT
    assert submitted.submitted_at is None and submitted.submitted_by is None
    assert submitted.comment == "As counted in June"
    assert response.json()["submitted_at"] is None


def test_submit_true_sends_the_change_for_review(as_persona, submitted):
    body = {"value": "8", "submit": True}
    response = as_persona("partner").patch(url(submitted), body, format="json")
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.state == SubmissionState.SUBMITTED and submitted.value == 8
    assert submitted.comment == "As counted in June"


def test_an_unchanged_patch_of_a_submitted_value_changes_nothing(as_persona, submitted):
    before = (submitted.version, submitted.state, submitted.submitted_at)
    response = as_persona("partner").patch(url(submitted), {"value": "7"}, format="json")
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert (submitted.version, submitted.state, submitted.submitted_at) == before


def test_the_submit_action_keeps_every_field(as_persona, draft):
    submission, _women, _men = draft
    response = as_persona("partner").post(url(submission) + "submit/")
    assert response.status_code == 200, response.json()
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.comment == "From the school's register"
    assert parts(submission) == {"Women": 4, "Men": 5} and submission.breakdown_incomplete


def test_a_post_on_an_existing_value_changes_only_what_it_names(as_persona, world, draft):
    submission, _women, _men = draft
    body = {
        "indicator": submission.indicator_id,
        "organization": world.partner_org.pk,
        "period": submission.period_id,
        "value": "12",
    }
    response = as_persona("partner").post("/api/v1/submissions/", body, format="json")
    assert response.status_code == 200, response.json()
    submission.refresh_from_db()
    assert submission.value == 12 and submission.comment == "From the school's register"
    assert parts(submission) == {"Women": 4, "Men": 5}


def _bulk_row(submission, **fields):
    return {
        "indicator": submission.indicator_id,
        "organization": submission.organization_id,
        "period": submission.period_id,
        **fields,
    }


def test_a_bulk_row_without_a_comment_keeps_the_comment(as_persona, draft):
    submission, women, _men = draft
    rows = [_bulk_row(submission, value="9"), _bulk_row(submission, category=women.pk, value="3")]
    response = as_persona("partner").post(BULK, {"values": rows}, format="json")
    assert response.status_code == 200, response.json()
    submission.refresh_from_db()
    assert submission.value == 9 and submission.comment == "From the school's register"
    # The category the batch has no row for keeps its part; the other is replaced.
    assert parts(submission) == {"Women": 3, "Men": 5}
    assert submission.state == SubmissionState.DRAFT


def test_a_bulk_row_with_an_empty_comment_clears_it(as_persona, draft):
    submission, _women, _men = draft
    rows = [_bulk_row(submission, value="10", comment="")]
    response = as_persona("partner").post(BULK, {"values": rows}, format="json")
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 0}
    submission.refresh_from_db()
    assert submission.comment == ""


def test_a_bulk_batch_sent_twice_leaves_submitted_values_as_they_are(as_persona, submitted):
    rows = [_bulk_row(submitted, value="7")]
    client = as_persona("partner")
    assert client.post(BULK, {"values": rows}, format="json").json()["unchanged"] == 1
    submitted.refresh_from_db()
    assert submitted.state == SubmissionState.SUBMITTED
    assert submitted.comment == "As counted in June"


def test_bulk_submit_must_be_true_or_false(as_persona, submitted):
    rows = [_bulk_row(submitted, value="7")]
    body = {"values": rows, "submit": None}
    response = as_persona("partner").post(BULK, body, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["submit"]


def test_an_import_without_a_comment_column_keeps_the_comments(world, draft):
    submission, _women, _men = draft
    row = {
        "period": submission.period.label,
        "indicator": submission.indicator.code,
        "organization_id": str(world.partner_org.pk),
        "value": "10",
    }
    result = imports.import_rows(
        user=world.partner,
        initiative=world.initiative,
        period=submission.period,
        rows=[row],
        submit=False,
    )
    assert result.ok, result.errors
    submission.refresh_from_db()
    assert submission.comment == "From the school's register"
    assert parts(submission) == {"Women": 4, "Men": 5} and submission.breakdown_incomplete


def test_an_import_with_a_category_column_gives_the_whole_breakdown(world, draft):
    submission, _women, _men = draft
    base = {
        "period": submission.period.label,
        "indicator": submission.indicator.code,
        "organization_id": str(world.partner_org.pk),
        "comment": "",
    }
    rows = [
        base | {"category": "", "value": "10"},
        base | {"category": "Gender: Women", "value": "4"},
        # The men's line was left blank: the file says there is no such part now.
        base | {"category": "Gender: Men", "value": ""},
    ]
    result = imports.import_rows(
        user=world.partner,
        initiative=world.initiative,
        period=submission.period,
        rows=rows,
        submit=False,
    )
    assert result.ok, result.errors
    submission.refresh_from_db()
    assert parts(submission) == {"Women": 4} and submission.comment == ""


def test_the_write_schemas_declare_no_defaults(client):
    """A generated client sends a declared default: a PATCH of the value alone would then send
    an empty comment too."""
    schemas = client.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]
    for name in (
        "PatchedValuesInRequest",
        "ValuesInRequest",
        "SubmissionCreateInRequest",
        "BulkInRequest",
        "BulkItemInRequest",
    ):
        properties = schemas[name]["properties"]
        assert not [field for field, spec in properties.items() if "default" in spec], name
