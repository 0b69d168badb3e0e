"""Who is in a sphere: an organization asks to join through its CEO, the facilitator accepts or
declines with a reason, the asker may withdraw; a member leaves when it wants (or the
facilitator ends its membership), and its past stays.

Business errors are ValidationError keyed by field (forms show them at the field, the API
answers 400); a refusal of the policy is PermissionDenied (403).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import services as initiative_services
from initiatives.models import (
    SPHERE_THIRD_SECTOR_ONLY,
    THIRD_SECTOR,
    Initiative,
    InitiativeStatus,
    Membership,
    Organization,
    Participation,
    ParticipationRole,
    Role,
    User,
)
from initiatives.permissions import Action, can, membership_for
from sheatufim.text import isolate

from ..models import JoinRequest, JoinRequestStatus, SphereMember, SphereVisit
from ..models.membership import REASON_MAX, STATEMENT_MAX

NOT_A_SPHERE = gettext_lazy("Only an impact sphere takes requests to join.")
SPHERE_NOT_OPEN = gettext_lazy("This sphere is not taking new members now (it is %(status)s).")
ALREADY_A_MEMBER = gettext_lazy("%(organization)s is already a member of this sphere.")
ALREADY_ASKED = JoinRequest._meta.constraints[0].violation_error_message
YOU_HAVE_A_ROLE = gettext_lazy(
    "You already have a role in this sphere: a request to join is for someone who is not in it."
)
GIVE_CEO = gettext_lazy("Please give the name of the organization's CEO.")
GIVE_STATEMENT = gettext_lazy("Please say in a few sentences why the organization wants to join.")
GIVE_REASON = gettext_lazy("Please give the reason: the organization will read it.")
NOT_PENDING = gettext_lazy("This request was already answered (%(status)s).")
REQUESTER_IS_MEMBER = gettext_lazy(
    "The person who asked already has a role in this sphere; they cannot also represent "
    "%(organization)s. Decline the request, or change their role on the members page first."
)
NO_REQUESTER = gettext_lazy("The person who asked no longer has an account.")
NOT_A_MEMBER = gettext_lazy("This organization is not a current member of the sphere.")


def _sector_refusal(organization: Organization) -> str:
    return _("%(organization)s is registered as “%(sector)s”. %(rule)s") % {
        "organization": isolate(organization.text("name")),
        "sector": organization.get_sector_display(),
        "rule": SPHERE_THIRD_SECTOR_ONLY,
    }


def _text(value: str, *, field: str, missing, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: str(missing)})
    if len(value) > limit:
        raise ValidationError(
            {field: _("Please keep it to %(limit)d characters.") % {"limit": limit}}
        )
    return value


def is_current_member(sphere: Initiative, organization: Organization) -> bool:
    return (
        Participation.objects.active().filter(initiative=sphere, organization=organization).exists()
    )


def check_may_join(*, sphere: Initiative, organization: Organization, user: User) -> None:
    """The refusals of a request to join, each at its field."""
    if not sphere.is_sphere:
        raise ValidationError({"sphere": str(NOT_A_SPHERE)})
    if sphere.status != InitiativeStatus.ACTIVE:
        raise ValidationError(
            {"sphere": SPHERE_NOT_OPEN % {"status": sphere.get_status_display().lower()}}
        )
    if organization.sector not in THIRD_SECTOR:
        raise ValidationError({"organization": _sector_refusal(organization)})
    if is_current_member(sphere, organization):
        raise ValidationError(
            {
                "organization": ALREADY_A_MEMBER
                % {"organization": isolate(organization.text("name"))}
            }
        )
    if JoinRequest.objects.filter(
        sphere=sphere, organization=organization, status=JoinRequestStatus.PENDING
    ).exists():
        raise ValidationError({"organization": str(ALREADY_ASKED)})
    if Membership.objects.filter(user=user, initiative=sphere).exists():
        raise ValidationError({"organization": str(YOU_HAVE_A_ROLE)})


@transaction.atomic
def join_request_create(
    *, sphere: Initiative, organization: Organization, by: User, ceo_name: str, statement: str
) -> JoinRequest:
    """An organization asks to join the sphere; the signed-in person will represent it."""
    if not by.is_authenticated or not by.is_active:
        raise PermissionDenied
    # One request at a time per sphere: the checks below and the insert see the same rows.
    sphere = Initiative.objects.select_for_update().get(pk=sphere.pk)
    ceo_name = _text(ceo_name, field="ceo_name", missing=GIVE_CEO, limit=200)
    statement = _text(statement, field="statement", missing=GIVE_STATEMENT, limit=STATEMENT_MAX)
    check_may_join(sphere=sphere, organization=organization, user=by)
    request = JoinRequest(
        sphere=sphere,
        organization=organization,
        requested_by=by,
        ceo_name=ceo_name,
        statement=statement,
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        raise ValidationError({"organization": str(ALREADY_ASKED)}) from error
    return request


def _locked_pending(request: JoinRequest) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("sphere", "organization", "requested_by")
        .get(pk=request.pk)
    )
    if locked.status != JoinRequestStatus.PENDING:
        raise ValidationError(
            {"status": NOT_PENDING % {"status": locked.get_status_display().lower()}}
        )
    return locked


def check_decide(user: User, sphere: Initiative) -> None:
    if not can(user, Action.DECIDE_JOIN_REQUESTS, sphere):
        raise PermissionDenied(_("Only the sphere's facilitator decides requests to join."))


@transaction.atomic
def join_request_withdraw(*, request: JoinRequest, by: User) -> JoinRequest:
    """The person who asked takes the request back while it waits."""
    if request.requested_by_id != by.pk:
        raise PermissionDenied(_("Only the person who asked may withdraw the request."))
    locked = _locked_pending(request)
    locked.status = JoinRequestStatus.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    return locked


@transaction.atomic
def join_request_decline(*, request: JoinRequest, by: User, reason: str) -> JoinRequest:
    """The facilitator declines, with a reason the organization reads."""
    check_decide(by, request.sphere)
    reason = _text(reason, field="reason", missing=GIVE_REASON, limit=REASON_MAX)
    locked = _locked_pending(request)
    locked.status = JoinRequestStatus.DECLINED
    locked.decline_reason = reason
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def join_request_accept(*, request: JoinRequest, by: User) -> JoinRequest:
    """The facilitator accepts: in one transaction the organization takes part as a partner,
    its CEO is named on the participation, and the person who asked represents it."""
    check_decide(by, request.sphere)
    locked = _locked_pending(request)
    sphere, organization, requester = locked.sphere, locked.organization, locked.requested_by
    name = isolate(organization.text("name"))
    if requester is None:
        raise ValidationError({"status": str(NO_REQUESTER)})
    if is_current_member(sphere, organization):
        raise ValidationError({"organization": ALREADY_A_MEMBER % {"organization": name}})
    if Membership.objects.filter(user=requester, initiative=sphere).exists():
        raise ValidationError({"requested_by": REQUESTER_IS_MEMBER % {"organization": name}})
    participation = initiative_services.participation_add(
        initiative=sphere, organization=organization, role=ParticipationRole.PARTNER
    )
    SphereMember.objects.create(
        participation=participation, ceo_name=locked.ceo_name, ceo=requester
    )
    try:
        with transaction.atomic():
            Membership.objects.create(
                user=requester, initiative=sphere, role=Role.PARTNER, organization=organization
            )
    except IntegrityError as error:  # a role given meanwhile
        raise ValidationError(
            {"requested_by": REQUESTER_IS_MEMBER % {"organization": name}}
        ) from error
    locked.status = JoinRequestStatus.ACCEPTED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.participation = participation
    locked.save(update_fields=["status", "decided_by", "decided_at", "participation"])
    return locked


def may_end(user: User, participation: Participation) -> bool:
    """A member's representative for their own organization, or who manages the sphere."""
    sphere = participation.initiative
    if can(user, Action.MANAGE_PARTICIPANTS, sphere):
        return True
    if not can(user, Action.LEAVE_INITIATIVE, sphere):
        return False
    mine = membership_for(user, sphere)
    return mine is not None and mine.organization_id == participation.organization_id


