"""Pages: the results of an assessment round, and the same as CSV.

Who: a closed round's results are for any member of the initiative; an open round's live
results for those with VIEW_ASSESSMENT_RESULTS (managers, the facilitator). Anyone else who
is a member gets a 403; a non-member, a round of another initiative or a round not yet open,
a 404. The anonymity rule is the selector's (backbone/selectors/results.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from initiatives.views import initiative_or_404, require

from .. import exports
from ..models import AssessmentRound
from ..selectors import results as selectors
from . import BASE


def _round(request, slug: str, pk: int) -> AssessmentRound:
    initiative = initiative_or_404(request, slug)
    round_ = selectors.results_rounds(initiative=initiative).filter(pk=pk).first()
    if round_ is None:
        raise Http404
    round_.initiative = initiative  # the one already read, with its membership cache
    require(selectors.can_view_results(request.user, round_))
    return round_


@login_required
@require_GET
def round_results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = _round(request, slug, pk)
    results = selectors.round_results(round_, user=request.user)
    context = {
        "initiative": round_.initiative,
        "round": round_,
        "results": results,
        "over_time": results.comparison.over_time_chart(),
        "radar": results.comparison.radar_chart(),
    }
    return render(request, "backbone/results.html", context)


@login_required
@require_GET
def round_results_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = _round(request, slug, pk)
    results = selectors.round_results(round_, user=request.user)
    response = HttpResponse(exports.results_csv(results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"assessment-results-{round_.pk}.csv"
    )
    return response


urlpatterns = [
    path(f"{BASE}rounds/<int:pk>/results/", round_results, name="round_results"),
    path(f"{BASE}rounds/<int:pk>/results.csv", round_results_csv, name="round_results_csv"),
]
