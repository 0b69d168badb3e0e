"""Pages: the workplan of a year (any member reads), and for those who manage the backbone
the forms that open a year, add and edit objectives and tasks, and move a task's status."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..forms.workplan import ObjectiveForm, TaskForm, TaskStatusForm, WorkplanForm
from ..models import TaskStatus, Workplan, WorkplanObjective, WorkplanTask
from ..selectors import workplan as selectors
from ..services import workplan as services
from . import BASE
from .function_indicators import indicators_context


def _readable(request, slug):
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    return initiative


def _managed(request, slug):
    initiative = _readable(request, slug)
    require(can(request.user, Action.MANAGE_BACKBONE, initiative))
    return initiative


def _year_url(initiative, year: int) -> str:
    return reverse("backbone:workplan_year", args=[initiative.slug, year])


def _page(request, initiative, year: int) -> HttpResponse:
    workplan = Workplan.objects.filter(initiative=initiative, year=year).first()
    can_manage = can(request.user, Action.MANAGE_BACKBONE, initiative)
    context = {
        "initiative": initiative,
        "year": year,
        "years": selectors.workplan_years(initiative=initiative),
        "plan": selectors.workplan_view(workplan=workplan) if workplan else None,
        "can_manage": can_manage,
        "statuses": TaskStatus.choices,
        "create_form": WorkplanForm(initial={"year": year}) if can_manage else None,
        **indicators_context(request, initiative),
    }
    return render(request, "backbone/workplan.html", context)


@login_required
@require_GET
def workplan(request: HttpRequest, slug: str) -> HttpResponse:
    """The current year's workplan, or the year asked for with ?year=."""
    initiative = _readable(request, slug)
    asked = request.GET.get("year")
    if asked is not None:
        try:
            year = int(asked)
        except ValueError:
            year = None
        if year is not None and services.YEAR_MIN <= year <= services.YEAR_MAX:
            return redirect(_year_url(initiative, year))
    return _page(request, initiative, timezone.localdate().year)


@login_required
@require_GET
def workplan_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    initiative = _readable(request, slug)
    if not services.YEAR_MIN <= year <= services.YEAR_MAX:
        raise Http404
    return _page(request, initiative, year)


def _form_page(request, initiative, form, *, title, back, template="backbone/workplan_form.html"):
    context = {"initiative": initiative, "form": form, "title": title, "back": back}
    return render(request, template, context, status=400 if form.errors else 200)


def _saved(request, initiative, form, save, *, done, title, back) -> HttpResponse:
    """A posted form through its service: back to the year when it saved, else the form again
    with the service's refusal at its field."""
    if form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    return _form_page(request, initiative, form, title=title, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def workplan_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed(request, slug)
    back = reverse("backbone:workplan", args=[slug])
    title = _("Add a workplan year")
    if request.method == "GET":
        form = WorkplanForm(initial={"year": timezone.localdate().year})
        return _form_page(request, initiative, form, title=title, back=back)
    form = WorkplanForm(data=request.POST)
    if form.is_valid():
        try:
            plan = services.workplan_create(
                initiative=initiative, year=form.cleaned_data["year"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The workplan was added."))
            return redirect(_year_url(initiative, plan.year))
    return _form_page(request, initiative, form, title=title, back=back)


def _workplan_or_404(initiative, year: int) -> Workplan:
    try:
        return selectors.workplan_get(initiative=initiative, year=year)
    except Workplan.DoesNotExist:
        raise Http404 from None


def _objective_or_404(initiative, pk: int) -> WorkplanObjective:
    try:
        return WorkplanObjective.objects.select_related("workplan__initiative").get(
            pk=pk, workplan__initiative=initiative
        )
    except WorkplanObjective.DoesNotExist:
        raise Http404 from None


def _task_or_404(initiative, pk: int) -> WorkplanTask:
    try:
        return WorkplanTask.objects.select_related("objective__workplan__initiative").get(
            pk=pk, objective__workplan__initiative=initiative
        )
    except WorkplanTask.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    initiative = _managed(request, slug)
    plan = _workplan_or_404(initiative, year)
    back, title = _year_url(initiative, year), _("Add an objective")
    if request.method == "GET":
        form = ObjectiveForm(initial={"function": request.GET.get("function")})
        return _form_page(request, initiative, form, title=title, back=back)
    form = ObjectiveForm(data=request.POST)
    save = partial(services.objective_create, workplan=plan, by=request.user)
    return _saved(
        request, initiative, form, save, done=_("The objective was added."), title=title, back=back
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    objective = _objective_or_404(initiative, pk)
    back, title = _year_url(initiative, objective.workplan.year), _("Edit the objective")
    if request.method == "GET":
        initial = {name: getattr(objective, name) for name in services.OBJECTIVE_FIELDS}
        return _form_page(
            request, initiative, ObjectiveForm(initial=initial), title=title, back=back
        )
    form = ObjectiveForm(data=request.POST)
    save = partial(services.objective_update, objective=objective, by=request.user)
    return _saved(
        request, initiative, form, save, done=_("The objective was saved."), title=title, back=back
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    objective = _objective_or_404(initiative, pk)
    back, title = _year_url(initiative, objective.workplan.year), _("Add a task")
    if request.method == "GET":
        form = TaskForm(initiative=initiative)
        return _form_page(request, initiative, form, title=title, back=back)
    form = TaskForm(initiative=initiative, data=request.POST)
    save = partial(services.task_create, objective=objective, by=request.user)
    return _saved(
        request, initiative, form, save, done=_("The task was added."), title=title, back=back
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    task = _task_or_404(initiative, pk)
    back, title = _year_url(initiative, task.objective.workplan.year), _("Edit the task")
    if request.method == "GET":
        initial = {name: getattr(task, name) for name in services.TASK_FIELDS}
        form = TaskForm(initiative=initiative, initial=initial)
        return _form_page(request, initiative, form, title=title, back=back)
    form = TaskForm(initiative=initiative, data=request.POST)
    save = partial(services.task_update, task=task, by=request.user)
    return _saved(
        request, initiative, form, save, done=_("The task was saved."), title=title, back=back
    )


@login_required
@require_POST
def task_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    task = _task_or_404(initiative, pk)
    back = _year_url(initiative, task.objective.workplan.year)
    form = TaskStatusForm(data=request.POST)
    if not form.is_valid():
        return _form_page(request, initiative, form, title=_("Change the status"), back=back)
    services.task_set_status(task=task, status=form.cleaned_data["status"], by=request.user)
    messages.success(request, _("The task's status was changed."))
    return redirect(back)


urlpatterns = [
    path(BASE + "workplan/", workplan, name="workplan"),
    path(BASE + "workplan/new/", workplan_create, name="workplan_create"),
    path(BASE + "workplan/<int:year>/", workplan_year, name="workplan_year"),
    path(BASE + "workplan/<int:year>/objectives/new/", objective_create, name="objective_create"),
    path(BASE + "workplan/objectives/<int:pk>/edit/", objective_edit, name="objective_edit"),
    path(BASE + "workplan/objectives/<int:pk>/tasks/new/", task_create, name="task_create"),
    path(BASE + "workplan/tasks/<int:pk>/edit/", task_edit, name="task_edit"),
    path(BASE + "workplan/tasks/<int:pk>/status/", task_status, name="task_status"),
]
