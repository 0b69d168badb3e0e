"""Mutually reinforcing activities: what each organization does under each strategy of the
agenda, with its role, the population and geography it reaches, and the indicators it aims
to move. The matrix of strategies × organizations, its gaps and overlaps, is read from here."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from agenda.models import Strategy
from initiatives.models import Initiative, Organization, User
from measurement.models import Indicator
from sheatufim.translated import Translatable


class ActivityRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    SUPPORTER = "supporter", _("Supporter")
    FUNDER = "funder", _("Funder")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


# What still counts for the plan: a lead that is planned or active leads the strategy.
CURRENT_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.ACTIVE)


def reach_key(value: str) -> str:
    """The form of a population or geography that overlaps compare: "Negev " = "negev"."""
    return " ".join((value or "").split()).casefold()


class Activity(Translatable):
    translatable = ("title", "description")

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("initiative"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("organization"),
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="activities", verbose_name=_("strategy")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    role = models.CharField(
        _("role in the strategy"),
        max_length=20,
        choices=ActivityRole.choices,
        default=ActivityRole.PARTNER,
    )
    population = models.CharField(_("population reached"), max_length=200, blank=True)
    geography = models.CharField(_("geography reached"), max_length=200, blank=True)
    # Lower-cased, spaces collapsed: what the overlap rule compares (set by the services).
    population_key = models.CharField(max_length=200, blank=True, editable=False)
    geography_key = models.CharField(max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="activities",
        verbose_name=_("indicators it aims to move"),
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["initiative_id", "strategy_id", "organization_id", "id"]
        indexes = [
            models.Index(fields=["initiative", "strategy"], name="activity_initiative_strategy"),
            models.Index(fields=["initiative", "organization"], name="activity_initiative_org"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=ActivityRole.values), name="activity_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActivityStatus.values), name="activity_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An activity cannot end before it starts.")})

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES
