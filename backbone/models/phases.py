"""The initiative's phase (0, I, II, III; kept on Initiative.phase): a checklist per phase ×
component, shipped as data, with each initiative's checks and evidence, and the history of
phase changes with who and when."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Phase
from sheatufim.translated import Translatable

from ._common import user_fk


class Component(models.TextChoices):
    GOVERNANCE = "governance", _("Governance and infrastructure")
    PLANNING = "planning", _("Strategic planning")
    COMMUNITY = "community", _("Community involvement")
    EVALUATION = "evaluation", _("Evaluation and improvement")


class PhaseItem(Translatable):
    """One item of the checklist, the platform's (shipped by a data migration)."""

    translatable = ("text",)

    key = models.SlugField(_("key"), max_length=60, unique=True)
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices)
    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    text = models.CharField(_("item"), max_length=400)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("phase checklist item")
        verbose_name_plural = _("phase checklist items")
        ordering = ["phase", "component", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(phase__lte=3), name="phase_item_phase_valid"),
            models.CheckConstraint(
                condition=Q(component__in=Component.values), name="phase_item_component_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class PhaseCheck(models.Model):
    """Where an initiative stands on one item: done or not, and the evidence."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="phase_checks",
        verbose_name=_("initiative"),
    )
    item = models.ForeignKey(
        PhaseItem, on_delete=models.CASCADE, related_name="checks", verbose_name=_("item")
    )
    done = models.BooleanField(_("done"), default=False)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("link to the evidence"), blank=True)
    updated_by = user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("phase check")
        verbose_name_plural = _("phase checks")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "item"], name="phase_check_once"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} · {self.item_id}"


class PhaseChange(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="phase_changes",
        verbose_name=_("initiative"),
    )
    from_phase = models.PositiveSmallIntegerField(
        _("from phase"), choices=Phase.choices, null=True, blank=True
    )
    to_phase = models.PositiveSmallIntegerField(_("to phase"), choices=Phase.choices)
    note = models.TextField(_("note"), blank=True)
    by = user_fk(_("changed by"))
    at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["initiative", "-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(to_phase__lte=3), name="phase_change_to_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_phase} → {self.to_phase}"
