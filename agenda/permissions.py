"""Common-agenda rules, on top of the one policy in initiatives/permissions.py.

The actions (MANAGE_AGENDA, COMMENT_AGENDA, ENDORSE_AGENDA) are members of
`initiatives.permissions.Action`, granted by its role table, as measurement's are; what
depends on the agenda's data (the version's state, the partner's organization) is decided here.
"""

from initiatives.models import Initiative
from initiatives.permissions import Action, can, membership_for

from .models import AgendaVersion, VersionState


def can_view_agenda(user, initiative: Initiative) -> bool:
    return can(user, Action.VIEW_INITIATIVE, initiative)


def can_manage_agenda(user, initiative: Initiative) -> bool:
    return can(user, Action.MANAGE_AGENDA, initiative)


def can_comment(user, initiative: Initiative, version: AgendaVersion | None = None) -> bool:
    """Members who take part (staff, partners, facilitators), on a version open for comment."""
    if version is not None and version.state != VersionState.OPEN_FOR_COMMENT:
        return False
    return can(user, Action.COMMENT_AGENDA, initiative) or can_manage_agenda(user, initiative)


def endorsing_organization_id(user, initiative: Initiative) -> int | None:
    """The organization a partner representative endorses for (None: they may not)."""
    if not can(user, Action.ENDORSE_AGENDA, initiative):
        return None
    membership = membership_for(user, initiative)
    return membership.organization_id if membership else None


def can_endorse(user, initiative: Initiative, version: AgendaVersion | None = None) -> bool:
    """A partner representative, for their organization, on the adopted version only."""
    if version is not None and version.state != VersionState.ADOPTED:
        return False
    return endorsing_organization_id(user, initiative) is not None
