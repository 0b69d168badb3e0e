"""Goals and strategies: stable rows that indicators and activities point at across versions.
They are edited while a version is being drafted; a version's snapshot freezes them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from sheatufim.translated import Translatable


class Goal(Translatable):
    translatable = ("title", "description")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="goals", verbose_name=_("initiative")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of goal"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Removing a goal from the agenda retires it: indicators and activities still point at it.
    retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["initiative_id", "order", "id"]
        indexes = [models.Index(fields=["initiative", "retired"], name="goal_initiative_retired")]

    def __str__(self) -> str:
        return self.title


class Strategy(Translatable):
    translatable = ("title", "description")

    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="strategies", verbose_name=_("goal")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["goal_id", "order", "id"]

    def __str__(self) -> str:
        return self.title
