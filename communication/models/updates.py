"""News the staff post to the partners, and the feed of what happened in the initiative.

An `Event` is one line of the feed and one item of a digest. Its sentence is not stored: it is
written from `kind` and `params` in the reader's language when the line is shown or mailed.
An event of a working group is seen by the group's members and the staff only; an event with
a `recipient` (an action item given to them, an invitation) by that person only, and never in
the feed."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User
from sheatufim.translated import Translatable

from ._common import user_fk
from .decisions import ActionItem, Decision
from .groups import WorkingGroup
from .meetings import Meeting

ATTACHMENT_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "xlsx", "csv", "docx", "pptx"]


class Update(Translatable):
    translatable = ("title", "body")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="updates", verbose_name=_("initiative")
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    author = user_fk(_("posted by"))
    published_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


def attachment_path(attachment, filename: str) -> str:
    return f"updates/{attachment.update.initiative_id}/{attachment.update_id}/{filename}"


class UpdateAttachment(models.Model):
    update = models.ForeignKey(
        Update, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("update")
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["update_id", "id"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    UPDATE_POSTED = "update_posted", _("News posted")
    AGENDA_ADOPTED = "agenda_adopted", _("Agenda version adopted")
    FIGURES_APPROVED = "figures_approved", _("A period's figures approved")
    MEETING_SCHEDULED = "meeting_scheduled", _("Meeting scheduled")
    MEETING_INVITED = "meeting_invited", _("Invitation to a meeting")
    MEETING_CHANGED = "meeting_changed", _("Meeting moved or changed")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated for corrections")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    DECISION_TAKEN = "decision_taken", _("Decision taken")
    ACTION_ITEM_ASSIGNED = "action_item_assigned", _("Action item given to you")


class Event(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="events", verbose_name=_("initiative")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    actor = user_fk(_("by"))
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("working group"),
    )
    recipient = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    update = models.ForeignKey(
        Update, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action_item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What the sentence names, as written when it happened (a version's number, a period).
    params = models.JSONField(default=dict, blank=True)
    # The page the line links to, as a path (the object may be of an app below this one).
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["initiative", "-occurred_at"], name="event_initiative_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.occurred_at:%Y-%m-%d}"
