"""Shared-measurement pages: indicators, periods, reporting, review, completeness."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.models import Organization
from initiatives.views import initiative_or_404, require
from sheatufim.ids import parse_id

from . import imports, permissions, selectors, services
from .forms import (
    DimensionForm,
    ImportForm,
    IndicatorForm,
    LateExceptionForm,
    NoteForm,
    PeriodsGenerateForm,
    SettingsForm,
    SubmissionFilter,
    ValuesForm,
)
from .models import (
    ImportJob,
    Indicator,
    PeriodState,
    ReportingPeriod,
    Submission,
    SubmissionState,
)
from .trends import trends


def _managed_initiative(request, slug):
    """The initiative, if the user manages its measurement (else 404 or 403)."""
    initiative = initiative_or_404(request, slug)
    require(permissions.can_manage_measurement(request.user, initiative))
    return initiative


def _errors_as_messages(request, form) -> None:
    """For the small forms that redirect back: each error as a message, with its field."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _indicator_or_404(initiative, pk) -> Indicator:
    return get_object_or_404(Indicator, pk=pk, initiative=initiative)


def _period_or_404(initiative, pk) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod, pk=pk, initiative=initiative)


def _context(request, initiative, **extra) -> dict:
    return {
        "initiative": initiative,
        "can_manage": permissions.can_manage_measurement(request.user, initiative),
        "can_review": permissions.can_review(request.user, initiative),
        "has_partner_home": permissions.has_partner_home(request.user, initiative),
        **extra,
    }


# --- indicators --------------------------------------------------------------------------


@login_required
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    indicators = list(selectors.indicator_list(initiative=initiative))
    latest = selectors.latest_rollups(indicators=indicators)
    for indicator in indicators:
        indicator.latest = latest.get(indicator.pk)
    context = _context(
        request,
        initiative,
        indicators=indicators,
        periods=selectors.period_list(initiative=initiative),
        can_export_submissions=permissions.can_export_submissions(request.user, initiative),
    )
    return render(request, "measurement/indicator_list.html", context)


