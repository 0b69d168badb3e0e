"""Review: the queue, approve / return / reopen, a value's history and evidence, completeness."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from initiatives.views import initiative_or_404, require
from sheatufim.ids import parse_id

from .. import permissions, selectors, services
from ..filters import ReviewQueueFilter
from ..forms import NoteForm
from ..models import Submission
from .base import (
    page_context,
)


@login_required
def review_queue(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_review(request.user, initiative))
    queryset = selectors.review_queue(user=request.user, initiative=initiative)
    submission_filter = ReviewQueueFilter(request.GET, queryset=queryset, initiative=initiative)
    # A filter value that is not valid is said at its field, never silently dropped (which
    # would show more values than were asked for).
    invalid = not submission_filter.is_valid()
    rows = queryset.none() if invalid else submission_filter.qs
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    # The exports take the same filters (and the state the queue chose by default).
    export_query = submission_filter.data.copy()
    export_query.pop("page", None)
    context = page_context(
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
    message = ngettext("%(count)d value approved.", "%(count)d values approved.", count)
    messages.success(request, message % {"count": count})
    return _redirect_next(request, slug)


def _submission_or_404(request, initiative, pk) -> Submission:
    try:
        return selectors.submission_get_for_user(user=request.user, initiative=initiative, pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None


@login_required
def submission_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    submission = _submission_or_404(request, initiative, pk)
    context = page_context(request, initiative, submission=submission, note_form=NoteForm())
    return render(request, "measurement/submission_detail.html", context)


@login_required
def completeness(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_view_completeness(request.user, initiative))
    periods = list(selectors.period_list(initiative=initiative))
    chosen = request.GET.get("period", "")
    period = next((p for p in periods if str(p.pk) == chosen), selectors.current_period(periods))
    data = selectors.completeness(initiative=initiative, period=period) if period else None
    return render(
        request,
        "measurement/completeness.html",
        page_context(request, initiative, periods=periods, period=period, data=data),
    )


@login_required
def submission_evidence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The evidence file, to those who may see the submission."""
    from django.http import FileResponse

    initiative = initiative_or_404(request, slug)
    submission = _submission_or_404(request, initiative, pk)
    if not submission.evidence:
        raise Http404
    name = submission.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(submission.evidence.open("rb"), as_attachment=True, filename=name)
