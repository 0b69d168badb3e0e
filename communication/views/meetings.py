"""Meeting pages: the initiative's meetings, one meeting, the form to schedule or change one,
the cancellation, and its .ics. The agenda, invitations and attendance are in
views/meeting_parts.py. Every write is a service; its refusals go to the form's fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from initiatives.forms import add_service_error
from initiatives.views import require

from .. import permissions
from ..forms.meetings import AnswerForm, MeetingFilterForm, MeetingForm
from ..models import Answer, WorkingGroup
from ..selectors import calendars
from ..selectors import meetings as selectors
from ..selectors import minutes as minutes_selectors
from ..selectors.meetings import MeetingFilters
from ..services import meetings as services
from .meet_base import meeting_or_404, readable_initiative

PER_PAGE = 25


def _groups(initiative) -> list[WorkingGroup]:
    return list(selectors.group_list(initiative=initiative))


@login_required
@require_GET
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    form = MeetingFilterForm(request.GET, groups=_groups(initiative))
    context = {
        "initiative": initiative,
        "form": form,
        "can_schedule": permissions.can_schedule_meeting(request.user, initiative)
        or WorkingGroup.objects.filter(
            initiative=initiative, convener_id=request.user.pk, archived=False
        ).exists(),
    }
    if not form.is_valid():
        return render(request, "communication/meet/meeting_list.html", context, status=400)
    filters = MeetingFilters(
        working_group=form.cleaned_data["working_group"], kind=form.cleaned_data["kind"]
    )
    meetings = selectors.meeting_list_for_user(
        user=request.user, initiative=initiative, filters=filters
    )
    context["page"] = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "communication/meet/meeting_list.html", context)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    meeting = meeting_or_404(request, initiative, pk)
    page = selectors.meeting_page(user=request.user, meeting=meeting)
    can_run = permissions.can_run_meeting(request.user, meeting)
    mine = page.mine
    context = {
        "initiative": initiative,
        "meeting": meeting,
        "page": page,
        "can_run": can_run and not meeting.is_cancelled,
        "can_answer": mine is not None
        and not meeting.is_cancelled
        and not services.has_started(meeting),
        "can_take_attendance": can_run
        and not meeting.is_cancelled
        and services.has_started(meeting),
        "answer_form": AnswerForm(
            initial={
                "answer": mine.answer if mine and mine.answer != Answer.PENDING else None,
                "note": mine.note if mine else "",
            }
        ),
        "record": minutes_selectors.meeting_record(user=request.user, meeting=meeting),
        "answers": [(a, a.label, page.counts[a.value]) for a in Answer],
    }
    return render(request, "communication/meet/meeting_detail.html", context)


def _form_page(request, initiative, form, meeting=None, group=None) -> HttpResponse:
    context = {"initiative": initiative, "form": form, "meeting": meeting, "group": group}
    status = 400 if form.errors else 200
    return render(request, "communication/meet/meeting_form.html", context, status=status)


def _schedulable_groups(request, initiative) -> list[WorkingGroup]:
    """The groups the user may schedule in: all for the staff, else those they convene."""
    groups = list(_groups(initiative))
    if permissions.can_manage_communication(request.user, initiative):
        return groups
    return [g for g in groups if permissions.convenes_group(request.user, g)]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    groups = _schedulable_groups(request, initiative)
    manages = permissions.can_manage_communication(request.user, initiative)
    require(manages or bool(groups))
    if request.method == "GET":
        chosen = request.GET.get("group", "")
        initial = {"working_group": chosen, "shared": not chosen}
        return _form_page(request, initiative, MeetingForm(groups=groups, initial=initial))
    form = MeetingForm(request.POST, groups=groups)
    if form.is_valid():
        changes = form.changes()
        if not manages and changes.get("working_group") is None:
            form.add_error("working_group", _("Choose a working group you convene."))
        else:
            try:
                meeting = services.meeting_schedule(
                    user=request.user, initiative=initiative, **changes
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The meeting was scheduled."))
                return redirect("communication:meeting_detail", slug=slug, pk=meeting.pk)
    return _form_page(request, initiative, form)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    meeting = meeting_or_404(request, initiative, pk)
    require(permissions.can_run_meeting(request.user, meeting) and not meeting.is_cancelled)
    if request.method == "GET":
        form = MeetingForm(initial=MeetingForm.initial_of(meeting))
        return _form_page(request, initiative, form, meeting)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_change(user=request.user, meeting=meeting, **form.changes())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("communication:meeting_detail", slug=slug, pk=meeting.pk)
    return _form_page(request, initiative, form, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    meeting = meeting_or_404(request, initiative, pk)
    require(permissions.can_run_meeting(request.user, meeting) and not meeting.is_cancelled)
    if request.method == "POST":
        services.meeting_cancel(user=request.user, meeting=meeting)
        messages.success(request, _("The meeting was cancelled."))
        return redirect("communication:meeting_detail", slug=slug, pk=meeting.pk)
    context = {"initiative": initiative, "meeting": meeting}
    return render(request, "communication/meet/meeting_cancel.html", context)


@login_required
@require_GET
def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    meeting = meeting_or_404(request, initiative, pk)
    body = calendars.calendar_of(
        [meeting],
        name=str(meeting.text("title")),
        url_of=lambda m: request.build_absolute_uri(services.meeting_path(m)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response
