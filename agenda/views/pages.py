"""The pages that read the agenda: the current version, the version list, one version with its
comments, the comparison of two versions, and the printable document."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import permissions, selectors
from ..diff import snapshot_diff
from ..forms import CompareForm, EndorsementForm
from ..selectors.versions import version_snapshot
from .base import page_context, readable_initiative, version_or_404


def _attach_comments(sections, goals, comments) -> None:
    sections.comments = {
        key: comments.get(key, []) for key in ("vision", "problem", "scope", "principles")
    }
    for goal in _walk(goals):
        goal.comments = comments.get(goal.key, [])
        for strategy in goal.strategies:
            strategy.comments = comments.get(strategy.key, [])


def _walk(goals):
    for goal in goals:
        yield goal
        yield from _walk(goal.children)


@login_required
@require_GET
def agenda_page(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    agenda = selectors.agenda_for(initiative=initiative)
    sections, goals = selectors.goal_tree(agenda.adopted.snapshot if agenda.adopted else {})
    endorsed, participants = selectors.endorsement_share(initiative=initiative)
    may_endorse = permissions.can_endorse(request.user, initiative, agenda.adopted)
    context = page_context(
        request,
        initiative,
        agenda=agenda,
        sections=sections,
        goals=goals,
        share=(endorsed, participants),
        rows=selectors.endorsement_rows(initiative=initiative, adopted=agenda.adopted),
        endorsement_form=EndorsementForm() if agenda.adopted and may_endorse else None,
        can_comment=permissions.can_comment(request.user, initiative, agenda.working),
    )
    return render(request, "agenda/agenda_page.html", context)


@login_required
@require_GET
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    versions = list(selectors.version_list(initiative=initiative))
    context = page_context(request, initiative, versions=versions, compare_form=CompareForm())
    return render(request, "agenda/version_list.html", context)


def version_context(request, initiative, version, *, comment_form=None) -> dict:
    sections, goals = selectors.goal_tree(version_snapshot(version))
    _attach_comments(sections, goals, selectors.comments_by_section(version=version))
    may_comment = permissions.can_comment(request.user, initiative, version)
    return page_context(
        request,
        initiative,
        version=version,
        sections=sections,
        goals=goals,
        can_comment=may_comment,
        comment_form=comment_form,
        failed_section=comment_form["section"].value() if comment_form is not None else None,
    )


@login_required
@require_GET
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    version = version_or_404(initiative, number)
    return render(
        request, "agenda/version_detail.html", version_context(request, initiative, version)
    )


@login_required
@require_GET
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    versions = list(selectors.version_list(initiative=initiative))
    form = CompareForm(request.GET or None)
    changes = old = new = None
    if form.is_valid():
        by_number = {version.number: version for version in versions}
        old, new = by_number.get(form.cleaned_data["old"]), by_number.get(form.cleaned_data["new"])
        if old is None:
            form.add_error("old", _no_version())
        if new is None:
            form.add_error("new", _no_version())
        if old is not None and new is not None:
            changes = snapshot_diff(version_snapshot(old), version_snapshot(new))
    context = page_context(
        request, initiative, form=form, versions=versions, changes=changes, old=old, new=new
    )
    return render(request, "agenda/compare.html", context, status=400 if form.errors else 200)


def _no_version():
    return _("This agenda has no version of this number.")


@login_required
@require_GET
def print_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    version = version_or_404(initiative, number)
    sections, goals = selectors.goal_tree(version_snapshot(version))
    context = page_context(request, initiative, version=version, sections=sections, goals=goals)
    return render(request, "agenda/print.html", context)
