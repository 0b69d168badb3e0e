"""Working group pages: the list, one group (members, meetings), the form, archiving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import require

from .. import permissions
from ..forms.meetings import GroupForm
from ..selectors import meetings as selectors
from ..selectors import minutes as minutes_selectors
from ..selectors.meetings import MeetingFilters
from ..services import groups as services
from .meet_base import (
    agenda_choices,
    group_or_404,
    people,
    readable_initiative,
)


@login_required
@require_GET
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    archived = request.GET.get("archived") == "1"
    context = {
        "initiative": initiative,
        "groups": selectors.group_list(initiative=initiative, archived=archived),
        "archived": archived,
        "can_manage": permissions.can_manage_communication(request.user, initiative),
    }
    return render(request, "communication/meet/group_list.html", context)


@login_required
@require_GET
def group_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    group = group_or_404(initiative, pk)
    meetings = selectors.meeting_list_for_user(
        user=request.user, initiative=initiative, filters=MeetingFilters(working_group=group.pk)
    )[:20]
    context = {
        "initiative": initiative,
        "group": group,
        "meetings": meetings,
        "record": minutes_selectors.group_record(user=request.user, group=group),
        "can_manage": permissions.can_manage_group(request.user, group),
        "can_schedule": not group.archived
        and permissions.can_schedule_meeting(request.user, initiative, group),
    }
    return render(request, "communication/meet/group_detail.html", context)


def _form(initiative, **kwargs) -> GroupForm:
    choices = agenda_choices(initiative)
    return GroupForm(
        goals=choices["goals"],
        strategies=choices["strategies"],
        people=people(initiative),
        **kwargs,
    )


def _form_page(request, initiative, form, group=None) -> HttpResponse:
    context = {"initiative": initiative, "form": form, "group": group}
    status = 400 if form.errors else 200
    return render(request, "communication/meet/group_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(permissions.can_manage_communication(request.user, initiative))
    if request.method == "GET":
        return _form_page(request, initiative, _form(initiative))
    form = _form(initiative, data=request.POST)
    if form.is_valid():
        try:
            group = services.group_create(
                user=request.user,
                initiative=initiative,
                members=form.chosen_members(),
                **form.changes(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The working group was created."))
            return redirect("communication:group_detail", slug=slug, pk=group.pk)
    return _form_page(request, initiative, form)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    group = group_or_404(initiative, pk)
    require(permissions.can_manage_group(request.user, group))
    if request.method == "GET":
        form = _form(initiative, initial=GroupForm.initial_of(group))
        return _form_page(request, initiative, form, group)
    form = _form(initiative, data=request.POST)
    if form.is_valid():
        try:
            services.group_update(
                user=request.user, group=group, members=form.chosen_members(), **form.changes()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The working group was saved."))
            return redirect("communication:group_detail", slug=slug, pk=group.pk)
    return _form_page(request, initiative, form, group)


@login_required
@require_POST
def group_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    group = group_or_404(initiative, pk)
    require(permissions.can_manage_group(request.user, group))
    archived = request.POST.get("archived", "1") == "1"
    services.group_archive(user=request.user, group=group, archived=archived)
    messages.success(
        request,
        _("The working group was archived.")
        if archived
        else _("The working group is active again."),
    )
    return redirect("communication:group_detail", slug=slug, pk=group.pk)
