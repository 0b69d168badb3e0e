"""What each person wants to receive by email, and the record that keeps a message from going
out twice: a digest is sent once per person and window (`DigestDelivery`), a reminder once per
person and occasion (`ReminderSent`)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, User


class MessageKind(models.TextChoices):
    NEWS = "news", _("News from the staff")
    MEETINGS = "meetings", _("Invitations and changes to meetings")
    MINUTES = "minutes", _("Minutes to correct and minutes approved")
    DECISIONS = "decisions", _("Decisions taken")
    ACTION_ITEMS = "action_items", _("Action items given to me")
    MILESTONES = "milestones", _("Agenda adopted, figures approved")
    REMINDERS = "reminders", _("Reminders: reporting due, action items due, meetings tomorrow")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    NONE = "none", _("Not at all")


# What a person receives until they choose otherwise: what needs them at once, the rest weekly.
DEFAULT_DELIVERY = {
    MessageKind.NEWS: Delivery.WEEKLY,
    MessageKind.MEETINGS: Delivery.IMMEDIATE,
    MessageKind.MINUTES: Delivery.IMMEDIATE,
    MessageKind.DECISIONS: Delivery.WEEKLY,
    MessageKind.ACTION_ITEMS: Delivery.IMMEDIATE,
    MessageKind.MILESTONES: Delivery.WEEKLY,
    MessageKind.REMINDERS: Delivery.IMMEDIATE,
}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class EmailPreference(models.Model):
    """One person's choice for one kind; a kind without a row takes DEFAULT_DELIVERY."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="email_preferences", verbose_name=_("person")
    )
    kind = models.CharField(_("kind of message"), max_length=20, choices=MessageKind.choices)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once"),
            models.CheckConstraint(
                condition=Q(kind__in=MessageKind.values), name="email_preference_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values), name="email_preference_delivery_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}: {self.delivery}"


class DigestSettings(models.Model):
    """The day of a person's weekly digest (Sunday: the first working day in Israel)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="digest_settings", verbose_name=_("person")
    )
    weekly_day = models.PositiveSmallIntegerField(
        _("day of the weekly digest"), choices=Weekday.choices, default=Weekday.SUNDAY
    )

    class Meta:
        verbose_name = _("digest settings")
        verbose_name_plural = _("digest settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_day__gte=0, weekly_day__lte=6), name="digest_weekly_day_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestRun(models.Model):
    """One window of one frequency: [window_start, window_end). Created once per window; a run
    that stopped half-way is finished by the next beat, which sends to those not yet sent to."""

    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-window_end"]
        constraints = [
            models.UniqueConstraint(fields=["frequency", "window_end"], name="digest_run_once"),
            models.CheckConstraint(
                condition=Q(window_end__gt=models.F("window_start")), name="digest_window_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.frequency} {self.window_start:%Y-%m-%d} – {self.window_end:%Y-%m-%d}"


class DigestDelivery(models.Model):
    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    # The number of events in the message (0: nothing to send, recorded so it is not retried).
    events = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["run", "user"], name="digest_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.run}"


class EventDelivery(models.Model):
    """An event emailed at once to one person: a retried task finds it and sends it no more."""

    event = models.ForeignKey("communication.Event", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event emailed")
        verbose_name_plural = _("events emailed")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event_id}"


class ReminderKind(models.TextChoices):
    REPORTING_DUE_SOON = "reporting_due_soon", _("Reporting due soon")
    REPORTING_DUE_TODAY = "reporting_due_today", _("Reporting due today")
    REPORTING_OVERDUE = "reporting_overdue", _("Reporting overdue")
    ACTION_ITEM_DUE = "action_item_due", _("Action item due tomorrow")
    ACTION_ITEM_OVERDUE = "action_item_overdue", _("Action item overdue")
    MEETING_TOMORROW = "meeting_tomorrow", _("Meeting tomorrow")
    ASSESSMENT_CLOSING = "assessment_closing", _("Assessment round closing soon")


class ReminderSent(models.Model):
    """A reminder gone out: `key` names its occasion ("period:12:due_in", "action:7:due").
    `digest` says where it went: "" by email at once, else the digest (daily, weekly) that
    carries it; the row's kind, params and path write its line there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=ReminderKind.choices, blank=True)
    params = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=500, blank=True)
    digest = models.CharField(max_length=10, choices=DigestFrequency.choices, blank=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="reminder_sent_once"),
        ]
        indexes = [models.Index(fields=["digest", "sent_at"], name="reminder_digest_time")]

    def __str__(self) -> str:
        return f"{self.user} · {self.key}"


class CommunicationSettings(models.Model):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="communication_settings"
    )
    reporting_reminder_days = models.PositiveSmallIntegerField(
        _("remind partners this many days before reporting is due"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Reminders also go out on the due date and once it has passed."),
    )

    class Meta:
        verbose_name = _("communication settings")
        verbose_name_plural = _("communication settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(reporting_reminder_days__gte=1, reporting_reminder_days__lte=60),
                name="reporting_reminder_days_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.initiative)
