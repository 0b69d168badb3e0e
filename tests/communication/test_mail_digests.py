"""Digests: the window of each frequency, the kinds each person chose, nothing twice, nothing
lost, a run interrupted half-way resumes where it stopped, two workers never send the same
batch, and the queries of a batch do not grow with its size or the number of events."""

import threading
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communication.models import (
    Delivery,
    DigestDelivery,
    DigestFrequency,
    DigestRun,
    DigestSettings,
    EmailPreference,
    Event,
    EventKind,
    MessageKind,
)
from communication.services import mail_digests
from tests.communication.mail_factories import event, meeting
from tests.personas import member

# A Wednesday noon in the platform's time zone: the daily window is Tuesday.
NOW = timezone.make_aware(datetime(2026, 3, 4, 12, 0))
YESTERDAY = NOW - timedelta(days=1)


def at(moment, found):
    Event.objects.filter(pk=found.pk).update(occurred_at=moment)
    return found


def daily(*users, kinds=(MessageKind.MILESTONES,)):
    for user in users:
        for kind in kinds:
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": Delivery.DAILY}
            )


def outbox_to():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_daily_digest_holds_yesterday_in_the_kinds_chosen(world):
    daily(world.partner)
    at(YESTERDAY, event(world.initiative, EventKind.AGENDA_ADOPTED, name="Version 7"))
    at(NOW, event(world.initiative, EventKind.AGENDA_ADOPTED, name="Today's"))
    at(NOW - timedelta(days=2), event(world.initiative, EventKind.AGENDA_ADOPTED, name="Old"))
    at(YESTERDAY, event(world.initiative, EventKind.UPDATE_POSTED, name="Weekly news"))
    mail_digests.digests_send(now=NOW)
    (message,) = mail.outbox
    assert message.to == [world.partner.email]
    assert "Version 7" in message.body
    assert "Today's" not in message.body and "Old" not in message.body
    assert "Weekly news" not in message.body
    assert "STEM excellence" in message.body  # the section of its initiative


def test_the_weekly_digest_goes_on_each_persons_day_with_the_week_before(world):
    DigestSettings.objects.create(user=world.viewer, weekly_day=NOW.weekday())
    at(NOW - timedelta(days=5), event(world.initiative, EventKind.UPDATE_POSTED, name="Fresh news"))
    at(NOW - timedelta(days=9), event(world.initiative, EventKind.UPDATE_POSTED, name="Stale news"))
    mail_digests.digests_send(now=NOW)
    assert outbox_to() == [world.viewer.email]  # the others' day is Sunday
    assert "Fresh news" in mail.outbox[0].body and "Stale news" not in mail.outbox[0].body


def test_a_digest_holds_only_what_the_person_sees(world):
    daily(world.partner, world.viewer, kinds=[MessageKind.MEETINGS])
    private = meeting(world.initiative, shared=False, invitees=[world.partner])
    at(YESTERDAY, event(world.initiative, EventKind.MEETING_SCHEDULED, meeting=private))
    mail_digests.digests_send(now=NOW)
    assert outbox_to() == [world.partner.email]


def test_nothing_is_sent_twice_for_the_same_window(world):
    daily(world.partner, world.viewer)
    at(YESTERDAY, event(world.initiative))
    mail_digests.digests_send(now=NOW)
    mail_digests.digests_send(now=NOW + timedelta(hours=1))
    assert outbox_to() == sorted([world.partner.email, world.viewer.email])
    assert DigestRun.objects.filter(frequency=DigestFrequency.DAILY).count() == 1


def test_a_person_added_before_the_run_is_included(world):
    at(YESTERDAY, event(world.initiative))
    newcomer = member("newcomer@example.org", "viewer", world.initiative)
    daily(newcomer)
    mail_digests.digests_send(now=NOW)
    assert outbox_to() == [newcomer.email]


