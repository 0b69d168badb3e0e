"""The activities' spreadsheets: the export (anyone who can view the initiative), the import
template and the import (the backbone's mapping exercise: whoever manages every activity).

An initiative the user is not in is a 404; a member without the right is a 403 (the policy
in activities/permissions.py), as measurement's imports and exports answer.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from initiatives.forms import add_service_error
from initiatives.views import initiative_or_404, require
from measurement.forms import TEMPLATE_FILE_HELP
from measurement.services.imports import MAX_BYTES
from sheatufim.uploads import refuse_oversized

from .. import exports, imports, permissions
from ..filters import ActivityFilterForm


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled template"), help_text=TEMPLATE_FILE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="import_%s", **kwargs)


def _format(request: HttpRequest) -> str:
    return "csv" if request.GET.get("format") == "csv" else "xlsx"


def _csv(chunks, name: str) -> HttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _xlsx(spooled, name: str) -> HttpResponse:
    return FileResponse(
        spooled, as_attachment=True, filename=name, content_type=exports.XLSX_CONTENT_TYPE
    )


@login_required
@require_GET
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The activities the list shows (its filters), as CSV or XLSX."""
    initiative = initiative_or_404(request, slug)
    require(permissions.can_view_activities(request.user, initiative))
    form = ActivityFilterForm(request.GET, initiative=initiative)
    if not form.is_valid():
        context = {"initiative": initiative, "form": form}
        return render(request, "activities/_transfer_invalid.html", context, status=400)
    fmt = _format(request)
    name = exports.file_name(initiative, "activities", fmt)
    table = exports.activity_table(initiative=initiative, filters=form.filters())
    if fmt == "csv":
        return _csv(exports.csv_chunks(table), name)
    return _xlsx(exports.xlsx_file(table), name)


def _managed(request: HttpRequest, slug: str):
    initiative = initiative_or_404(request, slug)
    require(permissions.can_manage_all_activities(request.user, initiative))
    return initiative


@login_required
@require_GET
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    """The header and the initiative's current activities, to correct and upload back; the
    XLSX has a second sheet of the values each column accepts."""
    initiative = _managed(request, slug)
    fmt = _format(request)
    name = exports.file_name(initiative, "activities-template", fmt)
    if fmt == "csv":
        return _csv(exports.csv_chunks(exports.activity_table(initiative=initiative)), name)
    return _xlsx(imports.template_xlsx(initiative), name)


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed(request, slug)
    posted = request.method == "POST"  # bound even when the file was refused unread
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    refuse_oversized(request, form)
    result = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = imports.read_table(upload.name, upload.read(MAX_BYTES + 1))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            result = imports.import_table(user=request.user, initiative=initiative, table=table)
    status = 400 if form.errors or (result and not result.ok) else 200
    context = {
        "initiative": initiative,
        "form": form,
        "result": result,
        "required": pgettext("between the items of a list", ", ").join(
            str(exports.LABELS[column]) for column in imports.REQUIRED
        ),
    }
    return render(request, "activities/import.html", context, status=status)
