"""The minutes page of a meeting and its actions (write, circulate, ask for a correction,
mark one taken into account, approve, correct after approval). Each action is its own POST
address; a refusal shows the page again with the message (400), never a 500."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import require

from .. import permissions
from ..forms.minutes import CommentForm, CorrectionForm, MinutesForm
from ..models import Meeting, MinutesComment, MinutesState
from ..selectors import minutes as selectors
from ..services import minutes as services
from .meet_base import readable_initiative

TEMPLATE = "communication/minutes/minutes.html"


def meeting_or_404(request: HttpRequest, slug: str, pk: int) -> Meeting:
    initiative = readable_initiative(request, slug)
    try:
        return selectors.meeting_get(user=request.user, initiative=initiative, pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _context(request, meeting, **extra) -> dict:
    user = request.user
    minutes = selectors.minutes_detail(meeting=meeting)
    runs = permissions.can_run_meeting(user, meeting)
    visible = minutes is not None and permissions.can_view_minutes(user, minutes)
    state = minutes.state if minutes else None
    started = meeting.starts_at <= timezone.now() and not meeting.is_cancelled
    can_comment = visible and permissions.can_comment_minutes(user, minutes)
    return {
        "initiative": meeting.initiative,
        "meeting": meeting,
        "minutes": minutes if visible else None,
        "can_write": runs and started and state != MinutesState.APPROVED,
        "can_circulate": runs and state == MinutesState.DRAFT,
        "can_approve": runs and state == MinutesState.CIRCULATED,
        "can_resolve": runs and state == MinutesState.CIRCULATED,
        "can_correct": runs and state == MinutesState.APPROVED,
        "can_comment": can_comment,
        "comment_form": extra.pop("comment_form", None) or (CommentForm() if can_comment else None),
        **extra,
    }


def _page(request, meeting, status=200, **extra) -> HttpResponse:
    return render(request, TEMPLATE, _context(request, meeting, **extra), status=status)


def _done(request, meeting, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("communication:minutes", slug=meeting.initiative.slug, pk=meeting.pk)


@login_required
@require_GET
def minutes_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _page(request, meeting_or_404(request, slug, pk))


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, slug, pk)
    require(permissions.can_run_meeting(request.user, meeting))
    minutes = selectors.minutes_detail(meeting=meeting)
    if request.method == "GET":
        form = MinutesForm(minutes=minutes)
        return _form(request, meeting, form)
    form = MinutesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_save(
                user=request.user,
                meeting=meeting,
                body=data["body"],
                language=data["language"],
                translations=data["translations"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, meeting, _("The minutes were saved."))
    return _form(request, meeting, form, status=400)


def _form(request, meeting, form, status=200, template="communication/minutes/edit.html"):
    context = {"initiative": meeting.initiative, "meeting": meeting, "form": form}
    return render(request, template, context, status=status)


def _minutes_or_404(meeting):
    minutes = selectors.minutes_detail(meeting=meeting)
    if minutes is None:
        raise Http404
    return minutes


def _step(request, slug, pk, step, message) -> HttpResponse:
    meeting = meeting_or_404(request, slug, pk)
    minutes = _minutes_or_404(meeting)
    require(permissions.can_run_meeting(request.user, meeting))
    try:
        step(user=request.user, minutes=minutes)
    except ValidationError as error:
        return _page(request, meeting, status=400, errors=error.messages)
    return _done(request, meeting, message)


@login_required
@require_POST
def minutes_circulate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(request, slug, pk, services.minutes_circulate, _("The minutes were circulated."))


@login_required
@require_POST
def minutes_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(request, slug, pk, services.minutes_approve, _("The minutes were approved."))


@login_required
@require_POST
def minutes_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, slug, pk)
    minutes = _minutes_or_404(meeting)
    require(permissions.can_view_minutes(request.user, minutes))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_comment_add(
                user=request.user, minutes=minutes, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, meeting, _("Your request for a correction was sent."))
    return _page(request, meeting, status=400, comment_form=form)


@login_required
@require_POST
def minutes_comment_resolve(request: HttpRequest, slug: str, pk: int, cid: int) -> HttpResponse:
    meeting = meeting_or_404(request, slug, pk)
    minutes = _minutes_or_404(meeting)
    require(permissions.can_run_meeting(request.user, meeting))
    comment = get_object_or_404(MinutesComment, minutes=minutes, pk=cid)
    resolved = request.POST.get("resolved", "1") != "0"
    try:
        services.minutes_comment_resolve(user=request.user, comment=comment, resolved=resolved)
    except ValidationError as error:
        return _page(request, meeting, status=400, errors=error.messages)
    return _done(request, meeting, _("The request was marked."))


@login_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, slug, pk)
    minutes = _minutes_or_404(meeting)
    require(permissions.can_run_meeting(request.user, meeting))
    template = "communication/minutes/correct.html"
    if request.method == "GET":
        form = CorrectionForm(initial={"body": minutes.body})
        return _form(request, meeting, form, template=template)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_correct(user=request.user, minutes=minutes, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return _done(request, meeting, _("The correction was recorded."))
    return _form(request, meeting, form, status=400, template=template)
