"""The news page of an initiative (its updates and its feed of events), one update, the form
to post or change one, its removal, and the download of an attachment. Every write is a
service; its refusals go to the form's fields. Files are never served from MEDIA: each goes
through `attachment_download`, which asks the policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from initiatives.forms import add_service_error
from initiatives.views import require
from sheatufim.uploads import refuse_oversized

from .. import permissions
from ..forms.feed import FeedFilterForm, UpdateForm
from ..models import Update, UpdateAttachment
from ..selectors import feed as selectors
from ..services import updates as services
from .meet_base import readable_initiative

FEED_PER_PAGE = 25
LATEST_UPDATES = 5


def _update_or_404(initiative, pk: int) -> Update:
    try:
        return selectors.update_get(initiative=initiative, pk=pk)
    except Update.DoesNotExist:
        raise Http404 from None


def _context(request, initiative, **extra) -> dict:
    return {
        "initiative": initiative,
        "can_post": permissions.can_post_update(request.user, initiative),
        **extra,
    }


@login_required
@require_GET
def news(request: HttpRequest, slug: str) -> HttpResponse:
    """The latest updates and the feed of what happened, newest first, `?kind=` and `?page=`."""
    initiative = readable_initiative(request, slug)
    form = FeedFilterForm(request.GET)
    updates = list(selectors.update_list(initiative=initiative)[:LATEST_UPDATES])
    if not form.is_valid():
        context = _context(request, initiative, form=form, updates=updates, invalid=True)
        return render(request, "communication/feed/news.html", context, status=400)
    kind = form.cleaned_data["kind"]
    events = selectors.event_list_for_user(
        user=request.user, initiative=initiative, kinds=[kind] if kind else ()
    )
    page = Paginator(events, FEED_PER_PAGE).get_page(request.GET.get("page"))
    context = _context(request, initiative, form=form, updates=updates, page=page)
    return render(request, "communication/feed/news.html", context)


@login_required
@require_GET
def update_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    page = Paginator(selectors.update_list(initiative=initiative), FEED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "communication/feed/update_list.html", _context(request, initiative, page=page)
    )


@login_required
@require_GET
def update_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    update = _update_or_404(initiative, pk)
    return render(
        request,
        "communication/feed/update_detail.html",
        _context(request, initiative, update=update),
    )


def _form_page(request, initiative, form, *, update=None) -> HttpResponse:
    status = 400 if form.errors else 200
    context = _context(request, initiative, form=form, update=update)
    return render(request, "communication/feed/update_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def update_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(permissions.can_post_update(request.user, initiative))
    if request.method == "GET":
        return _form_page(request, initiative, UpdateForm())
    form = UpdateForm(request.POST, request.FILES)
    refuse_oversized(request, form)
    if form.is_valid():
        try:
            update = services.update_post(
                user=request.user,
                initiative=initiative,
                files=form.cleaned_data["attachments"],
                **form.texts(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The news was posted."))
            return redirect("communication:update_detail", slug=slug, pk=update.pk)
    return _form_page(request, initiative, form)


@login_required
@require_http_methods(["GET", "POST"])
def update_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    update = _update_or_404(initiative, pk)
    require(permissions.can_post_update(request.user, initiative))
    if request.method == "GET":
        return _form_page(request, initiative, UpdateForm(update=update), update=update)
    form = UpdateForm(request.POST, request.FILES, update=update)
    refuse_oversized(request, form)
    if form.is_valid():
        try:
            services.update_edit(
                user=request.user,
                update=update,
                files=form.cleaned_data["attachments"],
                remove=form.cleaned_data.get("remove") or [],
                **form.texts(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The news was saved."))
            return redirect("communication:update_detail", slug=slug, pk=update.pk)
    return _form_page(request, initiative, form, update=update)


@login_required
@require_http_methods(["GET", "POST"])
def update_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    update = _update_or_404(initiative, pk)
    require(permissions.can_post_update(request.user, initiative))
    if request.method == "POST":
        services.update_remove(user=request.user, update=update)
        messages.success(request, _("The news was removed."))
        return redirect("communication:news", slug=slug)
    return render(
        request,
        "communication/feed/update_delete.html",
        _context(request, initiative, update=update),
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An attachment, to those who read the initiative's news; always as a download (never
    shown inline), under the name it was posted with."""
    initiative = readable_initiative(request, slug)
    try:
        attachment = UpdateAttachment.objects.get(pk=pk, update__initiative=initiative)
    except UpdateAttachment.DoesNotExist:
        raise Http404 from None
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
