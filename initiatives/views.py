from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from sheatufim.ids import parse_id
from sheatufim.text import isolate

from . import permissions, selectors, services
from .forms import (
    ApiTokenForm,
    InvitationAcceptForm,
    InvitationForm,
    OrganizationForm,
    ParentForm,
    ParticipationAddForm,
    add_service_error,
)
from .home import home_url_for
from .models import ApiToken, Initiative, Invitation, Organization, Participation, Sector, User
from .signals import home_panels


def initiative_or_404(request: HttpRequest, slug: str) -> Initiative:
    try:
        return selectors.initiative_get_for_user(user=request.user, slug=slug)
    except Initiative.DoesNotExist:
        raise Http404 from None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect(home_url_for(request.user))


@login_required
def my_initiatives(request: HttpRequest) -> HttpResponse:
    initiatives = selectors.initiative_list_with_roles_for_user(user=request.user)
    context = {
        "initiatives": initiatives,
        "can_view_portfolio": permissions.can_view_portfolio(request.user),
        "home_panels": home_panels(
            user=request.user, initiative=None, place="my_initiatives", request=request
        ),
    }
    return render(request, "initiatives/initiative_list.html", context)


def _hierarchy_context(request: HttpRequest, initiative: Initiative) -> dict:
    """The parent (linked if the reader may open it), the children, and the parent form."""
    can_set_parent = permissions.can_set_parent(request.user, initiative)
    return {
        "parent_visible": selectors.initiative_is_visible_to(
            user=request.user, initiative_id=initiative.parent_id
        ),
        "children": selectors.initiative_children_for_user(
            user=request.user, initiative=initiative
        ),
        "parent_form": (
            ParentForm(
                initial={"parent": initiative.parent_id},
                choices=selectors.parent_choices_for_user(user=request.user, initiative=initiative),
            )
            if can_set_parent
            else None
        ),
    }


def _initiative_context(request: HttpRequest, initiative: Initiative) -> dict:
    can_manage = permissions.can_manage_participants(request.user, initiative)
    can_invite = permissions.can_invite_members(request.user, initiative)
    organizations = selectors.organization_choices_for_participation(initiative=initiative)
    participants = selectors.participant_organizations(initiative=initiative)
    return {
        "initiative": initiative,
        "membership": permissions.membership_for(request.user, initiative),
        "participants_by_sector": selectors.participants_by_sector(initiative=initiative),
        "members": selectors.member_list(initiative=initiative),
        "can_manage": can_manage,
        "can_invite": can_invite,
        "can_view_contacts": permissions.can_view_member_contacts(request.user, initiative),
        "invitation_days": settings.INVITATION_VALID_DAYS,
        "pending_invitations": (
            selectors.invitation_list_pending(initiative=initiative) if can_invite else []
        ),
        "participation_form": (
            ParticipationAddForm(organizations=organizations) if can_manage else None
        ),
        "invitation_form": (InvitationForm(organizations=participants) if can_invite else None),
        **_hierarchy_context(request, initiative),
    }


@login_required
def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    return render(
        request, "initiatives/initiative_detail.html", _initiative_context(request, initiative)
    )


@login_required
@require_POST
def participation_add(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_manage_participants(request.user, initiative))
    form = ParticipationAddForm(
        request.POST,
        organizations=selectors.organization_choices_for_participation(initiative=initiative),
    )
    if form.is_valid():
        try:
            participation = services.participation_add(initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(organization)s now takes part in the initiative.")
                % {"organization": participation.organization},
            )
            if not request.htmx:
                return redirect("initiatives:detail", slug=initiative.slug)
            form = ParticipationAddForm(
                organizations=selectors.organization_choices_for_participation(
                    initiative=initiative
                )
            )
    context = _initiative_context(request, initiative) | {"participation_form": form}
    template = "initiatives/initiative_detail.html"
    status = 400 if form.errors else 200
    if request.htmx:
        # htmx swaps 422 (see the htmx-config in base.html) and re-processes the new form.
        template += "#participants"
        status = 422 if form.errors else 200
    return render(request, template, context, status=status)


