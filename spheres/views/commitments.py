"""Pages of joint commitments: the sphere's list and one commitment's board (any member
reads); the facilitator's forms to propose, edit, fulfil and withdraw; a representative's forms
to answer for their own organization and report on its part (htmx swaps the board in place,
and the same forms work as plain posts)."""

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

from ..forms.commitments import AnswerForm, CommitmentForm, ReportForm, WithdrawForm
from ..models import Commitment, CommitmentStatus
from ..selectors import commitments as selectors
from ..services import commitments as services
from . import BASE

DETAIL = "spheres/commitment_detail.html"


def _sphere(request, slug):
    sphere = initiative_or_404(request, slug)
    if not sphere.is_sphere:
        raise Http404
    require(can(request.user, Action.VIEW_INITIATIVE, sphere))
    return sphere


def _managed(request, slug):
    sphere = _sphere(request, slug)
    require(can(request.user, Action.MANAGE_COMMITMENTS, sphere))
    return sphere


def _commitment_or_404(sphere, pk) -> Commitment:
    try:
        return selectors.commitment_get(sphere=sphere, pk=pk)
    except Commitment.DoesNotExist:
        raise Http404 from None


def _detail_url(sphere, pk) -> str:
    return reverse("spheres:commitment_detail", args=[sphere.slug, pk])


@login_required
@require_GET
def commitment_list(request: HttpRequest, slug: str) -> HttpResponse:
    sphere = _sphere(request, slug)
    own = services.answering_organization_id(request.user, sphere)
    context = {
        "initiative": sphere,
        "commitments": selectors.commitment_list(sphere=sphere, organization_id=own),
        "can_manage": can(request.user, Action.MANAGE_COMMITMENTS, sphere),
    }
    return render(request, "spheres/commitment_list.html", context)


def _detail_context(request, sphere, commitment, *, answer_form=None, report_form=None):
    own = services.answering_organization_id(request.user, sphere)
    board = selectors.commitment_board(commitment=commitment, organization_id=own)
    is_open = commitment.status == CommitmentStatus.OPEN
    may_answer = is_open and board.mine is not None
    mine = board.mine.answer if board.mine else None
    if may_answer and answer_form is None:
        initial = {"answer": mine.answer, "note": mine.note} if mine else {}
        answer_form = AnswerForm(initial=initial, auto_id="id_answer_%s")
    if may_answer and mine and mine.answer == "in" and report_form is None:
        report_form = ReportForm(
            initial={"progress": mine.progress, "note": mine.note}, auto_id="id_report_%s"
        )
    return {
        "initiative": sphere,
        "commitment": commitment,
        "board": board,
        "can_manage": is_open and can(request.user, Action.MANAGE_COMMITMENTS, sphere),
        "may_answer": may_answer,
        "answer_form": answer_form if may_answer else None,
        "report_form": report_form if may_answer and mine and mine.answer == "in" else None,
    }


@login_required
@require_GET
def commitment_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _sphere(request, slug)
    commitment = _commitment_or_404(sphere, pk)
    return render(request, DETAIL, _detail_context(request, sphere, commitment))


