"""Pages of assessment rounds: the list (any member; a call to answer for respondents), one
round with its progress (counts for an anonymous round, each respondent's state for a named
one, to managers only), and for those who manage the backbone the forms that prepare and
change a round and the buttons that open and close it."""

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

from ..forms.rounds import RoundForm
from ..models import AssessmentRound, Response, RoundState
from ..selectors import rounds as selectors
from ..services import rounds as services
from . import BASE


def _readable(request, slug):
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_INITIATIVE, initiative))
    return initiative


def _managed(request, slug):
    initiative = _readable(request, slug)
    require(can(request.user, Action.MANAGE_BACKBONE, initiative))
    return initiative


def round_or_404(initiative, pk: int) -> AssessmentRound:
    try:
        return selectors.round_get(initiative, pk)
    except AssessmentRound.DoesNotExist:
        raise Http404 from None


def _detail_url(round: AssessmentRound) -> str:
    return reverse("backbone:round_detail", args=[round.initiative.slug, round.pk])


@login_required
@require_GET
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _readable(request, slug)
    rounds = list(selectors.round_list(initiative))
    mine = dict(
        Response.objects.filter(
            round__initiative=initiative, respondent_id=request.user.pk
        ).values_list("round_id", "state")
    )
    may_join = any(r.state == RoundState.OPEN and r.pk not in mine for r in rounds) and (
        selectors.respondent_of(initiative, request.user) is not None
    )
    for found in rounds:
        found.my_state = mine.get(found.pk)
        found.can_answer = found.state == RoundState.OPEN and (
            found.my_state is not None or may_join
        )
    context = {
        "initiative": initiative,
        "rounds": rounds,
        "can_manage": can(request.user, Action.MANAGE_BACKBONE, initiative),
    }
    return render(request, "backbone/round_list.html", context)


def _detail(request, initiative, round, *, error=None) -> HttpResponse:
    can_manage = can(request.user, Action.MANAGE_BACKBONE, initiative)
    named = None
    if can_manage and not round.anonymous:
        named = round.responses.select_related("respondent", "organization").order_by(
            "organization__name", "respondent__email"
        )
    mine = round.responses.filter(respondent_id=request.user.pk).first()
    may_answer = round.state == RoundState.OPEN and (
        mine is not None or selectors.respondent_of(initiative, request.user) is not None
    )
    context = {
        "initiative": initiative,
        "round": round,
        "counts": selectors.state_counts(round),
        "named": named,
        "mine": mine,
        "may_answer": may_answer,
        "can_manage": can_manage,
        "can_view_live": can(request.user, Action.VIEW_ASSESSMENT_RESULTS, initiative),
        "would_answer": (
            len(selectors.respondents_for(initiative))
            if can_manage and round.state == RoundState.DRAFT
            else None
        ),
        "error": error,
    }
    return render(request, "backbone/round_detail.html", context, status=400 if error else 200)


@login_required
@require_GET
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _readable(request, slug)
    return _detail(request, initiative, round_or_404(initiative, pk))


def _form_page(request, initiative, form, *, title, back, round=None) -> HttpResponse:
    context = {"initiative": initiative, "form": form, "title": title, "back": back, "round": round}
    return render(request, "backbone/round_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed(request, slug)
    back, title = reverse("backbone:round_list", args=[slug]), _("Prepare an assessment round")
    if request.method == "GET":
        today = timezone.localdate()
        form = RoundForm(initiative=initiative, initial={"opens_on": today, "anonymous": True})
        return _form_page(request, initiative, form, title=title, back=back)
    form = RoundForm(initiative=initiative, data=request.POST)
    if form.is_valid():
        try:
            made = services.round_create(
                initiative=initiative, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The round was prepared. Open it when it is ready."))
            made.initiative = initiative
            return redirect(_detail_url(made))
    return _form_page(request, initiative, form, title=title, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    round = round_or_404(initiative, pk)
    require(round.state != RoundState.CLOSED)
    back, title = _detail_url(round), _("Change the round")
    is_open = round.state == RoundState.OPEN
    if request.method == "GET":
        initial = {name: getattr(round, name) for name in services.ROUND_FIELDS}
        form = RoundForm(initiative=initiative, open_round=is_open, initial=initial)
        return _form_page(request, initiative, form, title=title, back=back, round=round)
    form = RoundForm(initiative=initiative, open_round=is_open, data=request.POST)
    if form.is_valid():
        try:
            services.round_update(round=round, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The round was saved."))
            return redirect(back)
    return _form_page(request, initiative, form, title=title, back=back, round=round)


def _state_change(request, slug, pk, change, done) -> HttpResponse:
    initiative = _managed(request, slug)
    round = round_or_404(initiative, pk)
    try:
        change(round=round, by=request.user)
    except ValidationError as error:
        return _detail(request, initiative, round, error=" ".join(error.messages))
    messages.success(request, done)
    return redirect(_detail_url(round))


@login_required
@require_POST
def round_open(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _state_change(
        request, slug, pk, services.round_open, _("The round is open: respondents may answer.")
    )


@login_required
@require_POST
def round_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _state_change(
        request, slug, pk, services.round_close, _("The round is closed: answers are final.")
    )


urlpatterns = [
    path(BASE + "rounds/", round_list, name="round_list"),
    path(BASE + "rounds/new/", round_create, name="round_create"),
    path(BASE + "rounds/<int:pk>/", round_detail, name="round_detail"),
    path(BASE + "rounds/<int:pk>/edit/", round_edit, name="round_edit"),
    path(BASE + "rounds/<int:pk>/open/", round_open, name="round_open"),
    path(BASE + "rounds/<int:pk>/close/", round_close, name="round_close"),
]
