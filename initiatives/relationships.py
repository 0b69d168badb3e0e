"""Relationships that backbone staff record between the organizations of an initiative: who
funds, partners with, serves or advises whom, with a note. The stakeholder map draws them
beside the ties the platform already knows (initiatives.stakeholder_map)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

NOTE_MAX = 500
RELATIONSHIP_TAKEN = _("This relationship is already recorded.")


class RelationshipKind(models.TextChoices):
    FUNDS = "funds", _("Funds")
    PARTNERS_WITH = "partners_with", _("Partners with")
    SERVES = "serves", _("Serves")
    ADVISES = "advises", _("Advises")


class Relationship(models.Model):
    """A directed tie of one kind from one organization to another, inside one initiative."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="relationships",
    )
    source = models.ForeignKey(
        "initiatives.Organization",
        verbose_name=_("from organization"),
        on_delete=models.PROTECT,
        related_name="relationships_from",
    )
    target = models.ForeignKey(
        "initiatives.Organization",
        verbose_name=_("to organization"),
        on_delete=models.PROTECT,
        related_name="relationships_to",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RelationshipKind.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        app_label = "initiatives"
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["initiative_id", "source_id", "target_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "source", "target", "kind"],
                name="relationship_once_per_kind",
                violation_error_message=RELATIONSHIP_TAKEN,
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="relationship_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationshipKind.values), name="relationship_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"
