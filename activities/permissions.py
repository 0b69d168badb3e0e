"""Activity rules, on top of the one policy in initiatives/permissions.py.

MANAGE_ACTIVITIES (backbone staff; a sphere's facilitator) covers every participating
organization; LOG_OWN_ACTIVITIES (a partner representative) covers their own. "For which
organizations may this user write activities?" is answered once, by `writable_organizations`.
"""

from initiatives.models import Initiative
from initiatives.permissions import Action, can
from measurement.permissions import NOBODY, Writable, own_organization_id

from .models import Activity


def can_view_activities(user, initiative: Initiative) -> bool:
    return can(user, Action.VIEW_INITIATIVE, initiative)


def can_manage_all_activities(user, initiative: Initiative) -> bool:
    """Any organization's activities, and the import (the backbone's mapping exercise)."""
    return can(user, Action.MANAGE_ACTIVITIES, initiative)


def writable_organizations(user, initiative: Initiative) -> Writable:
    if can_manage_all_activities(user, initiative):
        return Writable(every=True)
    own = own_organization_id(user, initiative)
    if own is not None and can(user, Action.LOG_OWN_ACTIVITIES, initiative):
        return Writable(ids=frozenset({own}))
    return NOBODY


def can_add_activities(user, initiative: Initiative) -> bool:
    """For some organization: the "add an activity" button."""
    return bool(writable_organizations(user, initiative))


def can_change_activity(user, activity: Activity) -> bool:
    return activity.organization_id in writable_organizations(user, activity.initiative)