@transaction.atomic
def membership_end(*, participation: Participation, by: User, reason: str = "") -> Participation:
    """The organization leaves the sphere (or the facilitator ends its membership): the
    participation gets its left date, the CEO's row keeps the reason, and the representatives
    lose access. What it contributed stays, marked as from a former member."""
    if not participation.initiative.is_sphere:
        raise ValidationError({"participation": str(NOT_A_SPHERE)})
    if not may_end(by, participation):
        raise PermissionDenied(_("Only the organization's own representative may leave for it."))
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Please keep it to %(limit)d characters.") % {"limit": REASON_MAX}}
        )
    locked = (
        Participation.objects.select_for_update()
        .select_related("initiative", "organization")
        .get(pk=participation.pk)
    )
    if locked.left_on is not None:
        raise ValidationError({"participation": str(NOT_A_MEMBER)})
    initiative_services.participation_end(participation=locked)
    member, _made = SphereMember.objects.get_or_create(
        participation=locked, defaults={"ceo_name": ""}
    )
    member.left_reason = reason
    member.save(update_fields=["left_reason"])
    return locked


def home_visit_record(*, user: User, sphere_ids: list[int]) -> None:
    """The CEO opened their home now: the next visit shows what changed after this one."""
    now = timezone.now()
    SphereVisit.objects.bulk_create(
        [SphereVisit(user_id=user.pk, sphere_id=pk, seen_at=now) for pk in sphere_ids],
        update_conflicts=True,
        unique_fields=["user", "sphere"],
        update_fields=["seen_at"],
    )
