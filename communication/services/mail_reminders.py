"""Reminders, once a day and once per occasion (ReminderSent's key): reporting due in N days
(the initiative's CommunicationSettings), due today and overdue (the day after), to the
representatives of each organization with an assigned indicator still without a sent value;
action items due tomorrow and overdue (the day after), to their owner; a meeting tomorrow, to
its invitees who did not decline. The REMINDERS preference decides: at once (the reminder
mail), in a digest (the row waits for it), or nothing."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Membership, Role, User
from measurement.models import IndicatorAssignment, PeriodState, ReportingPeriod, Submission
from measurement.selectors.completeness import SENT, not_expected

from ..messages import Section, message_build, reminder_line
from ..models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    Answer,
    CommunicationSettings,
    Delivery,
    MeetingInvitation,
    MeetingStatus,
    MessageKind,
    ReminderKind,
    ReminderSent,
)
from ..preferences import deliveries_for
from .meetings import meeting_params, meeting_path

logger = logging.getLogger(__name__)

DEFAULT_REPORTING_DAYS = 7


@dataclass
class Due:
    user_id: int
    key: str
    kind: str
    initiative_id: int
    params: dict
    path: str


def reminders_send(*, today: date | None = None) -> int:
    """Every reminder of `today` not yet sent. Returns the number of rows recorded."""
    today = today or timezone.localdate()
    due = [*reporting_due(today), *action_items_due(today), *meetings_tomorrow(today)]
    return reminders_record(due)


def reporting_due(today: date) -> list[Due]:
    days = dict(
        CommunicationSettings.objects.values_list("initiative_id", "reporting_reminder_days")
    )
    periods = [
        period
        for period in ReportingPeriod.objects.filter(
            state=PeriodState.OPEN, due_date__gte=today - timedelta(days=1)
        ).select_related("initiative")
        if _reporting_kind(period, today, days) is not None
    ]
    excused = not_expected(periods=periods)
    found = []
    for period in periods:
        kind = _reporting_kind(period, today, days)
        missing = (
            IndicatorAssignment.objects.filter(
                indicator__initiative_id=period.initiative_id,
                indicator__is_active=True,
                indicator__frequency=period.frequency,
            )
            .exclude(
                Exists(
                    Submission.objects.filter(
                        indicator_id=OuterRef("indicator_id"),
                        organization_id=OuterRef("organization_id"),
                        period=period,
                        state__in=SENT,
                    )
                )
            )
            .values_list("indicator_id", "organization_id")
        )
        organizations = {org for ind, org in missing if (ind, org) not in excused[period.pk]}
        people = Membership.objects.filter(
            initiative_id=period.initiative_id,
            role=Role.PARTNER,
            organization_id__in=organizations,
            user__is_active=True,
        ).values_list("user_id", flat=True)
        name = f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"
        path = reverse("initiatives:detail", args=[period.initiative.slug])
        for user_id in people:
            found.append(
                Due(
                    user_id,
                    f"period:{period.pk}:{kind}",
                    kind,
                    period.initiative_id,
                    {"name": name, "when": period.due_date.isoformat()},
                    path,
                )
            )
    return found


def _reporting_kind(period, today: date, days: dict) -> str | None:
    before = days.get(period.initiative_id, DEFAULT_REPORTING_DAYS)
    if period.due_date == today + timedelta(days=before):
        return ReminderKind.REPORTING_DUE_SOON
    if period.due_date == today:
        return ReminderKind.REPORTING_DUE_TODAY
    if period.due_date == today - timedelta(days=1):
        return ReminderKind.REPORTING_OVERDUE
    return None


def action_items_due(today: date) -> list[Due]:
    found = []
    items = ActionItem.objects.filter(
        _still_member("owner_id"),
        status__in=OPEN_ACTION_STATUSES,
        owner__is_active=True,
        due_on__in=[today + timedelta(days=1), today - timedelta(days=1)],
    ).select_related("initiative")
    for item in items:
        kind = (
            ReminderKind.ACTION_ITEM_DUE
            if item.due_on > today
            else ReminderKind.ACTION_ITEM_OVERDUE
        )
        found.append(
            Due(
                item.owner_id,
                f"action:{item.pk}:{kind}",
                kind,
                item.initiative_id,
                {"name": item.title, "when": item.due_on.isoformat()},
                reverse("communication:action_item_detail", args=[item.initiative.slug, item.pk]),
            )
        )
    return found


def meetings_tomorrow(today: date) -> list[Due]:
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    invitations = (
        MeetingInvitation.objects.filter(
            _still_member("user_id", initiative="meeting__initiative_id"),
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=start + timedelta(days=1),
            user__is_active=True,
        )
        .exclude(answer=Answer.NOT_ATTENDING)
        .select_related("meeting__initiative")
    )
    found = []
    for invitation in invitations:
        meeting = invitation.meeting
        found.append(
            Due(
                invitation.user_id,
                # A meeting moved to another day is a new occasion.
                f"meeting:{meeting.pk}:{timezone.localdate(meeting.starts_at).isoformat()}",
                ReminderKind.MEETING_TOMORROW,
                meeting.initiative_id,
                meeting_params(meeting),
                meeting_path(meeting),
            )
        )
    return found


def _still_member(user_field: str, initiative: str = "initiative_id") -> Exists:
    """The person is still in the initiative (someone who left hears no more of it)."""
    return Exists(
        Membership.objects.filter(user_id=OuterRef(user_field), initiative_id=OuterRef(initiative))
    )


class RemindersNotSent(OSError):
    """Some reminders could not be sent; the others are recorded, and the task retries these."""


def reminders_record(due: list[Due]) -> int:
    """Record each reminder once; mail those who want reminders at once, in the same
    transaction as the record. A send that fails records nothing for that person and the
    others go on; then RemindersNotSent makes the task retry (the day's own reminder would be
    too late tomorrow), and the retry sends only what was not recorded."""
    chosen = deliveries_for({item.user_id for item in due})
    already = set(
        ReminderSent.objects.filter(
            user_id__in=list(chosen), key__in=[item.key for item in due]
        ).values_list("user_id", "key")
    )
    users = User.objects.in_bulk(list(chosen))
    recorded = 0
    failed = 0
    for item in due:
        delivery = chosen[item.user_id][MessageKind.REMINDERS]
        if delivery == Delivery.NONE or (item.user_id, item.key) in already:
            continue
        digest = "" if delivery == Delivery.IMMEDIATE else delivery
        try:
            with transaction.atomic():
                reminder = ReminderSent.objects.create(
                    user_id=item.user_id,
                    key=item.key,
                    kind=item.kind,
                    initiative_id=item.initiative_id,
                    params=item.params,
                    path=item.path,
                    digest=digest,
                )
                if not digest:
                    reminder_message(users[item.user_id], reminder).send()
        except IntegrityError:
            continue  # another run recorded it
        except (OSError, smtplib.SMTPException):
            logger.warning("Reminder %s to user %s not sent", item.key, item.user_id, exc_info=True)
            failed += 1
            continue
        already.add((item.user_id, item.key))
        recorded += 1
    if failed:
        raise RemindersNotSent(f"{failed} reminders not sent; {recorded} recorded")
    return recorded


def reminder_message(user, reminder):
    def content():
        line = reminder_line(reminder)
        name = str(reminder.initiative.text("name"))
        return (
            _("Reminder: %(what)s") % {"what": line.text},
            _("A reminder:"),
            [Section(name, [line])],
        )

    return message_build(user=user, scope=MessageKind.REMINDERS, content=content)
