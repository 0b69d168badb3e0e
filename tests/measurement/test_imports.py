"""Spreadsheet import: template, all-or-nothing upload, idempotence, errors per row and column."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from measurement.models import ImportJob, Submission, SubmissionEvent, SubmissionState
from measurement.services import imports
from tests.measurement.factories import IndicatorFactory, assign


def url(world, name, *args):
    return reverse(f"measurement:{name}", args=[world.initiative.slug, *args])


def csv_file(rows, name="values.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(imports.COLUMNS)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def row(period, indicator, organization, value="", numerator="", denominator="", category=""):
    return [
        period.label,
        indicator.code,
        organization.pk,
        organization.name,
        category,
        value,
        numerator,
        denominator,
        "",
        "",
    ]


@pytest.fixture
def percent(world, measured):
    indicator = IndicatorFactory(
        initiative=world.initiative,
        code="PASS",
        value_type="percentage",
        aggregation="ratio_of_sums",
    )
    assign(indicator, world.partner_org, world.second_org)
    return indicator


def snapshot():
    return (
        list(Submission.objects.order_by("pk").values_list("pk", "state", "value", "numerator")),
        SubmissionEvent.objects.count(),
    )


def upload(client, world, period, file, submit=True):
    data = {"period": period.pk, "file": file}
    if submit:
        data["submit"] = "on"
    return client.post(url(world, "import_upload"), data)


def test_the_template_lists_what_the_user_may_report(client, world, measured, percent):
    client.force_login(world.partner)
    response = client.get(url(world, "import_template"), {"period": measured.period.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == imports.template_header()
    assert {(r[1], r[2]) for r in rows[1:]} == {
        ("MATH5", world.partner_org.pk),
        ("PASS", world.partner_org.pk),
    }

    client.force_login(world.backbone)
    response = client.get(
        url(world, "import_template"), {"period": measured.period.pk, "format": "csv"}
    )
    body = response.content.decode("utf-8-sig")
    assert world.second_org.name in body and world.partner_org.name in body


def test_template_of_a_period_of_another_initiative_is_404(client, world, measured):
    from tests.measurement.factories import PeriodFactory

    other = PeriodFactory(initiative=world.other_initiative)
    client.force_login(world.backbone)
    assert client.get(url(world, "import_template"), {"period": other.pk}).status_code == 404
    assert client.get(url(world, "import_template"), {"period": "x"}).status_code == 404


def test_import_then_the_same_file_again_changes_nothing(client, world, measured, percent):
    client.force_login(world.backbone)
    period = measured.period
    rows = [
        row(period, measured.indicator, world.partner_org, value="12"),  # update of 7
        row(period, percent, world.partner_org, numerator="30", denominator="40"),  # new
        row(period, percent, world.second_org, numerator="10", denominator="33"),  # 30.30…%
    ]
    response = upload(client, world, period, csv_file(rows))
    assert response.status_code == 200, response.text
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged, result.rejected) == (2, 1, 0, 0)
    assert Submission.objects.get(indicator=percent, organization=world.partner_org).value == 75
    events = SubmissionEvent.objects.count()

    response = upload(client, world, period, csv_file(rows))
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert SubmissionEvent.objects.count() == events


@pytest.mark.parametrize(
    "changes, column",
    [
        ({"value": "twelve"}, "value"),
        ({"value": "-4"}, "value"),
        ({"indicator": "NOPE"}, "indicator"),
        ({"period": "1999 Q1"}, "period"),
        ({"organization_id": "999999"}, "organization_id"),
        ({"organization_id": "abc"}, "organization_id"),
        ({"category": "Gender: Aliens"}, "category"),
    ],
)
def test_one_bad_row_rolls_back_the_whole_file(client, world, measured, percent, changes, column):
    client.force_login(world.backbone)
    period = measured.period
    good = row(period, percent, world.partner_org, numerator="30", denominator="40")
    bad = row(period, measured.indicator, world.second_org, value="5")
    for key, value in changes.items():
        bad[imports.COLUMNS.index(key)] = value
    before = snapshot()
    response = upload(client, world, period, csv_file([good, bad]))
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors][:1] == [(3, column)]
    assert snapshot() == before


@pytest.mark.parametrize(
    "numerator, denominator, column",
    [("41", "40", "numerator"), ("3", "0", "denominator"), ("", "40", "numerator")],
)
def test_bad_fractions_are_reported_at_their_row(
    client, world, measured, percent, numerator, denominator, column
):
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(
        client,
        world,
        measured.period,
        csv_file(
            [
                row(
                    measured.period,
                    percent,
                    world.partner_org,
                    numerator=numerator,
                    denominator=denominator,
                )
            ]
        ),
    )
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(2, column)]
    assert snapshot() == before


def test_a_partner_cannot_import_another_organizations_values(client, world, measured):
    client.force_login(world.partner)
    before = snapshot()
    response = upload(
        client,
        world,
        measured.period,
        csv_file([row(measured.period, measured.indicator, world.second_org, value="50")]),
    )
    assert response.status_code == 400
    assert response.context["result"].errors[0].column == "organization_id"
    assert snapshot() == before


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("values.txt", b"hello", "xlsx or .csv"),
        ("values.xlsx", b"this is not a zip", "not a spreadsheet"),
        ("values.csv", b"\xff\xfe\x00bad", "UTF-8"),
        ("values.csv", b"", "empty"),
        ("values.csv", b"a,b,c\n1,2,3\n", "Columns missing"),
        ("values.csv", b"x" * (5 * 1024 * 1024 + 10), "larger than 5 MB"),
    ],
)
def test_a_file_that_is_not_the_template_is_refused(
    client, world, measured, name, content, message
):
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(client, world, measured.period, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.text
    assert snapshot() == before


def test_a_locked_period_is_not_offered_and_refused(client, world, measured):
    measured.period.state = "locked"
    measured.period.save()
    client.force_login(world.backbone)
    before = snapshot()
    response = upload(
        client,
        world,
        measured.period,
        csv_file([row(measured.period, measured.indicator, world.partner_org, value="50")]),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["period"]
    assert snapshot() == before


def test_a_large_file_is_imported_in_the_background_with_progress(
    client, world, measured, eager_celery, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(imports, "ASYNC_ROWS", 1)
    client.force_login(world.backbone)
    rows = [
        row(measured.period, measured.indicator, world.partner_org, value="21"),
        row(measured.period, measured.indicator, world.second_org, value="22"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, world, measured.period, csv_file(rows), submit=False)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response.url == url(world, "import_job", job.pk)
    assert job.state == ImportJob.State.DONE
    assert job.result["updated"] == 2
    page = client.get(response.url, headers={"HX-Request": "true"})
    assert "2 updated" in page.text
    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.DRAFT}
    assert client.get(url(world, "import_job", job.pk)).status_code == 200
    client.force_login(world.partner)
    assert client.get(url(world, "import_job", job.pk)).status_code == 404
