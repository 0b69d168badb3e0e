"""The matrix of strategies × organizations, with its gaps and overlaps listed beside it.

One view and one template serve the whole page and, for htmx, the region the filters and the
column pages change (`matrix.html#matrix`); the filters stay in the address (hx-push-url),
and every link and the form work without JavaScript.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .. import selectors
from .base import filter_form, fragment, page_context, readable_initiative

TEMPLATE = "activities/matrix.html"


@login_required
@require_GET
@vary_on_headers("HX-Request")
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    form = filter_form(request, initiative)
    template = fragment(request, TEMPLATE, "matrix")
    if not form.is_valid():
        # A hand-edited address: the page with the message at the field, never a 500; the
        # fragment is a 422, which the project's htmx configuration swaps in.
        context = page_context(request, initiative, form=form, invalid=True)
        return render(request, template, context, status=422 if "#" in template else 400)
    result = selectors.matrix_for(
        initiative=initiative, filters=form.filters(), page=request.GET.get("page") or 1
    )
    context = page_context(
        request,
        initiative,
        form=form,
        matrix=result,
        organizations=result.organizations,
        columns=len(result.organizations) + 2,
    )
    return render(request, template, context)
