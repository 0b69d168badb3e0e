"""An event emailed at once: to its audience but its actor, to those who chose its kind at
once, once each (a retried task sends nobody twice), and only after the change commits."""

import pytest
from django.core import mail

from communication.models import (
    Delivery,
    EmailPreference,
    EventDelivery,
    EventKind,
    MessageKind,
)
from communication.services.mail import event_deliver
from tests.communication.mail_factories import event, meeting


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_meeting_scheduled_goes_at_once_to_everyone_who_sees_it_but_its_actor(world):
    found = event(
        world.initiative,
        EventKind.MEETING_SCHEDULED,
        meeting=meeting(world.initiative),
        actor=world.backbone,
    )
    assert event_deliver(found.pk) == 3
    # The platform administrator sees the meeting on the site, but is not in the initiative.
    assert recipients() == sorted(u.email for u in (world.partner, world.facilitator, world.viewer))


def test_a_private_meeting_reaches_its_invitees_and_the_staff_only(world):
    private = meeting(world.initiative, shared=False, invitees=[world.partner])
    event_deliver(event(world.initiative, EventKind.MEETING_SCHEDULED, meeting=private).pk)
    assert recipients() == sorted(u.email for u in (world.backbone, world.partner))


def test_those_who_chose_a_digest_or_nothing_get_no_immediate_mail(world):
    EmailPreference.objects.create(
        user=world.partner, kind=MessageKind.MEETINGS, delivery=Delivery.DAILY
    )
    EmailPreference.objects.create(
        user=world.viewer, kind=MessageKind.MEETINGS, delivery=Delivery.NONE
    )
    event_deliver(
        event(world.initiative, EventKind.MEETING_CHANGED, meeting=meeting(world.initiative)).pk
    )
    assert world.partner.email not in recipients()
    assert world.viewer.email not in recipients()
    assert world.backbone.email in recipients()


def test_news_waits_for_the_weekly_digest_by_default(world):
    assert event_deliver(event(world.initiative, EventKind.UPDATE_POSTED).pk) == 0
    assert mail.outbox == []


def test_a_retried_task_sends_nobody_twice(world):
    found = event(world.initiative, EventKind.MINUTES_APPROVED, meeting=meeting(world.initiative))
    first = event_deliver(found.pk)
    assert event_deliver(found.pk) == 0
    assert len(mail.outbox) == first == EventDelivery.objects.filter(event=found).count()


def test_a_failed_send_records_nothing_and_the_retry_sends_it(world, monkeypatch):
    from communication.services import mail as service

    found = event(world.initiative, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.partner)
    real = service.get_connection

    def down(*args, **kwargs):
        connection = real(*args, **kwargs)
        connection.send_messages = lambda messages: (_ for _ in ()).throw(OSError("down"))
        return connection

    monkeypatch.setattr(service, "get_connection", down)
    with pytest.raises(OSError):
        event_deliver(found.pk)
    assert not EventDelivery.objects.filter(event=found).exists()
    monkeypatch.setattr(service, "get_connection", real)
    assert event_deliver(found.pk) == 1
    assert recipients() == [world.partner.email]


def test_the_event_is_mailed_once_its_transaction_commits(
    world, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event(world.initiative, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.partner)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert recipients() == [world.partner.email]
