"""The resource library: the list with its search and filters kept in the address (a GET
form; htmx swaps the results and pushes the address), pages of 20; managers add, change and
remove resources; a document's file is streamed to those who may view the community, never
served as media."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from sheatufim.uploads import refuse_oversized

from ..forms import initial_of
from ..forms.resources import LibraryFilterForm, ResourceForm
from ..models import Resource
from ..permissions import can_manage_community
from ..selectors import resources as selectors
from ..services import resources as services
from .base import fragment, get_or_404, managing, viewing

PAGE_SIZE = 20


@login_required
@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    viewing(request)
    form = LibraryFilterForm(request.GET)
    found = selectors.resource_filter(selectors.resource_list(), **form.filters())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "resources": page.object_list,
        "filtering": bool(form.filters()),
        "can_manage": can_manage_community(request.user),
    }
    template = fragment(request, "community/resource_list.html", "results")
    return render(request, template, context, status=400 if form.errors else 200)


def _form_page(request, form, *, title, resource=None) -> HttpResponse:
    context = {"form": form, "title": title, "resource": resource}
    return render(
        request, "community/resource_form.html", context, status=400 if form.errors else 200
    )


def _posted(request, write) -> tuple[ResourceForm, Resource | None]:
    form = ResourceForm(data=request.POST, files=request.FILES)
    refuse_oversized(request, form)
    if form.errors or not form.is_valid():
        return form, None
    data = dict(form.cleaned_data)
    if not data.get("file"):
        data.pop("file", None)  # no new file: the document keeps its own
    try:
        return form, write(by=request.user, **data)
    except ValidationError as error:
        add_service_error(form, error)
        return form, None


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    managing(request)
    title = _("Add a resource")
    if request.method == "GET":
        return _form_page(request, ResourceForm(), title=title)
    form, made = _posted(request, services.resource_create)
    if made is None:
        return _form_page(request, form, title=title)
    messages.success(request, _("The resource was added to the library."))
    return redirect("community:resource_list")


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    managing(request)
    resource = get_or_404(Resource.objects.all(), pk)
    title = _("Change the resource")
    if request.method == "GET":
        fields = [name for name in services.RESOURCE_FIELDS if name != "file"]
        form = ResourceForm(initial=initial_of(resource, fields, Resource.translatable))
        return _form_page(request, form, title=title, resource=resource)

    def write(**fields):
        return services.resource_update(resource=resource, **fields)

    form, saved = _posted(request, write)
    if saved is None:
        return _form_page(request, form, title=title, resource=resource)
    messages.success(request, _("The resource was saved."))
    return redirect("community:resource_list")


@login_required
@require_POST
def resource_remove(request: HttpRequest, pk: int) -> HttpResponse:
    managing(request)
    resource = get_or_404(Resource.objects.all(), pk)
    services.resource_remove(resource=resource, by=request.user)
    messages.success(request, _("The resource was removed from the library."))
    return redirect(reverse("community:resource_list"))


@login_required
@require_GET
def resource_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's file, to those who may view the community."""
    viewing(request)
    resource = get_or_404(Resource.objects.all(), pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = resource.file_name or resource.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("community/library/", resource_list, name="resource_list"),
    path("community/library/new/", resource_create, name="resource_create"),
    path("community/library/<int:pk>/edit/", resource_edit, name="resource_edit"),
    path("community/library/<int:pk>/remove/", resource_remove, name="resource_remove"),
    path("community/library/<int:pk>/file/", resource_file, name="resource_file"),
]
