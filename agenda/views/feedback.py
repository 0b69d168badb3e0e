"""What partners send: a comment on a section, their organization's endorsement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.forms import add_service_error
from initiatives.views import require

from .. import permissions, selectors, services
from ..forms import CommentForm, EndorsementForm
from .base import page_context, readable_initiative, version_or_404
from .pages import version_context


@login_required
@require_POST
def comment_create(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(permissions.can_comment(request.user, initiative))
    version = version_or_404(initiative, number)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(user=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you: your comment was added."))
            return redirect("agenda:version_detail", slug=slug, number=number)
    context = version_context(request, initiative, version, comment_form=form)
    return render(request, "agenda/version_detail.html", context, status=400)


@login_required
@require_POST
def endorse(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(permissions.can_endorse(request.user, initiative))
    agenda = selectors.agenda_for(initiative=initiative)
    form = EndorsementForm(request.POST)
    if agenda.adopted is None:
        form.add_error(None, str(services.feedback.ONLY_ADOPTED_ENDORSED))
    elif form.is_valid():
        try:
            services.endorsement_save(
                user=request.user, version=agenda.adopted, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your organization's decision was recorded."))
            return redirect("agenda:agenda", slug=slug)
    sections, goals = selectors.goal_tree(agenda.adopted.snapshot if agenda.adopted else {})
    endorsed, participants = selectors.endorsement_share(initiative=initiative)
    context = page_context(
        request,
        initiative,
        agenda=agenda,
        sections=sections,
        goals=goals,
        share=(endorsed, participants),
        rows=selectors.endorsement_rows(initiative=initiative, adopted=agenda.adopted),
        endorsement_form=form,
        can_comment=permissions.can_comment(request.user, initiative, agenda.working),
    )
    return render(request, "agenda/agenda_page.html", context, status=400)
