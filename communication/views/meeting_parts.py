"""A meeting's agenda (add, edit, remove, move), invitations (invite, answer) and attendance.
Only those who run the meeting change the agenda, invite and take attendance; an invitee
answers their own invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import require

from .. import permissions
from ..forms.meetings import AgendaItemForm, AnswerForm, PeopleForm
from ..models import AgendaItem, WorkingGroupMember
from ..selectors import meetings as selectors
from ..services import meetings as services
from .meet_base import (
    agenda_choices,
    indicator_choices,
    meeting_or_404,
    people,
    readable_initiative,
)


def _run(request, slug: str, pk: int):
    initiative = readable_initiative(request, slug)
    meeting = meeting_or_404(request, initiative, pk)
    require(permissions.can_run_meeting(request.user, meeting) and not meeting.is_cancelled)
    return initiative, meeting


def _back(slug: str, meeting) -> HttpResponse:
    return redirect("communication:meeting_detail", slug=slug, pk=meeting.pk)


def _item_or_404(meeting, item_pk: int) -> AgendaItem:
    try:
        return meeting.items.get(pk=item_pk)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def _item_form(initiative, **kwargs) -> AgendaItemForm:
    return AgendaItemForm(
        people=people(initiative),
        indicators=indicator_choices(initiative),
        **agenda_choices(initiative),
        **kwargs,
    )


def _item_page(request, initiative, meeting, form, item=None) -> HttpResponse:
    context = {"initiative": initiative, "meeting": meeting, "form": form, "item": item}
    status = 400 if form.errors else 200
    return render(request, "communication/meet/item_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative, meeting = _run(request, slug, pk)
    if request.method == "GET":
        return _item_page(request, initiative, meeting, _item_form(initiative))
    form = _item_form(initiative, data=request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(user=request.user, meeting=meeting, **form.changes())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The item was added to the agenda."))
            return _back(slug, meeting)
    return _item_page(request, initiative, meeting, form)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    initiative, meeting = _run(request, slug, pk)
    item = _item_or_404(meeting, item_pk)
    if request.method == "GET":
        form = _item_form(initiative, initial=AgendaItemForm.initial_of(item))
        return _item_page(request, initiative, meeting, form, item)
    form = _item_form(initiative, data=request.POST)
    if form.is_valid():
        try:
            services.agenda_item_update(user=request.user, item=item, **form.changes())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The agenda item was saved."))
            return _back(slug, meeting)
    return _item_page(request, initiative, meeting, form, item)


@login_required
@require_POST
def item_remove(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    _initiative, meeting = _run(request, slug, pk)
    services.agenda_item_remove(user=request.user, item=_item_or_404(meeting, item_pk))
    messages.success(request, _("The item was removed from the agenda."))
    return _back(slug, meeting)


@login_required
@require_POST
def item_move(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    _initiative, meeting = _run(request, slug, pk)
    item = _item_or_404(meeting, item_pk)
    services.agenda_item_move(user=request.user, item=item, up=request.POST.get("to") == "up")
    return _back(slug, meeting)


def _people_page(request, initiative, meeting, form, template) -> HttpResponse:
    context = {"initiative": initiative, "meeting": meeting, "form": form}
    status = 400 if form.errors else 200
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative, meeting = _run(request, slug, pk)
    template = "communication/meet/invite.html"
    shortcuts = {"people": people(initiative), "shortcuts": True}
    if request.method == "GET":
        return _people_page(request, initiative, meeting, PeopleForm(**shortcuts), template)
    form = PeopleForm(request.POST, **shortcuts)
    if form.is_valid():
        group_members = WorkingGroupMember.objects.filter(
            group_id=meeting.working_group_id
        ).values_list("user_id", flat=True)
        chosen = form.chosen(
            group_members=group_members,
            partners=selectors.partner_representatives(initiative=initiative),
        )
        try:
            added = services.invitations_add(user=request.user, meeting=meeting, people=chosen)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d person was invited.", "%(count)d people were invited.", len(added)
                )
                % {"count": len(added)},
            )
            return _back(slug, meeting)
    return _people_page(request, initiative, meeting, form, template)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    meeting = meeting_or_404(request, initiative, pk)
    invitation = meeting.invitations.filter(user_id=request.user.pk).first()
    require(invitation is not None)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_answer(
                user=request.user, invitation=invitation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer was saved."))
            return _back(slug, meeting)
    context = {"initiative": initiative, "meeting": meeting, "form": form}
    return render(request, "communication/meet/answer.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative, meeting = _run(request, slug, pk)
    require(services.has_started(meeting))
    template = "communication/meet/attendance.html"
    options = {"people": people(initiative), "shortcuts": False, "label": _("Who came")}
    if request.method == "GET":
        present = list(meeting.attendance.values_list("user_id", flat=True))
        form = PeopleForm(initial={"people": present}, **options)
        return _people_page(request, initiative, meeting, form, template)
    form = PeopleForm(request.POST, **options)
    if form.is_valid():
        try:
            services.attendance_record(user=request.user, meeting=meeting, people=form.chosen())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The attendance was saved."))
            return _back(slug, meeting)
    return _people_page(request, initiative, meeting, form, template)
