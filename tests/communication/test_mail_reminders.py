"""Reminders: reporting due in N days, due today and overdue (to the representatives of
organizations with assigned indicators still without a sent value), action items due
tomorrow and overdue (to their owner), a meeting tomorrow (to invitees who did not decline);
each once, and as the REMINDERS preference says (at once, in a digest, or not at all)."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communication.models import (
    ActionItem,
    Answer,
    CommunicationSettings,
    Delivery,
    DigestRun,
    EmailPreference,
    MeetingInvitation,
    MessageKind,
    ReminderSent,
)
from communication.services import mail_digests
from communication.services.mail_reminders import reminders_send
from tests.communication.mail_factories import meeting
from tests.measurement.factories import IndicatorFactory, PeriodFactory, assign
from tests.personas import PERSONAS, check, login_as, member

DUE = date(2026, 4, 30)  # PeriodFactory's due date


def keys():
    return sorted(ReminderSent.objects.values_list("key", flat=True))


@pytest.fixture
def reporting(world):
    indicator = IndicatorFactory(initiative=world.initiative)
    assign(indicator, world.partner_org, world.second_org)
    return PeriodFactory(initiative=world.initiative)


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (DUE - timedelta(days=7), "reporting_due_soon"),
        (DUE, "reporting_due_today"),
        (DUE + timedelta(days=1), "reporting_overdue"),
    ],
)
def test_reporting_reminders_go_to_representatives_of_organizations_that_owe_values(
    world, reporting, today, kind
):
    assert reminders_send(today=today) == 1
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    assert keys() == [f"period:{reporting.pk}:{kind}"]
    assert reminders_send(today=today) == 0 and len(mail.outbox) == 1  # once


def test_no_reporting_reminder_on_other_days(world, reporting):
    for today in (DUE - timedelta(days=6), DUE - timedelta(days=1), DUE + timedelta(days=2)):
        reminders_send(today=today)
    assert mail.outbox == []


def test_the_initiatives_setting_says_how_early(world, reporting):
    CommunicationSettings.objects.create(initiative=world.initiative, reporting_reminder_days=3)
    assert reminders_send(today=DUE - timedelta(days=7)) == 0
    assert reminders_send(today=DUE - timedelta(days=3)) == 1


def test_an_organization_that_sent_its_values_is_not_reminded(world, reporting):
    from measurement.models import Submission

    Submission.objects.create(
        indicator=reporting.initiative.indicators.get(),
        organization=world.partner_org,
        period=reporting,
        state="submitted",
        value=3,
    )
    assert reminders_send(today=DUE) == 0


def test_action_items_due_tomorrow_and_overdue_go_to_their_owner_once(world):
    today = date(2026, 3, 4)
    due = ActionItem.objects.create(
        initiative=world.initiative,
        title="Call",
        owner=world.partner,
        due_on=today + timedelta(days=1),
    )
    late = ActionItem.objects.create(
        initiative=world.initiative,
        title="Write",
        owner=world.viewer,
        due_on=today - timedelta(days=1),
    )
    ActionItem.objects.create(
        initiative=world.initiative,
        title="Done",
        owner=world.viewer,
        due_on=today - timedelta(days=1),
        status="done",
    )
    assert reminders_send(today=today) == 2
    assert keys() == sorted(
        [f"action:{due.pk}:action_item_due", f"action:{late.pk}:action_item_overdue"]
    )
    assert reminders_send(today=today) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.partner.email, world.viewer.email])


def test_a_meeting_tomorrow_reminds_invitees_who_did_not_decline(world):
    today = date(2026, 3, 4)
    starts = timezone.make_aware(datetime(2026, 3, 5, 10, 0))
    found = meeting(
        world.initiative,
        invitees=[world.partner, world.viewer, world.facilitator],
        starts_at=starts,
    )
    MeetingInvitation.objects.filter(meeting=found, user=world.viewer).update(
        answer=Answer.NOT_ATTENDING
    )
    assert reminders_send(today=today) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.partner.email, world.facilitator.email]
    )
    assert reminders_send(today=today) == 0


def test_reminders_respect_the_preference(world, reporting):
    viewer_rep = member("second@example.org", "partner", world.initiative, world.second_org)
    EmailPreference.objects.create(
        user=world.partner, kind=MessageKind.REMINDERS, delivery=Delivery.NONE
    )
    EmailPreference.objects.create(
        user=viewer_rep, kind=MessageKind.REMINDERS, delivery=Delivery.DAILY
    )
    assert reminders_send(today=DUE) == 1
    assert mail.outbox == []  # nothing at once: one waits for the daily digest
    reminder = ReminderSent.objects.get()
    assert reminder.user == viewer_rep and reminder.digest == "daily"

    next_day = timezone.localtime(reminder.sent_at) + timedelta(days=1)
    DigestRun.objects.all().delete()
    mail_digests.digests_send(now=next_day)
    assert [m.to for m in mail.outbox] == [[viewer_rep.email]]
    assert "Reporting for" in mail.outbox[0].body


SETTINGS_EXPECTED = {
    "backbone": 200,
    "partner": 403,
    "other_partner": 404,
    "facilitator": 403,
    "viewer": 403,
    "outsider": 404,
    "superuser": 200,
    "anonymous": "login",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_staff_reach_the_communication_settings(client, world, persona):
    login_as(client, world, persona)
    check(client.get(reverse("communication:settings", args=["stem"])), SETTINGS_EXPECTED[persona])


def test_the_staff_set_how_early_reporting_reminders_go_out(client, world):
    client.force_login(world.backbone)
    url = reverse("communication:settings", args=["stem"])
    assert client.post(url, {"reporting_reminder_days": "10"}).status_code == 302
    assert (
        CommunicationSettings.objects.get(initiative=world.initiative).reporting_reminder_days == 10
    )


@pytest.mark.parametrize("bad", ["0", "61", "soon", ""])
def test_bad_settings_are_a_message_at_the_field(client, world, bad):
    client.force_login(world.backbone)
    response = client.post(
        reverse("communication:settings", args=["stem"]), {"reporting_reminder_days": bad}
    )
    assert response.status_code == 400
    assert "reporting_reminder_days" in response.context["form"].errors
    assert not CommunicationSettings.objects.exists()