def _form_page(request, sphere, form, *, title, back):
    context = {"initiative": sphere, "form": form, "title": title, "back": back}
    status = 400 if form.errors else 200
    return render(request, "spheres/commitment_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request: HttpRequest, slug: str) -> HttpResponse:
    sphere = _managed(request, slug)
    back, title = reverse("spheres:commitment_list", args=[slug]), _("Propose a commitment")
    if request.method == "GET":
        return _form_page(request, sphere, CommitmentForm(sphere=sphere), title=title, back=back)
    form = CommitmentForm(sphere=sphere, data=request.POST)
    if form.is_valid():
        try:
            made = services.commitment_propose(sphere=sphere, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The commitment was proposed to the members."))
            return redirect(_detail_url(sphere, made.pk))
    return _form_page(request, sphere, form, title=title, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _managed(request, slug)
    commitment = _commitment_or_404(sphere, pk)
    back, title = _detail_url(sphere, pk), _("Edit the commitment")
    if commitment.status != CommitmentStatus.OPEN:
        messages.error(request, str(services.NOT_OPEN))
        return redirect(back)
    if request.method == "GET":
        initial = {name: getattr(commitment, name) for name in services.COMMITMENT_FIELDS}
        form = CommitmentForm(sphere=sphere, initial=initial)
        return _form_page(request, sphere, form, title=title, back=back)
    form = CommitmentForm(sphere=sphere, data=request.POST)
    if form.is_valid():
        try:
            services.commitment_update(commitment=commitment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The commitment was saved."))
            return redirect(back)
    return _form_page(request, sphere, form, title=title, back=back)


@login_required
@require_POST
def commitment_fulfil(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _managed(request, slug)
    commitment = _commitment_or_404(sphere, pk)
    try:
        services.commitment_fulfil(commitment=commitment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The commitment is marked fulfilled."))
    return redirect(_detail_url(sphere, pk))


@login_required
@require_http_methods(["GET", "POST"])
def commitment_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere = _managed(request, slug)
    commitment = _commitment_or_404(sphere, pk)
    back, title = _detail_url(sphere, pk), _("Withdraw the commitment")
    form = WithdrawForm(data=request.POST) if request.method == "POST" else WithdrawForm()
    if form.is_bound and form.is_valid():
        try:
            services.commitment_withdraw(
                commitment=commitment, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The commitment was withdrawn."))
            return redirect(back)
    return _form_page(request, sphere, form, title=title, back=back)


def _answered(request, sphere, commitment, form, write, done, form_key) -> HttpResponse:
    """A representative's post through its service: the board again (the fragment for htmx,
    else a redirect), or with the refusal at its field and a 400."""
    if form.is_valid():
        try:
            write(**form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if not request.htmx:
                messages.success(request, done)
                return redirect(_detail_url(sphere, commitment.pk))
            commitment = _commitment_or_404(sphere, commitment.pk)
            context = _detail_context(request, sphere, commitment)
            context["saved"] = done
            return render(request, DETAIL + "#board", context)
    context = _detail_context(request, sphere, commitment, **{form_key: form})
    context["refusal"] = form.non_field_errors()
    template = DETAIL + "#board" if request.htmx else DETAIL
    return render(request, template, context, status=400)


def _answering(request, slug, pk):
    sphere = _sphere(request, slug)
    commitment = _commitment_or_404(sphere, pk)
    require(services.answering_organization_id(request.user, sphere) is not None)
    return sphere, commitment


@login_required
@require_POST
def commitment_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere, commitment = _answering(request, slug, pk)
    form = AnswerForm(data=request.POST, auto_id="id_answer_%s")

    def write(answer, note):
        services.commitment_answer(commitment=commitment, answer=answer, note=note, by=request.user)

    done = _("Your organization's answer was saved.")
    return _answered(request, sphere, commitment, form, write, done, "answer_form")


@login_required
@require_POST
def commitment_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sphere, commitment = _answering(request, slug, pk)
    form = ReportForm(data=request.POST, auto_id="id_report_%s")

    def write(progress, note):
        services.commitment_report(
            commitment=commitment, progress=progress, note=note, by=request.user
        )

    done = _("Your report was saved.")
    return _answered(request, sphere, commitment, form, write, done, "report_form")


C = BASE + "commitments/"
urlpatterns = [
    path(C, commitment_list, name="commitment_list"),
    path(C + "new/", commitment_create, name="commitment_create"),
    path(C + "<int:pk>/", commitment_detail, name="commitment_detail"),
    path(C + "<int:pk>/edit/", commitment_edit, name="commitment_edit"),
    path(C + "<int:pk>/fulfil/", commitment_fulfil, name="commitment_fulfil"),
    path(C + "<int:pk>/withdraw/", commitment_withdraw, name="commitment_withdraw"),
    path(C + "<int:pk>/answer/", commitment_answer, name="commitment_answer"),
    path(C + "<int:pk>/report/", commitment_report, name="commitment_report"),
]
