"""One value of one indicator, by one organization, for one period, and its full history."""

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Organization

from ..numbers import number_text
from .indicators import Category, Indicator
from .periods import ReportingPeriod

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "xlsx", "csv", "docx"]


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


def evidence_path(submission, filename: str) -> str:
    return f"evidence/{submission.indicator.initiative_id}/{submission.period_id}/{filename}"


class Submission(models.Model):
    indicator = models.ForeignKey(
        # An indicator with values is made inactive, never deleted with their history.
        Indicator,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("indicator"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("organization"),
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("period"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField(
        _("numerator"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    weight = models.DecimalField(
        _("weight"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    breakdown_incomplete = models.BooleanField(
        _("the breakdown is incomplete"),
        default=False,
        help_text=_("Tick when the categories do not cover the whole total."),
    )
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=evidence_path,
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    flagged = models.BooleanField(_("flagged for review"), default=False)
    flag_reason = models.CharField(_("why it is flagged"), max_length=300, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["period_id", "indicator_id", "organization_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organization", "period"], name="submission_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(state__in=SubmissionState.values), name="submission_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="submission_denominator_positive",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["submitted", "approved"]) | Q(value__isnull=False),
                name="submission_submitted_has_value",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period", "state"], name="submission_rollup_scan"),
            models.Index(fields=["period", "state"], name="submission_period_state"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.organization} · {self.period}"


class CategoryValue(models.Model):
    """The part of a submission's value that falls in one category of a dimension."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="category_values"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("value per category")
        verbose_name_plural = _("values per category")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "category"], name="category_value_unique"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="category_value_denominator_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.category_id}: {self.value}"


class SubmissionEvent(models.Model):
    """Every change of a submission: who, when, what changed (old → new), and why."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved as draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        REOPENED = "reopened", _("Reopened")
        IMPORTED = "imported", _("Imported")  # recorded before imports wrote as the form does

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("submission history entry")
        verbose_name_plural = _("submission history")
        ordering = ["submission_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    # How the history reads (templates/measurement/submission_detail.html): states and field
    # names in the reader's language, numbers as every page writes them.

    @property
    def from_state_display(self) -> str:
        return _state_label(self.from_state)

    @property
    def to_state_display(self) -> str:
        return _state_label(self.to_state)

    def change_rows(self) -> list["Change"]:
        """What changed, one row per field: its name, the old and the new value, for display."""
        return [
            Change(_field_label(name), _change_text(name, old), _change_text(name, new))
            for name, (old, new) in self.changes.items()
        ]


class Change(NamedTuple):
    field: str
    old: str
    new: str


def _state_label(state: str) -> str:
    return str(SubmissionState(state).label) if state in SubmissionState.values else state


def _field_label(name: str) -> str:
    """A field's translated name; a category's key ("Gender: Women") is names, shown as is."""
    try:
        return str(Submission._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _change_text(name: str, text) -> str:
    if text is None or text == "":
        return "—"
    if name == "breakdown_incomplete":
        return str(_("yes") if text in ("True", True) else _("no"))
    if name in ("comment", "evidence"):
        return str(text)
    try:
        return number_text(Decimal(str(text)))
    except InvalidOperation:
        return str(text)


def import_path(job, filename: str) -> str:
    return f"imports/{job.initiative_id}/{filename}"


class ImportJob(models.Model):
    """A large spreadsheet import, run by Celery; progress is read from the cache meanwhile."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Refused")

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=import_path)
    submit = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.get_state_display()})"