def test_a_run_interrupted_half_way_resumes_where_it_stopped(world, monkeypatch):
    people = [member(f"p{n}@example.org", "viewer", world.initiative) for n in range(10)]
    daily(*people)
    at(YESTERDAY, event(world.initiative))
    calls = []
    real = mail_digests.get_connection

    def failing_in_the_third_batch(*args, **kwargs):
        connection_ = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 3:  # the mail server goes away after the batch's first message
            send = connection_.send_messages
            sent = []

            def send_once(messages):
                if sent:
                    raise OSError("down")
                sent.append(1)
                return send(messages)

            connection_.send_messages = send_once
        return connection_

    monkeypatch.setattr(mail_digests, "get_connection", failing_in_the_third_batch)
    mail_digests.digests_send(now=NOW, batch_size=2)
    # Two batches and the first message of the third went, and are recorded; the run waits.
    assert len(mail.outbox) == 5 and DigestDelivery.objects.count() == 5
    assert DigestRun.objects.get(frequency="daily").finished_at is None

    mail_digests.digests_send(now=NOW + timedelta(hours=1), batch_size=2)
    assert outbox_to() == sorted(p.email for p in people)
    assert DigestRun.objects.get(frequency="daily").finished_at is not None


def test_a_run_left_unfinished_yesterday_is_finished_today(world):
    daily(world.partner)
    at(YESTERDAY - timedelta(days=1), event(world.initiative))
    end = timezone.make_aware(datetime(2026, 3, 3))
    DigestRun.objects.create(
        frequency="daily", window_start=end - timedelta(days=1), window_end=end
    )
    mail_digests.digests_send(now=NOW)
    assert outbox_to() == [world.partner.email]


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_batch(world):
    people = [member(f"w{n}@example.org", "viewer", world.initiative) for n in range(6)]
    daily(*people)
    at(YESTERDAY, event(world.initiative))
    end = timezone.make_aware(datetime(2026, 3, 4))
    run = DigestRun.objects.create(
        frequency="daily", window_start=end - timedelta(days=1), window_end=end
    )
    first_holds, second_done = threading.Event(), threading.Event()
    real = mail_digests.get_connection
    results = {}

    def holding_connection(*args, **kwargs):
        found = real(*args, **kwargs)
        if threading.current_thread().name == "first":
            first_holds.set()
            second_done.wait(10)
        return found

    def work(name):
        try:
            results[name] = mail_digests.digest_batch_send(run=run, batch_size=3)
        finally:
            if name == "second":
                second_done.set()
            connection.close()

    mail_digests.get_connection = holding_connection
    try:
        first = threading.Thread(target=work, args=["first"], name="first")
        first.start()
        first_holds.wait(10)  # the first holds its batch's locks, not yet committed
        second = threading.Thread(target=work, args=["second"], name="second")
        second.start()
        second.join(10)
        first.join(10)
    finally:
        mail_digests.get_connection = real
    assert results == {"first": (3, 3, True), "second": (3, 3, True)}
    assert outbox_to() == sorted(p.email for p in people)


def _batch_queries(world, people: int, events: int) -> int:
    for n in range(people):
        user = member(
            f"q{people}-{n}@example.org",
            "partner" if n % 2 else "viewer",
            world.initiative,
            world.partner_org if n % 2 else None,
        )
        daily(user, kinds=[MessageKind.MILESTONES, MessageKind.MEETINGS, MessageKind.REMINDERS])
    shared = meeting(world.initiative)
    for n in range(events):
        at(YESTERDAY, event(world.initiative, name=f"V{n}"))
        at(YESTERDAY, event(world.initiative, EventKind.MEETING_CHANGED, meeting=shared))
    end = timezone.make_aware(datetime(2026, 3, 4))
    run = DigestRun.objects.create(
        frequency="daily", window_start=end - timedelta(days=1), window_end=end
    )
    with CaptureQueriesContext(connection) as queries:
        done, sent, _complete = mail_digests.digest_batch_send(run=run, batch_size=500)
    assert done == sent >= people
    return len(queries)


def test_the_queries_of_a_batch_do_not_grow_with_people_or_events(world):
    small = _batch_queries(world, 3, 2)
    DigestRun.objects.all().delete()
    Event.objects.all().delete()
    mail.outbox.clear()
    assert _batch_queries(world, 30, 20) == small
