"""The six functions of a backbone, its yearly workplan per function, and the backbone's own
indicators (ordinary measurement indicators of kind "backbone effectiveness", tied here to
the function they measure)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from measurement.models import Indicator
from sheatufim.translated import Translatable

from ._common import user_fk


class BackboneFunction(models.TextChoices):
    VISION = "vision", _("Guide vision and strategy")
    ACTIVITIES = "activities", _("Support aligned activities")
    MEASUREMENT = "measurement", _("Establish shared measurement practices")
    PUBLIC_WILL = "public_will", _("Build public will")
    POLICY = "policy", _("Advance policy")
    FUNDING = "funding", _("Mobilize funding")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Workplan(models.Model):
    """The backbone's plan for one year of one initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="workplans", verbose_name=_("initiative")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("workplan")
        verbose_name_plural = _("workplans")
        ordering = ["initiative", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year"], name="workplan_one_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="workplan_year_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.year}"


class WorkplanObjective(Translatable):
    translatable = ("title", "description")

    workplan = models.ForeignKey(
        Workplan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("workplan")
    )
    function = models.CharField(_("function"), max_length=20, choices=BackboneFunction.choices)
    title = models.CharField(_("objective"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("workplan objective")
        verbose_name_plural = _("workplan objectives")
        ordering = ["workplan", "function", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(function__in=BackboneFunction.values),
                name="workplan_objective_function_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WorkplanTask(Translatable):
    translatable = ("title",)

    objective = models.ForeignKey(
        WorkplanObjective,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("objective"),
    )
    title = models.CharField(_("task"), max_length=300)
    owner = user_fk(_("owner"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    updated_by = user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("workplan task")
        verbose_name_plural = _("workplan tasks")
        ordering = ["objective", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TaskStatus.values), name="workplan_task_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FunctionIndicator(models.Model):
    """A backbone-effectiveness indicator and the function it measures."""

    indicator = models.OneToOneField(
        Indicator,
        on_delete=models.CASCADE,
        related_name="backbone_function",
        verbose_name=_("indicator"),
    )
    function = models.CharField(_("function"), max_length=20, choices=BackboneFunction.choices)

    class Meta:
        verbose_name = _("backbone indicator")
        verbose_name_plural = _("backbone indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(function__in=BackboneFunction.values),
                name="function_indicator_function_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.get_function_display()}"
