"""The initiative's log of decisions, and the action items that meetings and decisions give
people to do."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization
from sheatufim.translated import Translatable

from ._common import goal_fk, strategy_fk, user_fk
from .groups import WorkingGroup
from .meetings import Meeting


class DecisionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REVISITED = "revisited", _("Revisited")
    REVOKED = "revoked", _("Revoked")


class Decision(Translatable):
    # Not `text`: that is Translatable.text(), the version of a text in the reader's language.
    translatable = ("statement",)

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("initiative")
    )
    statement = models.TextField(_("what was decided"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("working group"),
    )
    # Who decided, where no meeting did (e.g. "the steering committee by email").
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"))
    goal = goal_fk()
    strategy = strategy_fk()
    review_on = models.DateField(_("to be reviewed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.IN_FORCE
    )
    status_note = models.CharField(_("note on the status"), max_length=500, blank=True)
    created_by = user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["initiative", "decided_on"], name="decision_initiative_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DecisionStatus.values), name="decision_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | ~Q(decided_by=""),
                name="decision_has_source",
                violation_error_message=_("Say in which meeting or by whom it was decided."),
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:80]


class DecisionChange(models.Model):
    """A change of a decision's status: the history of the log (who, when, from what, why)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="changes", verbose_name=_("decision")
    )
    status_before = models.CharField(
        _("status before"), max_length=20, choices=DecisionStatus.choices
    )
    status_after = models.CharField(
        _("status after"), max_length=20, choices=DecisionStatus.choices
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    changed_by = user_fk(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of a decision's status")
        verbose_name_plural = _("changes of decisions' status")
        ordering = ["decision_id", "id"]

    def __str__(self) -> str:
        return f"{self.status_before} → {self.status_after}"


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class ActionItem(Translatable):
    translatable = ("title",)

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("initiative"),
    )
    title = models.CharField(_("what is to be done"), max_length=300)
    owner = user_fk(_("owed by"), related_name="action_items")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("decision"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("working group"),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["initiative", "status", "due_on"], name="action_item_due"),
            models.Index(fields=["owner", "status"], name="action_item_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionItemStatus.values), name="action_item_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES
