"""Who is in a sphere: the join requests of organizations, the CEO who represents each member,
and the seat a sphere holds in its parent collective impact initiative."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization, Participation

from ._common import user_fk

STATEMENT_MAX = 2000
REASON_MAX = 1000


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the facilitator")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    """An organization asks to join a sphere, through its CEO; the facilitator decides."""

    sphere = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("impact sphere"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="join_requests",
        verbose_name=_("organization"),
    )
    requested_by = user_fk(_("requested by"), related_name="sphere_join_requests")
    ceo_name = models.CharField(_("CEO's name"), max_length=200)
    statement = models.TextField(
        _("why the organization wants to join"),
        max_length=STATEMENT_MAX,
        help_text=_("A few sentences: the organization's work on the sphere's issue."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    decided_by = user_fk(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    participation = models.OneToOneField(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_request",
        verbose_name=_("participation"),
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sphere", "organization"],
                condition=Q(status="pending"),
                name="join_request_one_pending_per_organization",
                violation_error_message=_(
                    "This organization has already asked to join; the facilitator will answer."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=JoinRequestStatus.values), name="join_request_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="join_request_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.sphere}"


class SphereMember(models.Model):
    """The CEO named on a member organization's participation in a sphere. The row stays when
    the organization leaves (its participation is ended, not deleted)."""

    participation = models.OneToOneField(
        Participation,
        on_delete=models.CASCADE,
        related_name="sphere_member",
        verbose_name=_("participation"),
    )
    ceo_name = models.CharField(_("CEO's name"), max_length=200)
    ceo = user_fk(_("CEO's account"), related_name="sphere_memberships_led")
    left_reason = models.TextField(_("reason for leaving"), max_length=REASON_MAX, blank=True)

    class Meta:
        verbose_name = _("sphere member")
        verbose_name_plural = _("sphere members")

    def __str__(self) -> str:
        return f"{self.ceo_name} · {self.participation.organization}"


class ParentSeat(models.Model):
    """The integrated model: a sphere inside a collective impact initiative takes part in it as
    one participant; its representative organization sits in the parent's steering committee
    through `participation` (a row of the parent)."""

    sphere = models.OneToOneField(
        Initiative,
        on_delete=models.CASCADE,
        related_name="parent_seat",
        verbose_name=_("impact sphere"),
    )
    representative = user_fk(_("representative"), related_name="sphere_seats")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="sphere_seats",
        verbose_name=_("organization represented"),
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seat in the parent's steering committee"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("seat in the parent initiative")
        verbose_name_plural = _("seats in parent initiatives")

    def __str__(self) -> str:
        return f"{self.sphere} · {self.organization}"
