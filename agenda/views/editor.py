"""The draft editor: the sections, the goals and strategies, and the version's steps (start a
draft, open it for comment, adopt it). Every write is a service; errors go to their field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from initiatives.forms import add_service_error

from .. import selectors, services
from ..forms import GoalForm, MoveForm, SectionsForm, StrategyForm
from ..models import SECTIONS, Goal
from .base import goal_or_404, managed_initiative, page_context, strategy_or_404


def _editor(request, initiative, *, sections_form=None, failed=None, status=200):
    """The editor page; `failed` is (key, form) of the one small form that was refused."""
    agenda = selectors.agenda_for(initiative=initiative)
    version = agenda.working
    goals = list(
        Goal.objects.filter(initiative=initiative)
        .prefetch_related("strategies")
        .order_by("order", "id")
    )
    live = Goal.objects.filter(initiative=initiative, retired=False)
    choices = [(goal.pk, goal.title) for goal in goals if not goal.retired]
    failed_key, failed_form = failed or (None, None)
    for goal in goals:
        goal.form = (
            failed_form
            if failed_key == f"goal:{goal.pk}"
            else GoalForm(
                goals=live,
                choices=choices,
                prefix=f"goal-{goal.pk}",
                initial={
                    "title": goal.title,
                    "description": goal.description,
                    "parent": goal.parent_id,
                },
            )
        )
        goal.strategy_form = (
            failed_form
            if failed_key == f"strategy-new:{goal.pk}"
            else StrategyForm(prefix=f"new-strategy-{goal.pk}")
        )
        for strategy in goal.strategies.all():
            strategy.form = (
                failed_form
                if failed_key == f"strategy:{strategy.pk}"
                else StrategyForm(
                    prefix=f"strategy-{strategy.pk}",
                    initial={"title": strategy.title, "description": strategy.description},
                )
            )
    if sections_form is None and version is not None:
        sections_form = SectionsForm(initial={key: getattr(version, key) for key in SECTIONS})
    context = page_context(
        request,
        initiative,
        agenda=agenda,
        version=version,
        sections_form=sections_form,
        goals=[goal for goal in goals if not goal.retired],
        retired=[goal for goal in goals if goal.retired],
        goal_form=failed_form
        if failed_key == "goal-new"
        else GoalForm(goals=live, choices=choices, prefix="new-goal"),
    )
    return render(request, "agenda/editor.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    if request.method == "GET":
        return _editor(request, initiative)
    version = selectors.agenda_for(initiative=initiative).working
    form = SectionsForm(request.POST)
    if version is not None and form.is_valid():
        try:
            services.version_sections_save(user=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The sections were saved."))
            return redirect("agenda:editor", slug=slug)
    if version is None:
        form.add_error(None, _("Start a new draft of the agenda first."))
    return _editor(request, initiative, sections_form=form, status=400)


def _step(request, slug, run, done: str) -> HttpResponse:
    """A version's step (start, open, adopt): the message, or the refusal as a message."""
    initiative = managed_initiative(request, slug)
    try:
        run(initiative)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("agenda:editor", slug=slug)
    messages.success(request, done)
    return redirect("agenda:editor", slug=slug)


def _working(initiative):
    version = selectors.agenda_for(initiative=initiative).working
    if version is None:
        raise ValidationError(_("Start a new draft of the agenda first."))
    return version


@login_required
@require_POST
def draft_start(request: HttpRequest, slug: str) -> HttpResponse:
    return _step(
        request,
        slug,
        lambda initiative: services.version_draft_start(user=request.user, initiative=initiative),
        _("A new draft was started from the adopted version."),
    )


@login_required
@require_POST
def draft_open(request: HttpRequest, slug: str) -> HttpResponse:
    return _step(
        request,
        slug,
        lambda initiative: services.version_open_for_comment(
            user=request.user, version=_working(initiative)
        ),
        _("The draft is open for the partners' comments."),
    )


@login_required
@require_POST
def draft_adopt(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    try:
        services.version_adopt(user=request.user, version=_working(initiative))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("agenda:editor", slug=slug)
    messages.success(request, _("The version was adopted. Partners are asked to endorse it."))
    return redirect("agenda:agenda", slug=slug)


def _save(request, initiative, key, form, write) -> HttpResponse:
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("agenda:editor", slug=initiative.slug)
    return _editor(request, initiative, failed=(key, form), status=400)


def _live_goals(initiative):
    return Goal.objects.filter(initiative=initiative, retired=False)


@login_required
@require_POST
def goal_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    form = GoalForm(request.POST, goals=_live_goals(initiative), prefix="new-goal")
    return _save(
        request,
        initiative,
        "goal-new",
        form,
        lambda data: services.goal_save(user=request.user, initiative=initiative, **data),
    )


@login_required
@require_POST
def goal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    goal = goal_or_404(initiative, pk)
    form = GoalForm(request.POST, goals=_live_goals(initiative), prefix=f"goal-{goal.pk}")
    return _save(
        request,
        initiative,
        f"goal:{goal.pk}",
        form,
        lambda data: services.goal_save(
            user=request.user, initiative=initiative, goal=goal, **data
        ),
    )


@login_required
@require_POST
def strategy_create(request: HttpRequest, slug: str, goal_pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    goal = goal_or_404(initiative, goal_pk)
    form = StrategyForm(request.POST, prefix=f"new-strategy-{goal.pk}")
    return _save(
        request,
        initiative,
        f"strategy-new:{goal.pk}",
        form,
        lambda data: services.strategy_save(user=request.user, goal=goal, **data),
    )


@login_required
@require_POST
def strategy_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = managed_initiative(request, slug)
    strategy = strategy_or_404(initiative, pk)
    form = StrategyForm(request.POST, prefix=f"strategy-{strategy.pk}")
    return _save(
        request,
        initiative,
        f"strategy:{strategy.pk}",
        form,
        lambda data: services.strategy_save(
            user=request.user, goal=strategy.goal, strategy=strategy, **data
        ),
    )


def _small(request, slug, run) -> HttpResponse:
    """Retire, restore, move: a refusal is a message on the editor."""
    initiative = managed_initiative(request, slug)
    try:
        run(initiative)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("agenda:editor", slug=slug)


@login_required
@require_POST
def goal_retire(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    retired = request.POST.get("restore") != "1"
    return _small(
        request,
        slug,
        lambda initiative: services.goal_retire(
            user=request.user, goal=goal_or_404(initiative, pk), retired=retired
        ),
    )


@login_required
@require_POST
def strategy_retire(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    retired = request.POST.get("restore") != "1"
    return _small(
        request,
        slug,
        lambda initiative: services.strategy_retire(
            user=request.user, strategy=strategy_or_404(initiative, pk), retired=retired
        ),
    )


def _move(request, slug, pk, kind) -> HttpResponse:
    form = MoveForm(request.POST)

    def run(initiative):
        if not form.is_valid():
            raise ValidationError(_("Move up or down."))
        step = form.cleaned_data["step"]
        if kind == "goal":
            services.goal_move(user=request.user, goal=goal_or_404(initiative, pk), step=step)
        else:
            strategy = strategy_or_404(initiative, pk)
            services.strategy_move(user=request.user, strategy=strategy, step=step)

    return _small(request, slug, run)


@login_required
@require_POST
def goal_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _move(request, slug, pk, "goal")


@login_required
@require_POST
def strategy_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _move(request, slug, pk, "strategy")
