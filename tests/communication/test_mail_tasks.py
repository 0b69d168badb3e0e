"""The beat schedule runs the digests hourly and the reminders daily, through thin tasks."""

from datetime import date

from django.conf import settings
from django.core import mail

from communication import tasks
from communication.models import ActionItem, DigestRun


def test_beat_runs_the_digests_each_hour_and_the_reminders_each_day():
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    digests = schedule["communication.tasks.digests_send_task"]
    reminders = schedule["communication.tasks.reminders_send_task"]
    assert len(digests.hour) == 24 and len(digests.minute) == 1
    assert len(reminders.hour) == 1 and len(reminders.minute) == 1


def test_the_digest_task_opens_todays_windows(world, eager_celery):
    tasks.digests_send_task.delay()
    assert set(DigestRun.objects.values_list("frequency", flat=True)) == {"daily", "weekly"}
    assert DigestRun.objects.filter(finished_at__isnull=True).count() == 0


def test_the_reminder_task_sends_the_days_reminders(world, eager_celery, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 4))
    ActionItem.objects.create(
        initiative=world.initiative, title="Call", owner=world.partner, due_on=date(2026, 3, 5)
    )
    assert tasks.reminders_send_task.delay().get() == 1
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
