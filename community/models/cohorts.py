"""Cohorts of the learning community (a program like "Hamigrash") and who is in each."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User
from sheatufim.translated import Translatable

from .profiles import LeaderProfile

ENDS_BEFORE_STARTS = _("A cohort cannot end before it starts.")
ALREADY_IN_COHORT = _("This leader is already in the cohort.")


class Cohort(Translatable):
    translatable = ("name", "description")

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    host = models.ForeignKey(
        Initiative,
        verbose_name=_("host initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_cohorts",
        help_text=_("The program in whose calendar the cohort's learning sessions are held."),
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_start",
                violation_error_message=ENDS_BEFORE_STARTS,
            )
        ]

    def __str__(self) -> str:
        return self.name


class CohortMember(models.Model):
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="members"
    )
    profile = models.ForeignKey(
        LeaderProfile,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        ordering = ["cohort", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "profile"],
                name="cohort_member_once",
                violation_error_message=ALREADY_IN_COHORT,
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.profile}"
