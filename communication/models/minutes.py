"""A meeting's minutes: drafted by the convener, circulated to the attendees for corrections,
then approved and locked. A change after approval is a new `MinutesCorrection`, recorded with
the text before and after, who made it and why."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sheatufim.translated import Translatable

from ._common import user_fk
from .meetings import Meeting


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for corrections")
    APPROVED = "approved", _("Approved")


class Minutes(Translatable):
    translatable = ("body",)

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    body = models.TextField(_("minutes"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    drafted_by = user_fk(_("drafted by"))
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = user_fk(_("approved by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=MinutesState.values), name="minutes_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(approved_at__isnull=False),
                name="minutes_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_locked(self) -> bool:
        return self.state == MinutesState.APPROVED


class MinutesComment(models.Model):
    """An attendee's correction asked for while the minutes circulate."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="comments", verbose_name=_("minutes")
    )
    author = user_fk(_("author"))
    text = models.TextField(_("correction asked for"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved = models.BooleanField(_("taken into account"), default=False)

    class Meta:
        verbose_name = _("correction asked for")
        verbose_name_plural = _("corrections asked for")
        ordering = ["minutes_id", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class MinutesCorrection(models.Model):
    """A change to approved minutes: the record of what was, what is, by whom and why."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("minutes")
    )
    body_before = models.TextField(_("text before"))
    body_after = models.TextField(_("text after"))
    reason = models.CharField(_("reason"), max_length=500)
    made_by = user_fk(_("made by"))
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction of approved minutes")
        verbose_name_plural = _("corrections of approved minutes")
        ordering = ["minutes_id", "id"]

    def __str__(self) -> str:
        return self.reason[:60]
