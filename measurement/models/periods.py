"""Reporting periods and the initiative's measurement settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization
from sheatufim.text import FSI, PDI, isolate

from .indicators import Frequency


class MeasurementSettings(models.Model):
    """An initiative's reporting calendar, and whether partners see each other's values."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="measurement_settings"
    )
    shares_raw_values = models.BooleanField(
        _("partners see each other's values"),
        default=False,
        help_text=_("Off: a partner sees only their own organization's values and the rollups."),
    )
    open_days_before_end = models.PositiveSmallIntegerField(
        _("open for reporting this many days before the period ends"), default=7
    )
    due_days_after_end = models.PositiveSmallIntegerField(
        _("due this many days after the period ends"), default=30
    )
    close_days_after_due = models.PositiveSmallIntegerField(
        _("close this many days after the due date"), default=7
    )
    lock_days_after_due = models.PositiveSmallIntegerField(
        _("lock this many days after the due date"), default=60
    )
    provisional_threshold = models.PositiveSmallIntegerField(
        _("a period's figures are final once this share of the organizations reported (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Until then a figure is shown as provisional and not judged on track or off "
            "track. A locked period is final whatever its share."
        ),
    )

    class Meta:
        verbose_name = _("measurement settings")
        verbose_name_plural = _("measurement settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(lock_days_after_due__gte=F("close_days_after_due")),
                name="settings_lock_after_close",
            ),
            models.CheckConstraint(
                condition=Q(provisional_threshold__gte=1, provisional_threshold__lte=100),
                name="settings_provisional_threshold_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.initiative)


class PeriodState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    LOCKED = "locked", _("Locked")


class ReportingPeriod(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="reporting_periods",
        verbose_name=_("initiative"),
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=10, choices=PeriodState.choices, default=PeriodState.SCHEDULED
    )

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["initiative_id", "frequency", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "frequency", "start"], name="period_unique_start"
            ),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_end_after_start"),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("end")), name="period_due_after_end"
            ),
            models.CheckConstraint(
                condition=Q(state__in=PeriodState.values), name="period_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "due_date"], name="period_state_due")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The period's name in the active language, the same in pages, charts and exports
        (2026 Q4); pages isolate it in <bdi>, and a date range isolates each date."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        year = self.start.year
        if months == 12 and self.start.month == 1:
            return str(year)
        if months == 3:
            quarter = (self.start.month - 1) // 3 + 1
            return gettext("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}
        if months == 6:
            half = (self.start.month - 1) // 6 + 1
            return gettext("%(year)s H%(half)s") % {"year": year, "half": half}
        if months == 1:
            return self.start.strftime("%Y-%m")
        return gettext("%(start)s – %(end)s") % {
            "start": isolate(date_format(self.start, "SHORT_DATE_FORMAT")),
            "end": isolate(date_format(self.end, "SHORT_DATE_FORMAT")),
        }

    def is_labelled(self, text: str) -> bool:
        """Whether `text` is this period's label in one of the site's languages: a spreadsheet
        downloaded from an English page may come back from a Hebrew one."""
        text = str(text).replace(FSI, "").replace(PDI, "").strip()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                if text == self.label.replace(FSI, "").replace(PDI, ""):
                    return True
        return False

    @property
    def is_locked(self) -> bool:
        return self.state == PeriodState.LOCKED

    @property
    def is_late(self) -> bool:
        return timezone.localdate() > self.due_date


class LateSubmissionGrant(models.Model):
    """Lets one organization submit in a closed (not locked) period until a date."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="late_grants"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    until = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("late-submission exception")
        verbose_name_plural = _("late-submission exceptions")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organization"], name="exception_one_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.period} (until {self.until})"


class PeriodChange(models.Model):
    """A period's state changed by hand (opened, closed, locked, reopened): who, when, why."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    from_state = models.CharField(max_length=10)
    to_state = models.CharField(max_length=10)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("period state change")
        verbose_name_plural = _("period state changes")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.period}: {self.from_state} → {self.to_state}"