@login_required
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    indicator = _indicator_or_404(initiative, pk)
    values = None
    if permissions.can_view_all_values(request.user, initiative):
        values = Paginator(
            Submission.objects.filter(indicator=indicator, state=SubmissionState.APPROVED)
            .select_related("organization", "period")
            .order_by("-period__start", "organization__name", "pk"),
            100,
        ).get_page(request.GET.get("page"))
    context = _context(
        request,
        initiative,
        indicator=indicator,
        table=selectors.indicator_rollups(indicator=indicator),
        # The window of the dashboard and the homes, so that the verdict is the same everywhere.
        trend=trends(indicators=[indicator], upto=timezone.localdate())[indicator.pk],
        values=values,
        assigned=indicator.organizations.order_by("name"),
    )
    return render(request, "measurement/indicator_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    initiative = _managed_initiative(request, slug)
    indicator = _indicator_or_404(initiative, pk) if pk else Indicator(initiative=initiative)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        initiative=initiative,
        organizations=selectors.participants(initiative=initiative),
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_save(
                indicator=form.instance,
                organizations=form.cleaned_data["organizations"],
                dimensions=form.cleaned_data["dimensions"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The indicator %(code)s was saved.") % {"code": indicator.code}
            )
            return redirect("measurement:indicator_detail", slug=slug, pk=indicator.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "measurement/indicator_form.html",
        _context(
            request, initiative, form=form, indicator=indicator, dimension_form=DimensionForm()
        ),
        status=status,
    )


@login_required
@require_POST
def dimension_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed_initiative(request, slug)
    form = DimensionForm(request.POST)
    if form.is_valid():
        try:
            dimension = services.dimension_create(initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The breakdown %(name)s was added.") % {"name": dimension.name}
            )
            return redirect("measurement:indicator_create", slug=slug)
    _errors_as_messages(request, form)
    return redirect("measurement:indicator_create", slug=slug)


@login_required
@require_POST
def targets_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed_initiative(request, slug)
    indicator = _indicator_or_404(initiative, pk)
    targets, bad = {}, []
    for key, raw in request.POST.items():
        if not key.startswith("target_"):
            continue
        try:
            period_id = int(key.removeprefix("target_"))
            value = Decimal(raw) if raw.strip() else None
            if value is not None and (not value.is_finite() or abs(value) >= Decimal("1e14")):
                raise InvalidOperation
        except (ValueError, InvalidOperation):
            bad.append(raw)
            continue
        targets[period_id] = value
    if bad:
        messages.error(
            request,
            _("Not a number: %(values)s. Nothing was saved.") % {"values": ", ".join(bad[:5])},
        )
    else:
        services.targets_save(indicator=indicator, targets=targets)
        messages.success(request, _("The targets were saved."))
    return redirect("measurement:indicator_detail", slug=slug, pk=pk)


# --- periods -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    can_manage = permissions.can_manage_measurement(request.user, initiative)
    settings = services.settings_for(initiative) if can_manage else None
    generate_form = PeriodsGenerateForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        if generate_form.is_valid():
            try:
                periods = services.periods_generate(
                    initiative=initiative, **generate_form.cleaned_data
                )
            except ValidationError as error:
                add_service_error(generate_form, error)
            else:
                services.periods_advance()
                messages.success(
                    request, _("%(count)s periods are ready.") % {"count": len(periods)}
                )
                return redirect("measurement:period_list", slug=slug)
    context = _context(
        request,
        initiative,
        periods=selectors.period_list(initiative=initiative),
        generate_form=generate_form,
        settings_form=SettingsForm(instance=settings) if settings else None,
        exception_form=(
            LateExceptionForm(organizations=selectors.participants(initiative=initiative))
            if can_manage
            else None
        ),
        states=PeriodState.choices,
    )
    status = 400 if generate_form is not None and generate_form.errors else 200
    return render(request, "measurement/period_list.html", context, status=status)


@login_required
@require_POST
def settings_save(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed_initiative(request, slug)
    form = SettingsForm(request.POST, instance=services.settings_for(initiative))
    if form.is_valid():
        form.save()
        messages.success(request, _("The reporting settings were saved."))
    else:
        _errors_as_messages(request, form)
    return redirect("measurement:period_list", slug=slug)


@login_required
@require_POST
def period_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed_initiative(request, slug)
    period = _period_or_404(initiative, pk)
    state = request.POST.get("state", "")
    if state not in PeriodState.values:
        messages.error(request, _("Unknown period state."))
    else:
        period = services.period_set_state(
            period=period, state=state, user=request.user, note=request.POST.get("note", "")[:300]
        )
        messages.success(
            request,
            _("%(period)s is now %(state)s.")
            % {"period": period, "state": period.get_state_display().lower()},
        )
    return redirect("measurement:period_list", slug=slug)


@login_required
@require_POST
def late_exception(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed_initiative(request, slug)
    period = _period_or_404(initiative, pk)
    form = LateExceptionForm(
        request.POST, organizations=selectors.participants(initiative=initiative)
    )
    if form.is_valid():
        services.late_exception_grant(period=period, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(organization)s may report for %(period)s until %(until)s.")
            % {
                "organization": form.cleaned_data["organization"],
                "period": period,
                "until": form.cleaned_data["until"],
            },
        )
    else:
        _errors_as_messages(request, form)
    return redirect("measurement:period_list", slug=slug)


# --- reporting (partners) ----------------------------------------------------------------


def _reporting_organization(request, initiative) -> Organization:
    """The partner's own organization; staff may choose any participant with ?organization=."""
    own = permissions.own_organization_id(request.user, initiative)
    chosen = request.GET.get("organization") or request.POST.get("organization_id")
    if chosen and parse_id(chosen) is not None:
        organization = (
            selectors.participants(initiative=initiative).filter(pk=parse_id(chosen)).first()
        )
        if organization and permissions.can_submit_for(request.user, initiative, organization):
            return organization
        raise Http404
    if own and permissions.can_submit_for(request.user, initiative, own):
        return Organization.objects.get(pk=own)
    return None


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    organization = _reporting_organization(request, initiative)
    staff = permissions.can_submit_for_any(request.user, initiative)
    if organization is None and not staff:
        require(False)
    groups = []
    if organization is not None:
        groups = selectors.reporting_rows(initiative=initiative, organization=organization)
        for group in groups:
            for item in group["items"]:
                item["form"] = ValuesForm(
                    indicator=item["indicator"], submission=item["submission"]
                )
    context = _context(
        request,
        initiative,
        organization=organization,
        groups=groups,
        organizations=selectors.participants(initiative=initiative) if staff else None,
    )
    return render(request, "measurement/report.html", context)


@login_required
@require_POST
def report_save(request: HttpRequest, slug: str, indicator_pk: int, period_pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    organization = _reporting_organization(request, initiative)
    require(organization is not None)
    indicator = _indicator_or_404(initiative, indicator_pk)
    period = _period_or_404(initiative, period_pk)
    submission = Submission.objects.filter(
        indicator=indicator, organization=organization, period=period
    ).first()
    form = ValuesForm(request.POST, request.FILES, indicator=indicator, submission=submission)
    submit = request.POST.get("action") == "submit"
    saved = False
    if form.is_valid():
        try:
            submission, _changed = services.submission_save(
                user=request.user,
                indicator=indicator,
                organization=organization,
                period=period,
                values=form.values(),
                submit=submit,
                evidence=form.cleaned_data.get("evidence"),
            )
            saved = True
        except ValidationError as error:
            add_service_error(form, error)
    item = {
        "indicator": indicator,
        "submission": submission,
        "form": form,
        "saved": saved,
        "submitted": submit,
    }
    context = _context(request, initiative, organization=organization, period=period, item=item)
    if not request.htmx:
        if saved:
            messages.success(request, _("Saved."))
            url = reverse("measurement:report", args=[slug])
            if permissions.can_submit_for_any(request.user, initiative):
                url += f"?organization={organization.pk}"
            return redirect(url)
        return render(request, "measurement/report_item_page.html", context, status=400)
    status = 200 if saved or not form.errors else 422
    return render(request, "measurement/report.html#item", context, status=status)


# --- review ------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_review(request.user, initiative))
    queryset = selectors.submission_list_for_user(user=request.user, initiative=initiative)
    data = request.GET.copy()
    if "state" not in data:
        data["state"] = SubmissionState.SUBMITTED
    submission_filter = SubmissionFilter(
        data,
        queryset=queryset.order_by(
            "-flagged", "period__due_date", "indicator__code", "organization__name"
        ),
        initiative=initiative,
        organizations=selectors.participants(initiative=initiative),
    )
    # A filter value that is not valid is said at its field, never silently dropped (which
    # would show more values than were asked for).
    invalid = not submission_filter.is_valid()
    rows = queryset.none() if invalid else submission_filter.qs
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    export_query = data.copy()  # the exports take the same filters (the state chosen by default)
    export_query.pop("page", None)
    context = _context(
        request,
        initiative,
        filter=submission_filter,
        page=page,
        note_form=NoteForm(),
        export_query=export_query.urlencode(),
    )
    return render(request, "measurement/review_queue.html", context, status=400 if invalid else 200)


def _review_action(request, slug, pk, action) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_review(request.user, initiative))
    submission = get_object_or_404(Submission, pk=pk, indicator__initiative=initiative)
    try:
        if action == "approve":
            services.submission_approve(submission_id=submission.pk, user=request.user)
            messages.success(request, _("Approved: %(submission)s.") % {"submission": submission})
        else:
            note = request.POST.get("note", "")
            service = (
                services.submission_return if action == "return" else services.submission_reopen
            )
            service(submission_id=submission.pk, user=request.user, note=note)
            messages.success(
                request, _("Sent back to the partner: %(submission)s.") % {"submission": submission}
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _redirect_next(request, slug)


def _redirect_next(request, slug) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url:
        return redirect(next_url)
    return redirect("measurement:review_queue", slug=slug)


@login_required
@require_POST
def submission_approve(request, slug, pk):
    return _review_action(request, slug, pk, "approve")


@login_required
@require_POST
def submission_return(request, slug, pk):
    return _review_action(request, slug, pk, "return")


@login_required
@require_POST
def submission_reopen(request, slug, pk):
    return _review_action(request, slug, pk, "reopen")


@login_required
@require_POST
def approve_bulk(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_review(request.user, initiative))
    ids = [parse_id(value) for value in request.POST.getlist("submission")]
    ids = [pk for pk in ids if pk is not None][:1000]
    count = services.submissions_approve_bulk(
        initiative=initiative, submission_ids=ids, user=request.user
    )
    messages.success(request, _("%(count)s values approved.") % {"count": count})
    return _redirect_next(request, slug)


@login_required
def submission_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    try:
        submission = selectors.submission_get_for_user(
            user=request.user, initiative=initiative, pk=pk
        )
    except Submission.DoesNotExist:
        raise Http404 from None
    context = _context(request, initiative, submission=submission, note_form=NoteForm())
    return render(request, "measurement/submission_detail.html", context)


@login_required
def completeness(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(
        permissions.can_view_all_values(request.user, initiative)
        or permissions.can_review(request.user, initiative)
    )
    periods = list(selectors.period_list(initiative=initiative))
    chosen = request.GET.get("period", "")
    period = next((p for p in periods if str(p.pk) == chosen), None)
    if period is None:
        period = next(
            (p for p in periods if p.state == PeriodState.OPEN), periods[0] if periods else None
        )
    data = selectors.completeness(initiative=initiative, period=period) if period else None
    return render(
        request,
        "measurement/completeness.html",
        _context(request, initiative, periods=periods, period=period, data=data),
    )


# --- import ------------------------------------------------------------------------------


def _import_periods(request, initiative):
    periods = selectors.period_list(initiative=initiative).exclude(state=PeriodState.LOCKED)
    if not permissions.can_submit_for_any(request.user, initiative):
        periods = periods.exclude(state=PeriodState.SCHEDULED)
    return periods


def _can_import(request, initiative) -> bool:
    return permissions.can_submit_for_any(request.user, initiative) or bool(
        permissions.own_organization_id(request.user, initiative)
        and permissions.can_submit_for(
            request.user, initiative, permissions.own_organization_id(request.user, initiative)
        )
    )


@login_required
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(_can_import(request, initiative))
    period = get_object_or_404(
        _import_periods(request, initiative),
        pk=parse_id(request.GET.get("period")) or 0,
    )
    rows = imports.template_rows(user=request.user, initiative=initiative, period=period)
    name = f"{initiative.slug}-{period.label.replace(' ', '-')}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(imports.template_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(
            imports.template_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(_can_import(request, initiative))
    periods = _import_periods(request, initiative)
    form = ImportForm(request.POST or None, request.FILES or None, periods=periods)
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
    context = _context(request, initiative, form=form, result=result, periods=periods)
    return render(request, "measurement/import.html", context, status=status)


def _queue_import(request, initiative, period, upload, submit) -> ImportJob:
    from django.db import transaction
    from django.utils import translation

    from initiatives.services import enqueue_on_commit

    from .tasks import import_job_run_task

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
    from django.core.cache import cache

    initiative = initiative_or_404(request, slug)
    job = get_object_or_404(ImportJob, pk=pk, initiative=initiative, user=request.user)
    done, total = cache.get(imports.progress_key(job.pk)) or [0, 0]
    percent = int(100 * done / total) if total else (100 if job.state in ("done", "failed") else 0)
    context = _context(request, initiative, job=job, percent=percent)
    template = "measurement/import_job.html"
    if request.htmx:
        template += "#status"
    return render(request, template, context)


@login_required
def submission_evidence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The evidence file, to those who may see the submission."""
    from django.http import FileResponse

    initiative = initiative_or_404(request, slug)
    try:
        submission = selectors.submission_get_for_user(
            user=request.user, initiative=initiative, pk=pk
        )
    except Submission.DoesNotExist:
        raise Http404 from None
    if not submission.evidence:
        raise Http404
    name = submission.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(submission.evidence.open("rb"), as_attachment=True, filename=name)
