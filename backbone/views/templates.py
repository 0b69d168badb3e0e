"""Pages: assessment templates. Any member reads the platform's templates and the initiative's
copies (another initiative's copy is a 404); those who manage the backbone copy a template and
edit a copy that no round has used."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.permissions import Action, can
from initiatives.views import initiative_or_404, require

from ..forms.templates import BenchmarkForm, SectionForm, TemplateForm
from ..models import AssessmentTemplate, Benchmark, Level, TemplateSection
from ..selectors import templates as selectors
from ..services import templates as services
from . import BASE


def _readable(request, slug):
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    return initiative


def _managed(request, slug):
    initiative = _readable(request, slug)
    require(can(request.user, Action.MANAGE_BACKBONE, initiative))
    return initiative


def _template_or_404(initiative, pk: int) -> AssessmentTemplate:
    try:
        return selectors.template_get_for_initiative(initiative=initiative, pk=pk)
    except AssessmentTemplate.DoesNotExist:
        raise Http404 from None


def _section_or_404(initiative, pk: int) -> TemplateSection:
    # Only a copy's sections are edited: the initiative's own.
    try:
        return TemplateSection.objects.select_related("template").get(
            pk=pk, template__initiative=initiative
        )
    except TemplateSection.DoesNotExist:
        raise Http404 from None


def _benchmark_or_404(initiative, pk: int) -> Benchmark:
    try:
        return Benchmark.objects.select_related("section__template").get(
            pk=pk, section__template__initiative=initiative
        )
    except Benchmark.DoesNotExist:
        raise Http404 from None


def _detail_url(initiative, template_id: int) -> str:
    return reverse("backbone:template_detail", args=[initiative.slug, template_id])


@login_required
@require_GET
def template_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _readable(request, slug)
    templates = list(selectors.template_list_for_initiative(initiative=initiative))
    context = {
        "initiative": initiative,
        "shipped": [t for t in templates if t.initiative_id is None],
        "copies": [t for t in templates if t.initiative_id is not None],
        "can_manage": can(request.user, Action.MANAGE_BACKBONE, initiative),
    }
    return render(request, "backbone/template_list.html", context)


@login_required
@require_GET
def template_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _readable(request, slug)
    template = _template_or_404(initiative, pk)
    can_manage = can(request.user, Action.MANAGE_BACKBONE, initiative)
    context = {
        "initiative": initiative,
        "template": template,
        "sections": selectors.sections_with_benchmarks(template=template),
        "can_manage": can_manage,
        "editable": can_manage and template.initiative_id is not None and not template.frozen,
        "levels": Level.choices,
    }
    return render(request, "backbone/template_detail.html", context)


@login_required
@require_POST
def template_copy(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    template = _template_or_404(initiative, pk)
    copy = services.template_copy(template=template, initiative=initiative, by=request.user)
    messages.success(request, _("The copy was made: adapt it here."))
    return redirect(_detail_url(initiative, copy.pk))


def _form_page(request, initiative, form, *, title, back) -> HttpResponse:
    context = {"initiative": initiative, "form": form, "title": title, "back": back}
    return render(
        request, "backbone/template_form.html", context, status=400 if form.errors else 200
    )


def _not_editable(request, template, back) -> HttpResponse | None:
    """A shipped or frozen template: back to it, with the reason, instead of a form."""
    if template.initiative_id is None:
        messages.error(request, str(services.SHIPPED))
    elif services.template_is_frozen(template):
        messages.error(request, str(services.FROZEN))
    else:
        return None
    return redirect(back)


def _edit(request, initiative, form_class, instance, template, save, *, title, done):
    back = _detail_url(initiative, template.pk)
    if request.method == "GET":
        refused = _not_editable(request, template, back)
        if refused is not None:
            return refused
        form = form_class(instance=instance)
        return _form_page(request, initiative, form, title=title, back=back)
    form = form_class(data=request.POST)
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
def template_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    template = _template_or_404(initiative, pk)
    save = partial(services.template_update, template=template, by=request.user)
    return _edit(
        request,
        initiative,
        TemplateForm,
        template,
        template,
        save,
        title=_("Edit the template"),
        done=_("The template was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_section_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    section = _section_or_404(initiative, pk)
    save = partial(services.section_update, section=section, by=request.user)
    return _edit(
        request,
        initiative,
        SectionForm,
        section,
        section.template,
        save,
        title=_("Edit the section"),
        done=_("The section was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_benchmark_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    section = _section_or_404(initiative, pk)
    save = partial(services.benchmark_create, section=section, by=request.user)
    return _edit(
        request,
        initiative,
        BenchmarkForm,
        None,
        section.template,
        save,
        title=_("Add a benchmark"),
        done=_("The benchmark was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_benchmark_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    benchmark = _benchmark_or_404(initiative, pk)
    save = partial(services.benchmark_update, benchmark=benchmark, by=request.user)
    return _edit(
        request,
        initiative,
        BenchmarkForm,
        benchmark,
        benchmark.section.template,
        save,
        title=_("Edit the benchmark"),
        done=_("The benchmark was saved."),
    )


@login_required
@require_POST
def template_benchmark_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    benchmark = _benchmark_or_404(initiative, pk)
    back = _detail_url(initiative, benchmark.section.template_id)
    try:
        services.benchmark_remove(benchmark=benchmark, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The benchmark was removed."))
    return redirect(back)


TEMPLATES = BASE + "assessments/templates/"

urlpatterns = [
    path(TEMPLATES, template_list, name="template_list"),
    path(TEMPLATES + "<int:pk>/", template_detail, name="template_detail"),
    path(TEMPLATES + "<int:pk>/copy/", template_copy, name="template_copy"),
    path(TEMPLATES + "<int:pk>/edit/", template_edit, name="template_edit"),
    path(
        TEMPLATES + "sections/<int:pk>/edit/", template_section_edit, name="template_section_edit"
    ),
    path(
        TEMPLATES + "sections/<int:pk>/benchmarks/new/",
        template_benchmark_create,
        name="template_benchmark_create",
    ),
    path(
        TEMPLATES + "benchmarks/<int:pk>/edit/",
        template_benchmark_edit,
        name="template_benchmark_edit",
    ),
    path(
        TEMPLATES + "benchmarks/<int:pk>/remove/",
        template_benchmark_remove,
        name="template_benchmark_remove",
    ),
]
