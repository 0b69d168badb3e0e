"""The "home" pages: a partner's organization in an initiative, and the facilitator's portfolio.

The numbers come from measurement/homes.py; who may see what from the one policy.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from initiatives.models import NOT_TAKING_PART, Initiative, Organization
from initiatives.permissions import can_view_portfolio
from initiatives.signals import home_panels, portfolio_columns
from initiatives.views import initiative_or_404
from sheatufim.ids import parse_id

from .. import permissions, selectors
from ..selectors import homes


class ChooseOrganization(Exception):
    """Staff must choose a participating organization; `message` says what was wrong."""

    def __init__(self, message: str = "", status: int = 200):
        super().__init__(message)
        self.message, self.status = message, status


def _home_organization(request: HttpRequest, initiative: Initiative) -> Organization:
    """The partner's own organization. Staff who report for any organization (backbone staff,
    superusers, a sphere's facilitator) choose a participating one with ?organization=<id>."""
    writable = permissions.writable_organizations(request.user, initiative)
    chosen = request.GET.get("organization")
    if not writable.every:
        if not writable.ids:
            raise PermissionDenied
        own = min(writable.ids)
        if chosen is not None and chosen != str(own):
            raise Http404  # another organization's home is not a partner's to see
        return Organization.objects.get(pk=own)
    if not chosen:
        raise ChooseOrganization()
    if parse_id(chosen) is None:
        raise ChooseOrganization(_("Choose an organization from the list."), status=400)
    organization = selectors.participants(initiative=initiative).filter(pk=parse_id(chosen)).first()
    if organization is None:
        raise ChooseOrganization(str(NOT_TAKING_PART), status=404)
    return organization


@login_required
def partner_home(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_or_404(request, slug)
    staff = permissions.can_submit_for_any(request.user, initiative)
    context = {
        "initiative": initiative,
        "can_manage": permissions.can_manage_measurement(request.user, initiative),
        "can_review": permissions.can_review(request.user, initiative),
        "can_open_partner_home": True,
        "can_submit": True,
        "can_view_completeness": permissions.can_view_completeness(request.user, initiative),
        "staff_view": staff,
        "organizations": selectors.participants(initiative=initiative) if staff else None,
    }
    try:
        organization = _home_organization(request, initiative)
    except ChooseOrganization as choose:
        context |= {"home": None, "error": choose.message}
        return render(request, "measurement/partner_home.html", context, status=choose.status)
    context |= {
        "home_panels": home_panels(
            user=request.user, initiative=initiative, place="partner_home", request=request
        ),
        "home": homes.partner_home(initiative=initiative, organization=organization),
        "organization": organization,
        # staff open the report form of the organization they are looking at
        "report_query": f"?organization={organization.pk}" if staff else "",
    }
    return render(request, "measurement/partner_home.html", context)


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    if not can_view_portfolio(request.user):
        raise PermissionDenied
    rows = homes.portfolio(user=request.user)
    # The apps above add their own columns (backbone: condition health).
    columns = portfolio_columns(
        user=request.user, initiative_ids=[row.initiative.pk for row in rows], request=request
    )
    for row in rows:
        row.extra_cells = [column["cells"].get(row.initiative.pk, "") for column in columns]
    return render(request, "measurement/portfolio.html", {"rows": rows, "columns": columns})
