"""What partners say about a version: comments while it is open, endorsements once adopted."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Organization, User

from .versions import AgendaVersion


class SectionComment(models.Model):
    version = models.ForeignKey(
        AgendaVersion,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("version"),
    )
    # "vision", "problem", … (SECTIONS), or "goal:<id>" / "strategy:<id>".
    section = models.CharField(_("section"), max_length=40)
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["version_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.version} · {self.section}"


class Decision(models.TextChoices):
    ENDORSED = "endorsed", _("Endorsed")
    DECLINED = "declined", _("Declined")


class Endorsement(models.Model):
    version = models.ForeignKey(
        AgendaVersion,
        on_delete=models.CASCADE,
        related_name="endorsements",
        verbose_name=_("version"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="agenda_endorsements",
        verbose_name=_("organization"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["version_id", "organization_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organization"], name="endorsement_unique_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(decision="endorsed") | ~Q(reason=""),
                name="endorsement_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.version}"
