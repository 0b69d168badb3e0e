"""Downloads of an initiative's measurement (CSV streamed, XLSX from a spooled file) and the
printable report of a period. Scoped by the one policy; filters are declared and strict."""

from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from .. import exports, permissions, report_pdf
from ..models import ReportingPeriod
from ..selectors.report_summary import report_document


def _download(table: exports.Table, name: str, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(table), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    return FileResponse(
        exports.xlsx_file(table),
        as_attachment=True,
        filename=name,
        content_type=exports.XLSX_CONTENT_TYPE,
    )


def _invalid(request, initiative, filterset, what: str) -> HttpResponse:
    """The filters again, each error at its field: 400, never a file with other rows."""
    context = {"initiative": initiative, "filter": filterset, "what": what}
    return render(request, "measurement/export_invalid.html", context, status=400)


@login_required
def submissions_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_export_submissions(request.user, initiative))
    filterset = exports.submission_filter(
        user=request.user, initiative=initiative, data=request.GET
    )
    if not filterset.is_valid():
        return _invalid(request, initiative, filterset, "submissions")
    table = exports.submission_table(initiative=initiative, queryset=filterset.qs)
    return _download(table, exports.file_name(initiative, "values", fmt), fmt)


@login_required
def rollups_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    filterset = exports.rollup_filter(initiative=initiative, data=request.GET)
    if not filterset.is_valid():
        return _invalid(request, initiative, filterset, "rollups")
    if filterset.by_year:
        table = exports.yearly_table(initiative=initiative, filterset=filterset)
        return _download(table, exports.file_name(initiative, "yearly", fmt), fmt)
    table = exports.rollup_table(initiative=initiative, filterset=filterset)
    return _download(table, exports.file_name(initiative, "rollups", fmt), fmt)


def _report_context(request: HttpRequest, slug: str, pk: int) -> dict:
    """The report of one period, for the page and the PDF alike: one permission, one read."""
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    period = get_object_or_404(ReportingPeriod, pk=pk, initiative=initiative)
    return {
        "initiative": initiative,
        "period": period,
        "report": report_document(initiative=initiative, period=period),
    }


@login_required
def period_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The shared figures of one period, laid out for printing: no organization's own values."""
    context = _report_context(request, slug, pk)
    context["pdf_available"] = report_pdf.pdf_available()
    return render(request, "measurement/period_report.html", context)


@login_required
def period_report_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The same report as a PDF (404 where WeasyPrint cannot load: the page then offers none)."""
    context = _report_context(request, slug, pk)
    if not report_pdf.pdf_available():
        raise Http404
    context["page_counter"] = report_pdf.page_counter_css()
    html = render_to_string("measurement/report/document.html", context, request=request)
    response = HttpResponse(report_pdf.render_pdf(html), content_type="application/pdf")
    name = report_file_name(context["initiative"], context["period"])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def report_file_name(initiative, period) -> str:
    """A name safe on every system: the slug and the period's dates, in ASCII."""
    return f"{initiative.slug}-report-{period.start.isoformat()}-{period.end.isoformat()}.pdf"
