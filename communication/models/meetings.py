"""Meetings of an initiative or of one of its working groups, with their agenda, invitations
and attendance. A meeting keeps one calendar UID for its whole life; each change the invitees'
calendars must see raises its `sequence` (RFC 5545), a cancellation included."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Organization, User
from sheatufim.translated import Translatable

from ._common import goal_fk, indicator_fk, strategy_fk, user_fk
from .groups import WorkingGroup


class MeetingKind(models.TextChoices):
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    WORKING_GROUP = "working_group", _("Working group")
    PARTNERS_ASSEMBLY = "partners_assembly", _("Partners' assembly")
    SPHERE_SESSION = "sphere_session", _("Sphere session")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


def new_uid() -> str:
    return f"{uuid.uuid4()}@sheatufim"


class Meeting(Translatable):
    translatable = ("title", "description")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("initiative")
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    convener = user_fk(_("convener"), related_name="convened_meetings")
    # Off: only the invitees, the working group's members and the staff see the meeting.
    shared = models.BooleanField(
        _("shared with everyone in the initiative"),
        default=True,
        help_text=_("Off: only the invitees, the working group's members and the staff see it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["initiative", "starts_at"], name="meeting_initiative_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class AgendaItem(Translatable):
    """One item of a meeting's agenda, in the order of `position`."""

    translatable = ("title",)

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    presenter = user_fk(_("presenter"))
    minutes_allotted = models.PositiveSmallIntegerField(
        _("minutes allotted"), null=True, blank=True
    )
    goal = goal_fk()
    strategy = strategy_fk()
    indicator = indicator_fk()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_allotted__isnull=True)
                | Q(minutes_allotted__gte=1, minutes_allotted__lte=1440),
                name="agenda_item_minutes_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ATTENDING = "attending", _("Attending")
    NOT_ATTENDING = "not_attending", _("Not attending")
    MAYBE = "maybe", _("Maybe")


class MeetingInvitation(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="meeting_invitations", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to a meeting")
        verbose_name_plural = _("invitations to meetings")
        ordering = ["meeting_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="meeting_invitation_once",
                violation_error_message=_("This person is already invited."),
            ),
            models.CheckConstraint(
                condition=Q(answer__in=Answer.values), name="meeting_invitation_answer_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"


class Attendance(models.Model):
    """Who came to a meeting, and for which organization; taken at the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    recorded_by = user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="attendance_once",
                violation_error_message=_("This person's attendance is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"


class CalendarFeed(models.Model):
    """A person's private calendar address. Renewing it replaces the token: the old address
    stops answering at once. Only the token's hash is kept (like API tokens)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
