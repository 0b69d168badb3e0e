"""Redis away while an import runs: the import finishes and its page answers from the database."""

from django.core.files.base import ContentFile
from django.urls import reverse

from measurement.import_progress import progress_note, progress_percent
from measurement.models import ImportJob
from measurement.services import imports
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign
from tests.measurement.test_imports import csv_file, row


def job_url(job) -> str:
    return reverse("measurement:import_job", args=[job.initiative.slug, job.pk])


def queued_job(world, rows=()) -> ImportJob:
    period = PeriodFactory(initiative=world.initiative)
    indicator = IndicatorFactory(initiative=world.initiative, code="MATH5")
    assign(indicator, world.partner_org, world.second_org)
    upload = csv_file([row(period, indicator, world.partner_org, value=v) for v in rows])
    return ImportJob.objects.create(
        initiative=world.initiative,
        period=period,
        user=world.backbone,
        file=ContentFile(upload.read(), name="values.csv"),
    )


def test_the_progress_page_falls_back_to_the_job_state_when_redis_is_down(
    client, world, private_redis
):
    job = queued_job(world)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
    job.refresh_from_db()
    progress_note(job.pk, 3, 4)
    client.force_login(world.backbone)
    assert progress_percent(job) == 75
    assert "75%" in client.get(job_url(job), headers={"HX-Request": "true"}).text

    private_redis.stop()

    response = client.get(job_url(job), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'aria-valuenow="0"' in response.text
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.DONE, result={"updated": 2})
    response = client.get(job_url(job))
    assert response.status_code == 200
    assert "2 updated" in response.text


def test_an_import_finishes_when_redis_is_down(world, private_redis):
    job = queued_job(world, rows=["21"])
    private_redis.stop()

    imports.job_run(job.pk)

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.result
    assert job.result["updated"] + job.result["created"] == 1
