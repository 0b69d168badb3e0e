"""Pages: the field view (community:field), and the same as CSV and XLSX.

Who: those who may view a portfolio (initiatives.permissions.can_view_portfolio: superusers,
facilitators and backbone staff), over the initiatives and spheres they follow; anyone else
signed in gets a 403. The filters (kind, phase) are kept in the address; a value that is not
one of the choices is ignored, with its message at the field."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from backbone.anonymity import MIN_RESPONDENTS
from backbone.selectors.health import Condition
from initiatives.models import InitiativeKind, Phase
from initiatives.permissions import can_view_portfolio
from initiatives.views import require
from measurement.spreadsheets import XLSX_CONTENT_TYPE

from . import exports
from .selectors import field_view

TEMPLATE = "community/field.html"


class FieldFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *InitiativeKind.choices]
    )
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All phases")), *Phase.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="field_%s", **kwargs)

    def filters(self) -> dict:
        """The valid filters; a bad value is ignored (its error stays at its field)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"kind": data.get("kind") or None, "phase": data.get("phase")}


def _view(request):
    require(can_view_portfolio(request.user))
    form = FieldFilterForm(request.GET)
    return form, field_view(user=request.user, **form.filters())


def _query(form) -> str:
    valid = {k: v for k, v in form.filters().items() if v is not None}
    return "?" + "&".join(f"{k}={v}" for k, v in valid.items()) if valid else ""


@login_required
@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def field_page(request: HttpRequest) -> HttpResponse:
    form, view = _view(request)
    query = _query(form)
    context = {
        "form": form,
        "view": view,
        "conditions": [Condition(c) for c in Condition],
        "minimum": MIN_RESPONDENTS,
        "csv_url": reverse("community:field_csv") + query,
        "xlsx_url": reverse("community:field_xlsx") + query,
    }
    template = TEMPLATE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#table"
    return render(request, template, context)


@login_required
@require_GET
def field_csv(request: HttpRequest) -> HttpResponse:
    _form, view = _view(request)
    response = HttpResponse(exports.field_csv(view), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "field-view.csv")
    return response


@login_required
@require_GET
def field_xlsx(request: HttpRequest) -> HttpResponse:
    _form, view = _view(request)
    response = HttpResponse(exports.field_xlsx(view), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, "field-view.xlsx")
    return response
