"""Bad input on the reporting form, and a locked period refusing every write path."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measurement.models import (
    PeriodState,
    Submission,
    SubmissionEvent,
    SubmissionState,
)
from tests.measurement.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorFactory,
    assign,
)


def save_url(world, indicator, period):
    return reverse(
        "measurement:reporting_save", args=[world.initiative.slug, indicator.pk, period.pk]
    )


def snapshot():
    return (
        list(Submission.objects.order_by("pk").values_list("pk", "state", "value", "version")),
        SubmissionEvent.objects.count(),
    )


@pytest.fixture
def percent(world, measured):
    indicator = IndicatorFactory(
        initiative=world.initiative,
        code="PASS",
        value_type="percentage",
        aggregation="ratio_of_sums",
    )
    assign(indicator, world.partner_org)
    return indicator


@pytest.fixture
def by_gender(world, measured):
    dimension = DimensionFactory(initiative=world.initiative, name="Gender")
    girls = CategoryFactory(dimension=dimension, name="Girls")
    boys = CategoryFactory(dimension=dimension, name="Boys")
    indicator = IndicatorFactory(initiative=world.initiative, code="BYG")
    indicator.dimensions.add(dimension)
    assign(indicator, world.partner_org)
    return indicator, girls, boys


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    "entered, field",
    [
        ({"value": ""}, "value"),
        ({"value": "twelve"}, "value"),
        ({"value": "-3"}, "value"),
        ({"value": "2.5"}, "value"),
        ({"value": "1e30"}, "value"),
        ({"value": "NaN"}, "value"),
    ],
)
def test_bad_count_is_refused_at_its_field(client, world, measured, entered, field, htmx):
    client.force_login(world.partner)
    before = snapshot()
    prefix = f"i{measured.indicator.pk}-"
    data = {prefix + key: value for key, value in entered.items()} | {"action": "submit"}
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(
        save_url(world, measured.indicator, measured.period), data, headers=headers
    )
    assert response.status_code == (422 if htmx else 400)
    if not htmx:  # the fragment is rendered without the test client's context capture
        assert response.context["item"]["form"].errors[field]
    assert ("<html" in response.text) is not htmx
    period = measured.period.pk  # ids name the period (a label never focuses another period's)
    assert f'id="p{period}-i{measured.indicator.pk}-{field}_error"' in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    "numerator, denominator, field",
    [
        ("101", "100", "numerator"),  # 101 %
        ("5", "0", "denominator"),
        ("5", "-1", "denominator"),
        ("", "10", "numerator"),
    ],
)
def test_bad_percentage_is_refused(client, world, percent, measured, numerator, denominator, field):
    client.force_login(world.partner)
    before = snapshot()
    prefix = f"i{percent.pk}-"
    response = client.post(
        save_url(world, percent, measured.period),
        {prefix + "numerator": numerator, prefix + "denominator": denominator, "action": "submit"},
    )
    assert response.status_code == 400
    assert response.context["item"]["form"].errors[field]
    assert snapshot() == before


def test_categories_that_do_not_add_up_are_refused_unless_marked_incomplete(
    client, world, measured, by_gender
):
    indicator, girls, boys = by_gender
    client.force_login(world.partner)
    prefix = f"i{indicator.pk}-"
    data = {
        prefix + "value": "10",
        prefix + f"category_{girls.pk}": "4",
        prefix + f"category_{boys.pk}": "5",
        "action": "submit",
    }
    before = snapshot()
    response = client.post(save_url(world, indicator, measured.period), data)
    assert response.status_code == 400
    assert "add up to 9, not 10" in response.text
    assert snapshot() == before

    data[prefix + "breakdown_incomplete"] = "on"
    response = client.post(save_url(world, indicator, measured.period), data)
    assert response.status_code == 302
    submission = Submission.objects.get(indicator=indicator)
    assert submission.state == SubmissionState.SUBMITTED and submission.breakdown_incomplete
    assert submission.category_values.count() == 2


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ", "Allowed file types"),
        ("big.pdf", b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_bad_evidence_file_is_refused(client, world, measured, name, content, message):
    client.force_login(world.partner)
    before = snapshot()
    prefix = f"i{measured.indicator.pk}-"
    response = client.post(
        save_url(world, measured.indicator, measured.period),
        {
            prefix + "value": "3",
            prefix + "evidence": SimpleUploadedFile(name, content),
            "action": "draft",
        },
    )
    assert response.status_code == 400
    assert message in response.text
    assert snapshot() == before


def test_a_period_of_another_initiative_or_unknown_ids_are_404(client, world, measured):
    from tests.measurement.factories import PeriodFactory

    other_period = PeriodFactory(initiative=world.other_initiative)
    client.force_login(world.partner)
    for indicator_pk, period_pk in [
        (measured.indicator.pk, other_period.pk),
        (measured.indicator.pk, 999999),
        (999999, measured.period.pk),
    ]:
        response = client.post(
            reverse(
                "measurement:reporting_save", args=[world.initiative.slug, indicator_pk, period_pk]
            ),
            {f"i{indicator_pk}-value": "1", "action": "submit"},
        )
        assert response.status_code == 404


def test_a_returned_value_shows_the_reviewers_note_to_the_partner(client, world, measured):
    from measurement import services

    services.submission_return(
        submission_id=measured.own.pk, user=world.backbone, note="The total looks too low."
    )
    client.force_login(world.partner)
    response = client.get(reverse("measurement:reporting", args=[world.initiative.slug]))
    assert "The total looks too low." in response.text


class TestALockedPeriodRefusesEveryWritePath:
    @pytest.fixture(autouse=True)
    def lock(self, measured):
        from measurement import services

        services.submission_approve(submission_id=measured.other.pk, user=measured.other.updated_by)
        measured.period.state = PeriodState.LOCKED
        measured.period.save()

    def test_the_form(self, client, world, measured):
        client.force_login(world.partner)
        before = snapshot()
        response = client.post(
            save_url(world, measured.indicator, measured.period),
            {f"i{measured.indicator.pk}-value": "70", "action": "submit"},
        )
        assert response.status_code == 400
        assert "locked" in response.text
        assert snapshot() == before

    @pytest.mark.parametrize("action", ["submission_approve", "submission_return"])
    def test_review(self, client, world, measured, action):
        client.force_login(world.backbone)
        before = snapshot()
        response = client.post(
            reverse(f"measurement:{action}", args=[world.initiative.slug, measured.own.pk]),
            {"note": "x"},
            follow=True,
        )
        assert "locked" in response.text
        assert snapshot() == before

    def test_reopening_an_approved_value(self, client, world, measured):
        client.force_login(world.backbone)
        before = snapshot()
        response = client.post(
            reverse(
                "measurement:submission_reopen", args=[world.initiative.slug, measured.other.pk]
            ),
            {"note": "Typo"},
            follow=True,
        )
        assert "locked" in response.text
        assert snapshot() == before

    def test_bulk_approval(self, client, world, measured):
        client.force_login(world.backbone)
        before = snapshot()
        client.post(
            reverse("measurement:approve_bulk", args=[world.initiative.slug]),
            {"submission": [measured.own.pk]},
        )
        assert snapshot() == before

    def test_the_admin_action(self, client, world, measured):
        client.force_login(world.superuser)
        before = snapshot()
        response = client.post(
            reverse("admin:measurement_submission_changelist"),
            {"action": "approve_selected", "_selected_action": [measured.own.pk]},
            follow=True,
        )
        assert "locked" in response.text
        assert snapshot() == before


def test_evidence_is_kept_and_downloaded_only_by_those_who_see_the_value(
    client, world, measured, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.partner)
    response = client.post(
        save_url(world, measured.indicator, measured.period),
        {
            f"i{measured.indicator.pk}-value": "8",
            f"i{measured.indicator.pk}-evidence": SimpleUploadedFile("list.pdf", b"%PDF-1.4 list"),
            "action": "submit",
        },
    )
    assert response.status_code == 302
    url = reverse("measurement:submission_evidence", args=[world.initiative.slug, measured.own.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 list"
    client.force_login(world.viewer)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [("period=abc", "period"), ("state=maybe", "state"), ("indicator=999999", "indicator")],
)
def test_bad_review_filters_are_said_at_their_field(client, world, measured, query, field):
    client.force_login(world.backbone)
    url = reverse("measurement:review_queue", args=[world.initiative.slug])
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response.context["filter"].errors[field]
    assert len(response.context["page"].object_list) == 0
    assert client.get(url).status_code == 200