@login_required
@require_POST
def initiative_set_parent(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_set_parent(request.user, initiative))
    form = ParentForm(
        request.POST,
        choices=selectors.parent_choices_for_user(user=request.user, initiative=initiative),
    )
    if form.is_valid():
        parent = form.cleaned_data["parent"]
        try:
            services.initiative_set_parent(initiative=initiative, parent=parent, user=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if parent is None:
                messages.success(request, _("The initiative now runs on its own."))
            else:
                messages.success(
                    request,
                    _("The initiative now runs inside %(parent)s.")
                    % {"parent": isolate(parent.text("name"))},
                )
            return redirect("initiatives:detail", slug=initiative.slug)
    initiative.refresh_from_db()
    context = _initiative_context(request, initiative) | {"parent_form": form}
    return render(request, "initiatives/initiative_detail.html", context, status=400)


@login_required
@require_POST
def participation_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_manage_participants(request.user, initiative))
    participation = get_object_or_404(
        Participation.objects.active().select_related("organization"),
        pk=pk,
        initiative=initiative,
    )
    services.participation_end(participation=participation)
    messages.success(
        request,
        _("%(organization)s no longer takes part in the initiative.")
        % {"organization": participation.organization},
    )
    return redirect("initiatives:detail", slug=initiative.slug)


@login_required
@require_POST
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_invite_members(request.user, initiative))
    participants = selectors.participant_organizations(initiative=initiative)
    form = InvitationForm(request.POST, organizations=participants)
    if form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                initiative=initiative, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("initiatives:detail", slug=initiative.slug)
    context = _initiative_context(request, initiative) | {"invitation_form": form}
    return render(request, "initiatives/initiative_detail.html", context, status=400)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    require(permissions.can_invite_members(request.user, initiative))
    invitation = get_object_or_404(Invitation, pk=pk, initiative=initiative)
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("initiatives:detail", slug=initiative.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_get_by_token(token=token)
    except Invitation.DoesNotExist:
        return render(
            request,
            "initiatives/invitation_unusable.html",
            {"reason": str(services.INVALID_INVITATION)},
            status=404,
        )
    if reason := services.invitation_unusable_reason(invitation):
        return render(
            request, "initiatives/invitation_unusable.html", {"reason": reason}, status=410
        )
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                services.invitation_accept(token=token, user=request.user)
            elif has_account:
                raise PermissionDenied
            else:
                form = InvitationAcceptForm(request.POST, email=invitation.email)
                if form.is_valid():
                    membership = services.invitation_accept(
                        token=token,
                        full_name=form.cleaned_data["full_name"],
                        password=form.cleaned_data["password1"],
                    )
                    login(
                        request,
                        membership.user,
                        backend="django.contrib.auth.backends.ModelBackend",
                    )
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
            else:
                add_service_error(form, error)
        else:
            if form is None or form.is_valid():
                messages.success(
                    request,
                    _("Welcome to %(initiative)s.") % {"initiative": invitation.initiative},
                )
                return redirect("initiatives:detail", slug=invitation.initiative.slug)
    elif not request.user.is_authenticated and not has_account:
        form = InvitationAcceptForm(email=invitation.email)
    context = {
        "invitation": invitation,
        "form": form,
        "has_account": has_account,
        "login_url": reverse("login") + "?next=" + request.path,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "initiatives/invitation_accept.html", context, status=status)


@login_required
@vary_on_headers("HX-Request")
def organization_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    sector = request.GET.get("sector", "")
    if sector not in Sector.values:
        sector = ""
    organizations = selectors.organization_list_for_user(
        user=request.user, search=search, sector=sector
    )
    page = Paginator(organizations, 50).get_page(request.GET.get("page"))
    template = "initiatives/organization_list.html"
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        template += "#results"
    context = {
        "page": page,
        "search": search,
        "sector": sector,
        "sectors": Sector.choices,
        "can_create": permissions.can_create_organization(request.user),
    }
    return render(request, template, context)


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organization = selectors.organization_get_for_user(user=request.user, pk=pk)
    except Organization.DoesNotExist:
        raise Http404 from None
    participations = selectors.organization_participations_for_user(
        user=request.user, organization=organization
    )
    return render(
        request,
        "initiatives/organization_detail.html",
        {"organization": organization, "participations": participations},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_organization(request.user))
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_create(**form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(organization)s was registered.") % {"organization": organization}
            )
            next_url = request.GET.get("next", "")
            if next_url.startswith("/") and not next_url.startswith("//"):
                return redirect(next_url)
            return redirect("initiatives:organization_detail", pk=organization.pk)
    status = 400 if form.errors else 200
    return render(request, "initiatives/organization_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's personal API tokens: create one (shown once), revoke one."""
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        token = get_object_or_404(
            ApiToken,
            pk=parse_id(request.POST["revoke"]) or 0,
            user=request.user,
        )
        services.api_token_revoke(token=token)
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return redirect("api_tokens")
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            form = ApiTokenForm()
    context = {
        "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
        "form": form,
        "new_token": new_token,
    }
    status = 400 if form.errors else 200
    return render(request, "initiatives/api_tokens.html", context, status=status)
