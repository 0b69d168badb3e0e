"""The integrated model: a sphere inside a collective impact initiative takes part in it as one
participant, through the organization and the person it sends to the parent's steering
committee. Only the parent's managers seat a sphere (the parent's consent)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import services as initiative_services
from initiatives.models import (
    Initiative,
    Membership,
    Organization,
    Participation,
    ParticipationRole,
    Role,
    User,
)
from initiatives.permissions import Action, can

from ..models import ParentSeat
from .membership import NOT_A_MEMBER, NOT_A_SPHERE, is_current_member

NO_PARENT = gettext_lazy("This sphere runs on its own: it has no parent initiative to sit in.")
NOT_REPRESENTATIVE = gettext_lazy(
    "The representative must be a representative of this organization in the sphere."
)
OTHER_ROLE_IN_PARENT = gettext_lazy(
    "This person already has another role in the parent initiative; choose someone else, or "
    "change their role there first."
)


def check_seat(user: User, sphere: Initiative) -> None:
    if not sphere.is_sphere:
        raise ValidationError({"sphere": str(NOT_A_SPHERE)})
    if sphere.parent_id is None:
        raise ValidationError({"sphere": str(NO_PARENT)})
    if not can(user, Action.MANAGE_PARTICIPANTS, sphere.parent):
        raise PermissionDenied(_("Only the parent initiative's backbone seats a sphere in it."))


def _parent_participation(parent: Initiative, organization: Organization) -> Participation:
    """The organization's open place in the parent; a new one in its steering committee. A
    place it already holds is kept with its role (a backbone stays the backbone)."""
    found = (
        Participation.objects.active()
        .select_for_update()
        .filter(initiative=parent, organization=organization)
        .first()
    )
    if found is not None:
        return found
    return initiative_services.participation_add(
        initiative=parent, organization=organization, role=ParticipationRole.STEERING
    )


@transaction.atomic
def seat_in_parent(
    *, sphere: Initiative, organization: Organization, representative: User, by: User
) -> ParentSeat:
    """Seat the sphere in its parent: `representative` (a representative of `organization`, a
    current member of the sphere) sits in the parent's steering committee for it. Changing the
    seat ends nothing else: the previous organization's place in the parent stays."""
    sphere = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("parent")
        .get(pk=sphere.pk)
    )
    check_seat(by, sphere)
    parent = sphere.parent
    if not is_current_member(sphere, organization):
        raise ValidationError({"organization": str(NOT_A_MEMBER)})
    represents = Membership.objects.filter(
        user=representative, initiative=sphere, role=Role.PARTNER, organization=organization
    ).exists()
    if not represents:
        raise ValidationError({"representative": str(NOT_REPRESENTATIVE)})
    participation = _parent_participation(parent, organization)
    in_parent = Membership.objects.filter(user=representative, initiative=parent).first()
    if in_parent is None:
        Membership.objects.create(
            user=representative, initiative=parent, role=Role.PARTNER, organization=organization
        )
    elif not (in_parent.role == Role.PARTNER and in_parent.organization_id == organization.pk):
        raise ValidationError({"representative": str(OTHER_ROLE_IN_PARENT)})
    seat, _made = ParentSeat.objects.update_or_create(
        sphere=sphere,
        defaults={
            "organization": organization,
            "representative": representative,
            "participation": participation,
        },
    )
    return seat
