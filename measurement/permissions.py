"""Shared-measurement rules, on top of the one policy in initiatives/permissions.py.

What depends on measurement data (does the initiative share raw values?) is decided here;
who holds which action is decided there.
"""

from initiatives.models import Initiative, Organization
from initiatives.permissions import Action, can, membership_for

from .models import MeasurementSettings


def shares_raw_values(initiative: Initiative) -> bool:
    cache = initiative.__dict__.setdefault("_shares_raw_values", {})
    if "value" not in cache:
        cache["value"] = MeasurementSettings.objects.filter(
            initiative=initiative, shares_raw_values=True
        ).exists()
    return cache["value"]


def own_organization_id(user, initiative: Initiative) -> int | None:
    membership = membership_for(user, initiative)
    return membership.organization_id if membership else None


def can_manage_measurement(user, initiative: Initiative) -> bool:
    return can(user, Action.MANAGE_MEASUREMENT, initiative)


def can_review(user, initiative: Initiative) -> bool:
    return can(user, Action.REVIEW_SUBMISSIONS, initiative)


def can_submit_for_any(user, initiative: Initiative) -> bool:
    """Staff who enter values on behalf of any participating organization."""
    return can(user, Action.SUBMIT_ANY_VALUES, initiative)


def can_submit_for(user, initiative: Initiative, organization: Organization | int) -> bool:
    organization_id = getattr(organization, "pk", organization)
    if can(user, Action.SUBMIT_ANY_VALUES, initiative):
        return True
    return (
        can(user, Action.SUBMIT_OWN_VALUES, initiative)
        and own_organization_id(user, initiative) == organization_id
    )


def can_view_all_values(user, initiative: Initiative) -> bool:
    """Every organization's raw values: staff, or any member where the initiative shares them."""
    if can(user, Action.VIEW_ALL_VALUES, initiative):
        return True
    return can(user, Action.VIEW_INITIATIVE, initiative) and shares_raw_values(initiative)


def can_view_values_of(user, initiative: Initiative, organization_id: int) -> bool:
    if can_view_all_values(user, initiative):
        return True
    return can_submit_for(user, initiative, organization_id)


def can_open_partner_home(user, initiative: Initiative) -> bool:
    """A partner's home of their organization; staff who report for any organization open
    any participant's."""
    if can_submit_for_any(user, initiative):
        return True
    own = own_organization_id(user, initiative)
    return own is not None and can_submit_for(user, initiative, own)


def can_export_submissions(user, initiative: Initiative) -> bool:
    """Raw values to download: every organization's (as on the pages), or one's own."""
    if can_view_all_values(user, initiative):
        return True
    own = own_organization_id(user, initiative)
    return own is not None and can(user, Action.SUBMIT_OWN_VALUES, initiative)
