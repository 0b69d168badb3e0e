"""The decisions log and the action items: the initiative's lists (filters kept in the
address, paginated), one decision or item with what the reader may do, the forms to record
them, and "my action items" across all my initiatives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatives.forms import add_service_error
from initiatives.views import require

from .. import permissions
from ..forms.minutes import (
    ActionItemFilterForm,
    ActionItemForm,
    ActionItemMoveForm,
    DecisionFilterForm,
    DecisionForm,
    DecisionStatusForm,
)
from ..models import ActionItem, Decision, Meeting
from ..selectors import minutes as selectors
from ..services import action_items as item_services
from ..services import decisions as decision_services
from .minutes import readable_initiative

PER_PAGE = 25


def _visible_meetings(request, initiative):
    return Meeting.objects.filter(
        pk__in=Meeting.objects.filter(
            permissions.meeting_visibility(request.user, initiative), initiative=initiative
        ).values("pk")
    ).order_by("-starts_at", "-id")


def _run_meetings(request, initiative):
    """The meetings the user may record in: all for the staff, else those they run."""
    if permissions.can_manage_communication(request.user, initiative):
        return Meeting.objects.filter(initiative=initiative).order_by("-starts_at", "-id")
    user_id = request.user.pk
    return Meeting.objects.filter(
        Q(convener_id=user_id) | Q(working_group__convener_id=user_id), initiative=initiative
    ).order_by("-starts_at", "-id")


def _may_record(request, initiative) -> bool:
    return (
        permissions.can_manage_communication(request.user, initiative)
        or _run_meetings(request, initiative).exists()
    )


def _meeting_given(request, initiative, form) -> bool:
    """Outside a meeting only the staff record: a convener chooses the meeting they ran."""
    if form.cleaned_data.get("meeting") or permissions.can_manage_communication(
        request.user, initiative
    ):
        return True
    form.add_error("meeting", _("Choose the meeting it was given in."))
    return False


def _listing(request, template, context, form, queryset, status_invalid=400):
    if not form.is_valid():
        return render(request, template, {**context, "form": form, "invalid": True}, status=400)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, template, {**context, "form": form, "page": page})


# --- decisions -----------------------------------------------------------------------------


@login_required
@require_GET
def decision_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    form = DecisionFilterForm(
        request.GET, initiative=initiative, meetings=_visible_meetings(request, initiative)
    )
    context = {
        "initiative": initiative,
        "can_record": _may_record(request, initiative),
        "review_horizon": selectors.review_horizon(),
    }
    queryset = Decision.objects.none()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.DecisionFilters(
            status=data["status"],
            goal=data["goal"].pk if data["goal"] else None,
            strategy=data["strategy"].pk if data["strategy"] else None,
            meeting=data["meeting"].pk if data["meeting"] else None,
            due_for_review=data["due"],
        )
        queryset = selectors.decision_list(
            user=request.user, initiative=initiative, filters=filters
        )
    return _listing(request, "communication/minutes/decision_list.html", context, form, queryset)


def _decision_or_404(request, initiative, pk) -> Decision:
    try:
        return selectors.decision_get(user=request.user, initiative=initiative, pk=pk)
    except Decision.DoesNotExist:
        raise Http404 from None


def _decision_page(request, initiative, decision, form=None, status=200):
    may_change = decision_services.can_change_decision(request.user, decision)
    context = {
        "initiative": initiative,
        "decision": decision,
        "status_form": form or (DecisionStatusForm() if may_change else None),
        "review_horizon": selectors.review_horizon(),
    }
    return render(request, "communication/minutes/decision_detail.html", context, status=status)


@login_required
@require_GET
def decision_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    return _decision_page(request, initiative, _decision_or_404(request, initiative, pk))


@login_required
@require_POST
def decision_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    decision = _decision_or_404(request, initiative, pk)
    require(decision_services.can_change_decision(request.user, decision))
    form = DecisionStatusForm(request.POST)
    if form.is_valid():
        try:
            decision_services.decision_status_set(
                user=request.user, decision=decision, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The decision's status was changed."))
            return redirect("communication:decision_detail", slug=slug, pk=pk)
    decision = _decision_or_404(request, initiative, pk)
    return _decision_page(request, initiative, decision, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(_may_record(request, initiative))
    meetings = _run_meetings(request, initiative)
    template = "communication/minutes/decision_form.html"
    if request.method == "GET":
        initial = {
            "meeting": request.GET.get("meeting") or None,
            "decided_on": timezone.localdate(),
        }
        form = DecisionForm(initiative=initiative, meetings=meetings, initial=initial)
        return render(request, template, {"initiative": initiative, "form": form})
    form = DecisionForm(request.POST, initiative=initiative, meetings=meetings)
    if form.is_valid() and _meeting_given(request, initiative, form):
        try:
            decision = decision_services.decision_record(
                user=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("communication:decision_detail", slug=slug, pk=decision.pk)
    return render(request, template, {"initiative": initiative, "form": form}, status=400)


# --- action items --------------------------------------------------------------------------


def _item_filters(data) -> selectors.ActionItemFilters:
    return selectors.ActionItemFilters(
        status=data.get("status") or "",
        owner=data["owner"].pk if data.get("owner") else None,
        meeting=data["meeting"].pk if data.get("meeting") else None,
        overdue=bool(data.get("overdue")),
    )


@login_required
@require_GET
def action_item_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    form = ActionItemFilterForm(
        request.GET, initiative=initiative, meetings=_visible_meetings(request, initiative)
    )
    queryset = ActionItem.objects.none()
    if form.is_valid():
        queryset = selectors.action_item_list(
            user=request.user, initiative=initiative, filters=_item_filters(form.cleaned_data)
        )
    context = {
        "initiative": initiative,
        "can_assign": _may_record(request, initiative),
        "today": timezone.localdate(),
    }
    return _listing(request, "communication/minutes/action_item_list.html", context, form, queryset)


@login_required
@require_GET
def my_action_items(request: HttpRequest) -> HttpResponse:
    form = ActionItemFilterForm(request.GET, initiative=None)
    queryset = ActionItem.objects.none()
    if form.is_valid():
        queryset = selectors.my_action_items(
            user=request.user, filters=_item_filters(form.cleaned_data)
        )
    context = {"today": timezone.localdate()}
    return _listing(request, "communication/minutes/my_action_items.html", context, form, queryset)


def _item_or_404(request, initiative, pk) -> ActionItem:
    try:
        return selectors.action_item_get(user=request.user, initiative=initiative, pk=pk)
    except ActionItem.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def action_item_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The item; its owner (and those who may change it) move its status here."""
    initiative = readable_initiative(request, slug)
    item = _item_or_404(request, initiative, pk)
    may_move = permissions.can_move_action_item(request.user, item)
    form = ActionItemMoveForm(initial={"status": item.status, "note": item.note})
    status = 200
    if request.method == "POST":
        require(may_move)
        form = ActionItemMoveForm(request.POST)
        if form.is_valid():
            try:
                item_services.action_item_move(user=request.user, item=item, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The action item was saved."))
                return redirect("communication:action_item_detail", slug=slug, pk=pk)
        status = 400
    context = {
        "initiative": initiative,
        "item": item,
        "today": timezone.localdate(),
        "move_form": form if may_move else None,
        "can_change": permissions.can_change_action_item(request.user, item),
    }
    return render(request, "communication/minutes/action_item_detail.html", context, status=status)


def _item_form_page(request, initiative, form, item=None, status=200):
    context = {"initiative": initiative, "form": form, "item": item}
    return render(request, "communication/minutes/action_item_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def action_item_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    require(_may_record(request, initiative))
    meetings = _run_meetings(request, initiative)
    if request.method == "GET":
        initial = {"meeting": request.GET.get("meeting") or None}
        form = ActionItemForm(initiative=initiative, meetings=meetings, initial=initial)
        return _item_form_page(request, initiative, form)
    form = ActionItemForm(request.POST, initiative=initiative, meetings=meetings)
    if form.is_valid() and _meeting_given(request, initiative, form):
        data = dict(form.cleaned_data)
        try:
            item = item_services.action_item_assign(
                user=request.user, initiative=initiative, **data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The action item was given."))
            return redirect("communication:action_item_detail", slug=slug, pk=item.pk)
    return _item_form_page(request, initiative, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def action_item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = readable_initiative(request, slug)
    item = _item_or_404(request, initiative, pk)
    require(permissions.can_change_action_item(request.user, item))
    if request.method == "GET":
        initial = {name: getattr(item, name) for name in item_services.CHANGE_FIELDS}
        form = ActionItemForm(initiative=initiative, initial=initial, changing=True)
        return _item_form_page(request, initiative, form, item)
    form = ActionItemForm(request.POST, initiative=initiative, changing=True)
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in item_services.CHANGE_FIELDS}
        try:
            item_services.action_item_update(user=request.user, item=item, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The action item was saved."))
            return redirect("communication:action_item_detail", slug=slug, pk=pk)
    return _item_form_page(request, initiative, form, item, status=400)
