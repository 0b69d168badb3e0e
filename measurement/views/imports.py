"""Spreadsheet import of a period's values: the template, the upload, background jobs."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from initiatives.forms import add_service_error
from initiatives.views import initiative_or_404, require
from sheatufim.ids import parse_id
from sheatufim.uploads import refuse_oversized

from .. import permissions, selectors
from ..forms import (
    ImportForm,
)
from ..import_progress import progress_percent
from ..models import (
    ImportJob,
    PeriodState,
)
from ..services import imports
from .base import page_context


def _import_periods(request, initiative):
    periods = selectors.period_list(initiative=initiative).exclude(state=PeriodState.LOCKED)
    if not permissions.can_submit_for_any(request.user, initiative):
        periods = periods.exclude(state=PeriodState.SCHEDULED)
    return periods


@login_required
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_submit_values(request.user, initiative))
    period = get_object_or_404(
        _import_periods(request, initiative),
        pk=parse_id(request.GET.get("period")) or 0,
    )
    template = imports.template(user=request.user, initiative=initiative, period=period)
    name = f"{initiative.slug}-{period.label.replace(' ', '-')}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            imports.template_csv(template.rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(
            imports.template_xlsx(template.rows, decimals=template.decimals),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_submit_values(request.user, initiative))
    periods = _import_periods(request, initiative)
    form = ImportForm(request.POST or None, request.FILES or None, periods=periods)
    refuse_oversized(request, form)
    result = None
    if request.method == "POST" and form.is_valid():
        upload, period = form.cleaned_data["file"], form.cleaned_data["period"]
        try:
            content = upload.read(imports.MAX_BYTES + 1)
            rows = imports.read_rows(upload.name, content)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if len(rows) > imports.ASYNC_ROWS:
                job = _queue_import(
                    request, initiative, period, upload, form.cleaned_data["submit"]
                )
                return redirect("measurement:import_job", slug=slug, pk=job.pk)
            result = imports.import_rows(
                user=request.user,
                initiative=initiative,
                period=period,
                rows=rows,
                submit=form.cleaned_data["submit"],
            )
    status = 400 if form.errors or (result and not result.ok) else 200
    context = page_context(request, initiative, form=form, result=result, periods=periods)
    return render(request, "measurement/import.html", context, status=status)


def _queue_import(request, initiative, period, upload, submit) -> ImportJob:
    from django.db import transaction
    from django.utils import translation

    from initiatives.services import enqueue_on_commit

    from ..tasks import import_job_run_task

    upload.seek(0)
    with transaction.atomic():
        job = ImportJob.objects.create(
            initiative=initiative,
            period=period,
            user=request.user,
            file=upload,
            submit=submit,
            language=translation.get_language() or "en",
        )
        enqueue_on_commit(import_job_run_task, job.pk)
    return job


@login_required
def import_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    job = get_object_or_404(ImportJob, pk=pk, initiative=initiative, user=request.user)
    context = page_context(request, initiative, job=job, percent=progress_percent(job))
    template = "measurement/import_job.html"
    if request.htmx:
        template += "#status"
    return render(request, template, context)
