"""Initiative-level figures, computed from approved values only (see measurement/rollups.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .indicators import Category, Indicator
from .periods import ReportingPeriod


class Rollup(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rollups")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="rollups")
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6, null=True)
    numerator = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    denominator = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    contributing = models.PositiveIntegerField(_("contributing organizations"))
    # Of the contributing, those whose figure is a cumulative value of an earlier period.
    carried = models.PositiveIntegerField(_("carried forward"), default=0)
    # The inputs of an average (sum of the values, their count) or of a weighted average
    # (sum of value × weight, sum of weights), so a year's average is never one of averages.
    value_sum = models.DecimalField(max_digits=30, decimal_places=6, null=True)
    value_weight = models.DecimalField(max_digits=30, decimal_places=6, null=True)
    expected = models.PositiveIntegerField(_("expected organizations"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("rollup")
        verbose_name_plural = _("rollups")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="rollup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.period_id}: {self.value}"

    @property
    def reported(self) -> int:
        """The organizations with an approved value of this very period."""
        return self.contributing - self.carried


class CategoryRollup(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6, null=True)
    numerator = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    denominator = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    contributing = models.PositiveIntegerField(_("contributing organizations"))
    # Of the contributing, those whose figure is a cumulative value of an earlier period.
    carried = models.PositiveIntegerField(_("carried forward"), default=0)
    # The inputs of an average (sum of the values, their count) or of a weighted average
    # (sum of value × weight, sum of weights), so a year's average is never one of averages.
    value_sum = models.DecimalField(max_digits=30, decimal_places=6, null=True)
    value_weight = models.DecimalField(max_digits=30, decimal_places=6, null=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("rollup per category")
        verbose_name_plural = _("rollups per category")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "category"], name="category_rollup_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.period_id}/{self.category_id}: {self.value}"


class RollupRequest(models.Model):
    """'This indicator and period need a new rollup', written in the transaction of the change.

    A task queued on commit processes it at once; the periodic task catches what is left
    (the broker was down, a worker died).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rollup request")
        verbose_name_plural = _("rollup requests")

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.period_id} at {self.requested_at}"
