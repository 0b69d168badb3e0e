"""The daily tasks: rounds past their closing date close, and respondents who have not
submitted hear that a round closes within three days: once, as their preference says, through
a real SMTP server as the reminders' other tests do."""

import email
import email.policy
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from backbone import tasks
from backbone.models import AssessmentRound, Response, RoundState
from backbone.services import answers as answer_services
from backbone.services import rounds as services
from communication.models import Delivery, EmailPreference, MessageKind, ReminderSent
from tests.backbone import round_factories as f
from tests.communication.test_mail_smtp import smtp_server  # noqa: F401 (a fixture)

TODAY = timezone.localdate


def test_beat_runs_both_tasks_daily():
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    for name in ("backbone.tasks.close_due_rounds", "backbone.tasks.assessment_reminders"):
        assert len(schedule[name].hour) == 1 and len(schedule[name].minute) == 1


def test_the_close_task_closes_due_rounds(world, eager_celery, monkeypatch):
    due = f.open_round(world, days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY() + timedelta(days=2))
    assert tasks.close_due_rounds.delay().get() == 1
    assert tasks.close_due_rounds.delay().get() == 0
    assert AssessmentRound.objects.get(pk=due.pk).state == RoundState.CLOSED


@pytest.fixture
def closing(world):
    """A round closing in two days; the partner submitted nothing, the staff submitted."""
    made = f.template()
    round = f.open_round(world, made, days=2)
    answer_services.answers_save(
        response=Response.objects.get(round=round, respondent=world.backbone),
        answers=f.all_answered(made),
        submit=True,
        by=world.backbone,
    )
    return round


def test_reminders_go_once_to_those_who_have_not_submitted(world, closing, eager_celery):
    assert tasks.assessment_reminders.delay().get() == 1
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    assert "closes on" in mail.outbox[0].subject or "closes on" in mail.outbox[0].body
    reminder = ReminderSent.objects.get()
    assert reminder.key == f"round:{closing.pk}:closing" and reminder.kind == "assessment_closing"
    assert reminder.params == {"name": closing.title, "when": closing.closes_on.isoformat()}
    assert reminder.path == f"/initiatives/stem/backbone/rounds/{closing.pk}/answer/"
    assert tasks.assessment_reminders.delay().get() == 0 and len(mail.outbox) == 1


def test_no_reminder_too_early_or_for_a_closed_round(world, closing):
    assert services.round_reminders_send(TODAY() - timedelta(days=2)) == 0
    services.round_close(round=closing, by=world.backbone)
    assert services.round_reminders_send(TODAY()) == 0
    assert mail.outbox == []


def test_the_preference_is_honoured(world, closing):
    EmailPreference.objects.create(
        user=world.partner, kind=MessageKind.REMINDERS, delivery=Delivery.NONE
    )
    assert services.round_reminders_send(TODAY()) == 0
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_a_digest_preference_keeps_the_reminder_for_the_digest(world, closing):
    EmailPreference.objects.create(
        user=world.partner, kind=MessageKind.REMINDERS, delivery=Delivery.DAILY
    )
    assert services.round_reminders_send(TODAY()) == 1
    assert mail.outbox == [] and ReminderSent.objects.get().digest == Delivery.DAILY


def test_a_reminder_through_a_real_smtp_server(world, closing, smtp_server):  # noqa: F811
    assert services.round_reminders_send(TODAY()) == 1
    ((rcpt, content),) = smtp_server.received
    assert rcpt == [world.partner.email]
    message = email.message_from_bytes(content, policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    assert closing.title in text and "your answers are not submitted" in text
    assert f"/rounds/{closing.pk}/answer/" in text


def test_reminder_query_count_is_flat(world, django_assert_max_num_queries):
    made = f.template()
    for n in range(4):
        f.open_round(world, made, title=f"r{n}", days=1)
    with django_assert_max_num_queries(2):
        assert len(services.round_reminders_due(TODAY())) == 8
