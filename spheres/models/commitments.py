"""Joint commitments: what a sphere takes on; each member organization opts in or declines for
itself, and those in report on their part."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal
from initiatives.models import Initiative, Organization
from sheatufim.translated import Translatable

from ._common import user_fk

NOTE_MAX = 2000
REASON_MAX = 1000


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FULFILLED = "fulfilled", _("Fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Commitment(Translatable):
    translatable = ("title", "description")

    sphere = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("impact sphere"),
    )
    title = models.CharField(_("commitment"), max_length=300)
    description = models.TextField(_("what it involves"), max_length=NOTE_MAX, blank=True)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("goal it serves"),
    )
    review_on = models.DateField(_("review date"))
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Why it was withdrawn (required then), or a word on its fulfilment: kept in the record.
    closing_note = models.TextField(_("closing note"), max_length=REASON_MAX, blank=True)
    closed_by = user_fk(_("closed by"))
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("joint commitment")
        verbose_name_plural = _("joint commitments")
        ordering = ["review_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommitmentStatus.values), name="commitment_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="commitment_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(closing_note=""),
                name="commitment_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OptIn(models.TextChoices):
    IN = "in", _("We are in")
    DECLINED = "declined", _("We decline")


class CommitmentProgress(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class CommitmentAnswer(models.Model):
    """One organization's answer to a commitment, and (when in) how far its part has come."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("commitment")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="commitment_answers",
        verbose_name=_("organization"),
    )
    answer = models.CharField(_("answer"), max_length=20, choices=OptIn.choices)
    progress = models.CharField(
        _("progress"),
        max_length=20,
        choices=CommitmentProgress.choices,
        default=CommitmentProgress.NOT_STARTED,
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    answered_by = user_fk(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer to a commitment")
        verbose_name_plural = _("answers to commitments")
        ordering = ["commitment_id", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "organization"], name="commitment_answer_one_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(answer__in=OptIn.values), name="commitment_answer_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__in=CommitmentProgress.values),
                name="commitment_progress_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_answer_display()}"


class CommitmentReport(models.Model):
    """Every report of progress, kept: the answer holds the latest."""

    answer = models.ForeignKey(
        CommitmentAnswer, on_delete=models.CASCADE, related_name="reports", verbose_name=_("answer")
    )
    progress = models.CharField(_("progress"), max_length=20, choices=CommitmentProgress.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    reported_by = user_fk(_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.answer.organization} · {self.get_progress_display()}"
