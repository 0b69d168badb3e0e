"""The one permission policy: who may do what. Pages, the API, exports and admin all ask here.

Deny by default: an action is allowed only when the user's role in the initiative lists it.
Reading an object of an initiative the user is not in is a 404 (see selectors.py), not a 403.
"""

from enum import StrEnum

from .models import Initiative, InitiativeKind, Membership, Role


class Action(StrEnum):
    VIEW_INITIATIVE = "view_initiative"
    VIEW_MEMBERS = "view_members"
    VIEW_MEMBER_CONTACTS = "view_member_contacts"
    MANAGE_PARTICIPANTS = "manage_participants"
    INVITE_MEMBERS = "invite_members"
    # Place the initiative inside a parent initiative; in the parent, take a child in.
    MANAGE_HIERARCHY = "manage_hierarchy"
    # Shared measurement
    MANAGE_MEASUREMENT = "manage_measurement"  # indicators, periods, exceptions
    REVIEW_SUBMISSIONS = "review_submissions"  # approve, return, reopen
    VIEW_ALL_VALUES = "view_all_values"  # every organization's raw values
    SUBMIT_OWN_VALUES = "submit_own_values"  # a partner, for their own organization
    SUBMIT_ANY_VALUES = "submit_any_values"  # staff entering values for any organization
    # Common agenda
    MANAGE_AGENDA = "manage_agenda"  # draft, open for comment, adopt
    COMMENT_AGENDA = "comment_agenda"  # comment on a version open for comment
    ENDORSE_AGENDA = "endorse_agenda"  # a partner, for their own organization
    # Mutually reinforcing activities
    MANAGE_ACTIVITIES = "manage_activities"  # any organization's activities, the import
    LOG_OWN_ACTIVITIES = "log_own_activities"  # a partner, for their own organization
    # Continuous communication
    MANAGE_COMMUNICATION = "manage_communication"  # groups, any meeting, decisions, updates
    # The backbone
    MANAGE_BACKBONE = "manage_backbone"  # workplan, assessment rounds and templates, phases
    # Results of an assessment round, and the health of the five conditions
    VIEW_ASSESSMENT_RESULTS = "view_assessment_results"
    # Impact spheres: requests to join, joint commitments, leaving
    DECIDE_JOIN_REQUESTS = "decide_join_requests"  # accept or decline a request to join
    MANAGE_COMMITMENTS = "manage_commitments"  # propose, fulfil, withdraw joint commitments
    ANSWER_COMMITMENTS = "answer_commitments"  # a member, for their own organization
    LEAVE_INITIATIVE = "leave_initiative"  # a member, for their own organization
    # The stakeholder map
    VIEW_STAKEHOLDER_MAP = "view_stakeholder_map"
    MANAGE_RELATIONSHIPS = "manage_relationships"  # record who funds, serves, advises whom


_READ = frozenset({Action.VIEW_INITIATIVE, Action.VIEW_MEMBERS, Action.VIEW_STAKEHOLDER_MAP})
# A partner's own actions (for their organization) are no one else's, superusers' neither.
_OWN = frozenset(
    {
        Action.SUBMIT_OWN_VALUES,
        Action.ENDORSE_AGENDA,
        Action.LOG_OWN_ACTIVITIES,
        Action.ANSWER_COMMITMENTS,
        Action.LEAVE_INITIATIVE,
    }
)
_MANAGE = frozenset(Action) - _OWN

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.BACKBONE_STAFF: _MANAGE,
    Role.FACILITATOR: _READ
    | {
        Action.VIEW_MEMBER_CONTACTS,
        Action.VIEW_ALL_VALUES,
        Action.COMMENT_AGENDA,
        Action.VIEW_ASSESSMENT_RESULTS,
    },
    Role.PARTNER: _READ
    | {
        Action.SUBMIT_OWN_VALUES,
        Action.COMMENT_AGENDA,
        Action.ENDORSE_AGENDA,
        Action.LOG_OWN_ACTIVITIES,
        Action.ANSWER_COMMITMENTS,
        Action.LEAVE_INITIATIVE,
    },
    Role.VIEWER: _READ,
}
# In an impact sphere there is no backbone: the facilitator runs it.
SPHERE_ROLE_ACTIONS: dict[str, frozenset[Action]] = {**ROLE_ACTIONS, Role.FACILITATOR: _MANAGE}

# Roles that may register new organizations in the shared directory.
ORGANIZATION_CREATOR_ROLES = frozenset({Role.BACKBONE_STAFF, Role.FACILITATOR})
# Roles that follow initiatives as a portfolio (the facilitator's page of all they follow).
PORTFOLIO_ROLES = frozenset({Role.FACILITATOR, Role.BACKBONE_STAFF})


def membership_for(user, initiative: Initiative) -> Membership | None:
    """The user's membership in the initiative, looked up once per user object."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_membership_cache", {})
    if initiative.pk not in cache:
        cache[initiative.pk] = (
            Membership.objects.filter(user=user, initiative=initiative)
            .select_related("organization")
            .first()
        )
    return cache[initiative.pk]


def role_in(user, initiative: Initiative) -> str | None:
    membership = membership_for(user, initiative)
    return membership.role if membership else None


def allowed_actions(user, initiative: Initiative) -> frozenset[Action]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return _MANAGE
    return role_actions(role_in(user, initiative), initiative.kind)


def role_actions(role: str | None, kind: str) -> frozenset[Action]:
    """The one role table: what a role holds in an initiative of this kind."""
    if role is None:
        return frozenset()
    table = SPHERE_ROLE_ACTIONS if kind == InitiativeKind.SPHERE else ROLE_ACTIONS
    return table.get(role, frozenset())


def can(user, action: Action, initiative: Initiative) -> bool:
    return action in allowed_actions(user, initiative)


def can_view_initiative(user, initiative: Initiative) -> bool:
    return can(user, Action.VIEW_INITIATIVE, initiative)


def can_view_member_contacts(user, initiative: Initiative) -> bool:
    return can(user, Action.VIEW_MEMBER_CONTACTS, initiative)


def can_manage_participants(user, initiative: Initiative) -> bool:
    return can(user, Action.MANAGE_PARTICIPANTS, initiative)


def can_invite_members(user, initiative: Initiative) -> bool:
    return can(user, Action.INVITE_MEMBERS, initiative)


def can_set_parent(user, initiative: Initiative) -> bool:
    """Choose or clear the initiative's parent (its backbone staff, a sphere's facilitator)."""
    return can(user, Action.MANAGE_HIERARCHY, initiative)


def can_take_in_child(user, parent: Initiative) -> bool:
    """The parent's consent: a child's figures count in the parent's, so only someone who
    manages the parent too may put a child inside it (otherwise a chapter could inject
    figures into another organization's initiative). Only a collective impact initiative
    takes children in."""
    return parent.kind == InitiativeKind.COLLECTIVE_IMPACT and can(
        user, Action.MANAGE_HIERARCHY, parent
    )


def roles_with(action: Action, kind: str) -> frozenset[str]:
    """The roles that hold `action` in an initiative of this kind (for scoped lists)."""
    return frozenset(role for role in Role.values if action in role_actions(role, kind))


def can_create_organization(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(role__in=ORGANIZATION_CREATOR_ROLES).exists()


def can_view_portfolio(user) -> bool:
    """Superusers (every initiative), facilitators and backbone staff (the ones they follow)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.filter(role__in=PORTFOLIO_ROLES).exists()


def can_use_admin(user) -> bool:
    """Django admin is for platform administrators, who see everything and are audited there."""
    return user.is_authenticated and user.is_active and user.is_superuser
