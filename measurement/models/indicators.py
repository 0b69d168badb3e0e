"""Indicators and their reference sheet: what is measured, how, and how it adds up."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization
from sheatufim.translated import Translatable


class ValueType(models.TextChoices):
    COUNT = "count", _("Count")
    AMOUNT = "amount", _("Amount")
    PERCENTAGE = "percentage", _("Percentage (numerator over denominator)")
    RATIO = "ratio", _("Ratio (numerator over denominator)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    WEIGHTED_AVERAGE = "weighted_average", _("Weighted average")
    MINIMUM = "min", _("Minimum")
    MAXIMUM = "max", _("Maximum")
    LATEST = "latest", _("Latest value")
    RATIO_OF_SUMS = "ratio_of_sums", _("Ratio of sums")


# Aggregations whose categories must add up to the total.
ADDITIVE = frozenset({Aggregation.SUM, Aggregation.RATIO_OF_SUMS})
FRACTION_TYPES = frozenset({ValueType.PERCENTAGE, ValueType.RATIO})


class TimeAggregation(models.TextChoices):
    """How an indicator's period figures add up to a longer span (a year of quarters)."""

    SUM = "sum", _("Sum of the periods")
    LAST = "last", _("Last value")
    AVERAGE = "average", _("Average of the periods")
    RATIO_OF_SUMS = "ratio_of_sums", _("Ratio of the summed numerators and denominators")


def default_time_aggregation(*, value_type: str, cumulative: bool) -> str:
    if cumulative:
        return TimeAggregation.LAST
    if value_type in FRACTION_TYPES:
        return TimeAggregation.RATIO_OF_SUMS
    return TimeAggregation.SUM


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")
    MAINTAIN = "maintain", _("Keep steady")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


class IndicatorKind(models.TextChoices):
    POPULATION = "population", _("Population result")
    HOW_MUCH = "how_much", _("Performance: how much did we do?")
    HOW_WELL = "how_well", _("Performance: how well did we do it?")
    BETTER_OFF = "better_off", _("Performance: is anyone better off?")
    BACKBONE = "backbone", _("Backbone effectiveness")


class Dimension(Translatable):
    """A way to break a value down (gender, district, population group), per initiative."""

    translatable = ("name",)

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="dimensions",
        verbose_name=_("initiative"),
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("disaggregation dimension")
        verbose_name_plural = _("disaggregation dimensions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="dimension_unique_name")
        ]

    def __str__(self) -> str:
        # In the reader's language, so that choices in forms and filters are too.
        return str(self.text("name"))


class Category(Translatable):
    translatable = ("name",)

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="categories", verbose_name=_("dimension")
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["dimension_id", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "name"], name="category_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.text('name')}"


