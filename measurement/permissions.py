"""Shared-measurement rules, on top of the one policy in initiatives/permissions.py.

What depends on measurement data (does the initiative share raw values?) is decided here;
who holds which action is decided there. "For which organizations may this user write?" is
answered once, by `writable_organizations`; every other write question is built on it.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from initiatives.models import Initiative, Membership
from initiatives.permissions import Action, can, membership_for, role_actions

from .models import MeasurementSettings


@dataclass(frozen=True)
class Writable:
    """The organizations a user may enter values for in one initiative: every one (staff, the
    indicator's assignment being what limits them) or a set (a partner's own organization)."""

    every: bool = False
    ids: frozenset[int] = frozenset()

    def __contains__(self, organization_id: int) -> bool:
        return self.every or organization_id in self.ids

    def __bool__(self) -> bool:
        return self.every or bool(self.ids)


NOBODY = Writable()


def writable_organizations(user, initiative: Initiative) -> Writable:
    """For which organizations the user may save values in the initiative."""
    if can(user, Action.SUBMIT_ANY_VALUES, initiative):
        return Writable(every=True)
    own = own_organization_id(user, initiative)
    if own is not None and can(user, Action.SUBMIT_OWN_VALUES, initiative):
        return Writable(ids=frozenset({own}))
    return NOBODY


def _shares_raw_values(initiative: Initiative) -> bool:
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
    return writable_organizations(user, initiative).every


def can_submit_for(user, initiative: Initiative, organization) -> bool:
    return getattr(organization, "pk", organization) in writable_organizations(user, initiative)


def can_submit_values(user, initiative: Initiative) -> bool:
    """For some organization: the reporting form, the import, the partner home."""
    return bool(writable_organizations(user, initiative))


def can_open_partner_home(user, initiative: Initiative) -> bool:
    """A partner's home of their organization; staff who report for any organization open
    any participant's."""
    return can_submit_values(user, initiative)


def can_view_all_values(user, initiative: Initiative) -> bool:
    """Every organization's raw values: staff, or any member where the initiative shares them."""
    if can(user, Action.VIEW_ALL_VALUES, initiative):
        return True
    return can(user, Action.VIEW_INITIATIVE, initiative) and _shares_raw_values(initiative)


def can_view_values_of(user, initiative: Initiative, organization_id: int) -> bool:
    if can_view_all_values(user, initiative):
        return True
    return can_submit_for(user, initiative, organization_id)


def can_view_completeness(user, initiative: Initiative) -> bool:
    """Who has reported and who not: those who see every value, and the reviewers."""
    return can_view_all_values(user, initiative) or can_review(user, initiative)


def can_export_submissions(user, initiative: Initiative) -> bool:
    """Raw values to download: every organization's (as on the pages), or one's own."""
    return can_view_all_values(user, initiative) or can_submit_values(user, initiative)


def visible_values_q(user) -> Q:
    """The submissions a user may see across all their initiatives, as one condition built on
    the role table (`role_actions`), for lists that span initiatives (the API)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    condition = Q(pk__in=[])
    for initiative_id, kind, role, organization_id, shared in _membership_rows(user.pk):
        actions = role_actions(role, kind)
        if Action.VIEW_ALL_VALUES in actions or (shared and Action.VIEW_INITIATIVE in actions):
            condition |= Q(indicator__initiative_id=initiative_id)
        elif organization_id and (
            Action.SUBMIT_OWN_VALUES in actions or Action.SUBMIT_ANY_VALUES in actions
        ):
            condition |= Q(indicator__initiative_id=initiative_id, organization_id=organization_id)
    return condition


def _membership_rows(user_id: int) -> list[tuple]:
    """(initiative, kind, role, organization, shares raw values) of each of the user's
    memberships. Written out because the ORM's building of this query cost more than the
    query itself, on the API's busiest list (P6)."""
    with connection.cursor() as cursor:
        cursor.execute(_MEMBERSHIP_SQL, [True, user_id])
        return [(*row[:4], bool(row[4])) for row in cursor.fetchall()]


def _membership_sql() -> str:
    membership, initiative = Membership._meta, Initiative._meta
    settings = MeasurementSettings._meta
    return (
        f"SELECT m.initiative_id, i.kind, m.role, m.organization_id, s.id IS NOT NULL "
        f"FROM {membership.db_table} m "
        f"JOIN {initiative.db_table} i ON i.id = m.initiative_id "
        f"LEFT JOIN {settings.db_table} s ON s.initiative_id = m.initiative_id "
        f"AND s.shares_raw_values = %s WHERE m.user_id = %s"
    )


_MEMBERSHIP_SQL = _membership_sql()