class Indicator(Translatable):
    translatable = ("name", "definition", "unit")

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("initiative"),
    )
    code = models.SlugField(_("code"), max_length=30, allow_unicode=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    method = models.TextField(_("method of measurement"), blank=True)
    goal = models.ForeignKey(
        "agenda.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("goal it serves"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.HOW_MUCH
    )
    value_type = models.CharField(_("value type"), max_length=20, choices=ValueType.choices)
    aggregation = models.CharField(
        _("aggregation across organizations"), max_length=20, choices=Aggregation.choices
    )
    cumulative = models.BooleanField(
        _("cumulative"),
        default=False,
        help_text=_(
            "A running total such as graduates since the start: each organization's figure "
            "for a period is its latest approved value up to that period."
        ),
    )
    time_aggregation = models.CharField(
        _("aggregation over time"),
        max_length=20,
        choices=TimeAggregation.choices,
        blank=True,
        help_text=_(
            "How the periods of a year add up. Left empty: the sum for counts and amounts, "
            "the ratio of sums for percentages and ratios, the last value when cumulative."
        ),
    )
    contributes_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("contributes to"),
        help_text=_(
            "An indicator of the parent initiative that this one adds to: its organizations' "
            "approved values count in the parent's figure."
        ),
    )
    contribution_active = models.BooleanField(_("counts in the parent's figure"), default=True)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default="increase"
    )
    frequency = models.CharField(
        _("reporting frequency"), max_length=20, choices=Frequency.choices, default="quarterly"
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=0, validators=[MaxValueValidator(6)]
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    baseline_label = models.CharField(_("baseline year or date"), max_length=50, blank=True)
    outlier_factor = models.DecimalField(
        _("flag a change larger than"),
        max_digits=6,
        decimal_places=2,
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A value more than this many times larger or smaller than the organization's "
            "previous one is flagged for the reviewer (it is not refused)."
        ),
    )
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="indicators", verbose_name=_("disaggregations")
    )
    organizations = models.ManyToManyField(
        Organization,
        through="IndicatorAssignment",
        related_name="assigned_indicators",
        verbose_name=_("organizations that report it"),
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["initiative_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(value_type__in=ValueType.values), name="indicator_value_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(aggregation__in=Aggregation.values), name="indicator_aggregation_valid"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="indicator_frequency_valid"
            ),
            # Percentages and ratios are never averaged: sum of numerators over denominators.
            models.CheckConstraint(
                condition=(
                    Q(value_type__in=["percentage", "ratio"], aggregation="ratio_of_sums")
                    | (~Q(value_type__in=["percentage", "ratio"]) & ~Q(aggregation="ratio_of_sums"))
                ),
                name="indicator_fractions_aggregate_as_ratio_of_sums",
            ),
            models.CheckConstraint(condition=Q(decimals__lte=6), name="indicator_decimals_valid"),
            models.CheckConstraint(
                condition=Q(time_aggregation__in=TimeAggregation.values),
                name="indicator_time_aggregation_valid",
            ),
            # Cumulative figures take the last; fractions are never summed nor averaged over
            # time; only fractions have numerators and denominators to sum.
            models.CheckConstraint(
                condition=(
                    (Q(cumulative=False) | Q(time_aggregation="last"))
                    & (
                        ~Q(value_type__in=["percentage", "ratio"])
                        | Q(time_aggregation__in=["ratio_of_sums", "last"])
                    )
                    & (
                        Q(value_type__in=["percentage", "ratio"])
                        | ~Q(time_aggregation="ratio_of_sums")
                    )
                ),
                name="indicator_time_aggregation_fits",
            ),
            models.CheckConstraint(
                condition=~Q(contributes_to=F("pk")), name="indicator_not_its_own_contribution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.text('name')}"

    @property
    def is_fraction(self) -> bool:
        return self.value_type in FRACTION_TYPES

    @property
    def is_additive(self) -> bool:
        return self.aggregation in ADDITIVE

    def save(self, *args, **kwargs):
        if not self.time_aggregation:
            self.time_aggregation = default_time_aggregation(
                value_type=self.value_type, cumulative=self.cumulative
            )
        super().save(*args, **kwargs)

    def clean(self):
        if not self.time_aggregation:
            self.time_aggregation = default_time_aggregation(
                value_type=self.value_type, cumulative=self.cumulative
            )
        self._clean_time_aggregation()
        if self.value_type in FRACTION_TYPES and self.aggregation != Aggregation.RATIO_OF_SUMS:
            raise ValidationError(
                {
                    "aggregation": _(
                        "Percentages and ratios add up as a ratio of sums (sum of numerators "
                        "over sum of denominators); they are never averaged."
                    )
                }
            )
        if self.value_type not in FRACTION_TYPES and self.aggregation == Aggregation.RATIO_OF_SUMS:
            raise ValidationError(
                {"aggregation": _("A ratio of sums needs a percentage or ratio value type.")}
            )

    def _clean_time_aggregation(self):
        rule = self.time_aggregation
        if self.cumulative and rule != TimeAggregation.LAST:
            raise ValidationError(
                {
                    "time_aggregation": _(
                        "A cumulative indicator already counts everything up to its period: "
                        "its yearly figure is the last value."
                    )
                }
            )
        fraction = self.value_type in FRACTION_TYPES
        if fraction and rule not in (TimeAggregation.RATIO_OF_SUMS, TimeAggregation.LAST):
            raise ValidationError(
                {
                    "time_aggregation": _(
                        "Percentages and ratios add up over time as the ratio of the summed "
                        "numerators and denominators, or take the last value; they are never "
                        "summed or averaged."
                    )
                }
            )
        if not fraction and rule == TimeAggregation.RATIO_OF_SUMS:
            raise ValidationError(
                {"time_aggregation": _("A ratio of sums needs a percentage or ratio value type.")}
            )


class IndicatorAssignment(models.Model):
    """An organization expected to report an indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="indicator_assignments"
    )
    # The day it was assigned (None: before this was recorded). Periods that ended before it
    # are not expected of the organization: see measurement/selectors/completeness.py.
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organization"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.indicator}"


class YearTarget(models.Model):
    """A target for a calendar year of the indicator's periods, judged by its time rule."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="year_targets",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=6)

    class Meta:
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        ordering = ["indicator_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="year_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class Target(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        "measurement.ReportingPeriod",
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("period"),
    )
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=6)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"
