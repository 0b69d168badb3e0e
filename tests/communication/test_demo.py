"""The demo of communication: loaded once, with each thing the issue lists, and the homes and
the dashboard show their panels."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone

from communication.models import (
    ActionItem,
    ActionItemStatus,
    Answer,
    Attendance,
    Decision,
    DecisionChange,
    DecisionStatus,
    Delivery,
    EmailPreference,
    Event,
    EventDelivery,
    EventKind,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    MessageKind,
    Minutes,
    MinutesComment,
    MinutesCorrection,
    MinutesState,
    Update,
    UpdateAttachment,
    WorkingGroup,
    WorkingGroupMember,
)
from communication.sentences import sentence_text
from communication.services.updates import attachment_refusal
from initiatives.models import Initiative, Membership, User

MODELS = (
    WorkingGroup,
    WorkingGroupMember,
    Meeting,
    MeetingInvitation,
    Attendance,
    Minutes,
    MinutesComment,
    MinutesCorrection,
    Decision,
    DecisionChange,
    ActionItem,
    Update,
    UpdateAttachment,
    Event,
    EventDelivery,
    EmailPreference,
    User,
    Membership,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed(capture):
    with capture(execute=True):
        call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def seeded(db, eager_celery, django_capture_on_commit_callbacks, mailoutbox):
    seed(django_capture_on_commit_callbacks)
    return list(mailoutbox)


@pytest.fixture
def stem(seeded):
    return Initiative.objects.get(slug="5x2-stem-excellence")


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_a_second_seed_adds_nothing_and_sends_nothing(
    seeded, django_capture_on_commit_callbacks, mailoutbox
):
    first = counts()
    mailoutbox.clear()
    seed(django_capture_on_commit_callbacks)
    assert counts() == first
    assert mailoutbox == []


def test_only_the_last_weeks_events_are_emailed_now(seeded):
    """What happened weeks ago was emailed then: the seed sends a handful, not the history."""
    assert 0 < len(seeded) < 30
    week_ago = timezone.now() - timedelta(days=7)
    old = Event.objects.filter(occurred_at__lt=week_ago, recipient__isnull=True).exclude(
        kind=EventKind.AGENDA_ADOPTED  # the agenda demo's, which no demo user has at once
    )
    assert old.exists()
    # every old event of this demo is recorded as emailed then, to its readers
    for event in old.prefetch_related(None):
        sent = EventDelivery.objects.filter(event=event)
        assert sent.exists(), event
        assert set(sent.values_list("sent_at", flat=True)) == {event.occurred_at}
    # the last week's go out now, to those who chose them at once
    recent = EventDelivery.objects.filter(event__occurred_at__gte=week_ago)
    assert recent.count() == len(seeded)
    assert {m.to[0] for m in seeded} == set(recent.values_list("user__email", flat=True))


def test_the_working_group(stem):
    group = WorkingGroup.objects.get(initiative=stem)
    assert group.convener.email == "partner@example.org"
    assert group.strategy is not None and group.strategy.goal.initiative_id == stem.pk
    organizations = set(group.memberships.values_list("organization", flat=True))
    assert len(organizations - {None}) >= 3
    assert group.meetings.filter(kind=MeetingKind.WORKING_GROUP).exists()


def test_past_meetings_with_approved_minutes_decisions_and_action_items(stem):
    now = timezone.now()
    past = Meeting.objects.filter(initiative=stem, starts_at__lt=now)
    assert {m.kind for m in past} >= {MeetingKind.STEERING_COMMITTEE, MeetingKind.WORKING_GROUP}
    for meeting in past:
        assert meeting.items.exists()
        assert meeting.attendance.exists()
        answers = set(meeting.invitations.values_list("answer", flat=True))
        assert Answer.PENDING not in answers
        assert all(i.answered_at < meeting.starts_at for i in meeting.invitations.all())
        minutes = meeting.minutes
        assert minutes.state == MinutesState.APPROVED
        assert meeting.starts_at < minutes.circulated_at < minutes.approved_at < now
        assert minutes.comments.exists()
        assert meeting.decisions.exists()
        assert meeting.action_items.exists()
    correction = MinutesCorrection.objects.get(minutes__meeting__initiative=stem)
    assert correction.made_at > correction.minutes.approved_at
    assert correction.minutes.body == correction.body_after
    revisited = Decision.objects.get(initiative=stem, status=DecisionStatus.REVISITED)
    assert revisited.changes.get().status_before == DecisionStatus.IN_FORCE
    assert Decision.objects.filter(initiative=stem, status=DecisionStatus.IN_FORCE).count() >= 2


def test_action_items_open_done_and_overdue(stem):
    today = timezone.localdate()
    items = ActionItem.objects.filter(initiative=stem)
    open_items = items.filter(status=ActionItemStatus.OPEN)
    assert items.filter(status=ActionItemStatus.DONE, completed_at__isnull=False).exists()
    assert open_items.filter(due_on__gte=today).exists()
    assert open_items.filter(due_on__lt=today).exists()
    partner = open_items.filter(owner__email="partner@example.org")
    assert partner.filter(due_on__lt=today).exists() and partner.filter(due_on__gte=today).exists()


def test_an_upcoming_meeting_partly_answered_and_a_cancelled_one(stem):
    now = timezone.now()
    upcoming = Meeting.objects.get(
        initiative=stem, starts_at__gt=now, status="scheduled", starts_at__lt=now + timedelta(15)
    )
    assert upcoming.place and upcoming.online_url.startswith("https://")
    answers = list(upcoming.invitations.values_list("answer", flat=True))
    assert Answer.PENDING in answers and Answer.ATTENDING in answers
    cancelled = Meeting.objects.get(initiative=stem, status="cancelled")
    assert cancelled.sequence == 1
    told = Event.objects.filter(meeting=cancelled, recipient__isnull=True).order_by("occurred_at")
    assert [e.kind for e in told] == [EventKind.MEETING_SCHEDULED, EventKind.MEETING_CANCELLED]
    invited = Event.objects.filter(meeting=cancelled, kind=EventKind.MEETING_INVITED)
    assert set(invited.values_list("recipient", flat=True)) == set(
        cancelled.invitations.values_list("user", flat=True)
    )
    # Both lines give the meeting's time in Israel, whatever offset "when" was written with.
    local = formats.date_format(timezone.localtime(cancelled.starts_at), "DATETIME_FORMAT")
    assert all(local in sentence_text(event) for event in told)


def test_news_with_an_attachment_that_passes_the_checks(stem):
    updates = Update.objects.filter(initiative=stem, author__email="backbone@example.org")
    assert updates.count() >= 2
    attachment = UpdateAttachment.objects.get(update__initiative=stem)
    content = attachment.file.read()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert attachment_refusal(SimpleUploadedFile(attachment.name, content)) is None
    assert all(u.published_at < timezone.now() - timedelta(days=1) for u in updates)


def test_the_feed_has_a_mix_of_events(stem, client):
    kinds = set(Event.objects.filter(initiative=stem).values_list("kind", flat=True))
    assert kinds >= {
        EventKind.UPDATE_POSTED,
        EventKind.AGENDA_ADOPTED,
        EventKind.MEETING_SCHEDULED,
        EventKind.MEETING_CANCELLED,
        EventKind.MINUTES_APPROVED,
        EventKind.DECISION_TAKEN,
        EventKind.ACTION_ITEM_ASSIGNED,
    }
    adopted = Event.objects.filter(initiative=stem, kind=EventKind.AGENDA_ADOPTED)
    assert adopted.filter(occurred_at__lt=timezone.now() - timedelta(days=300)).exists()
    client.force_login(User.objects.get(email="viewer@example.org"))
    page = client.get(reverse("communication:news", args=[stem.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Two new 5-unit classes open in Rahat and Hura" in html
    assert "Steering committee: the year&#x27;s plan" in html


def test_email_preferences(seeded):
    partner = User.objects.get(email="partner@example.org")
    assert partner.language == "ar"
    chosen = dict(EmailPreference.objects.filter(user=partner).values_list("kind", "delivery"))
    assert chosen[MessageKind.NEWS] == Delivery.DAILY


def test_the_partners_home_shows_my_action_items(stem, client):
    client.force_login(User.objects.get(email="partner@example.org"))
    page = client.get(reverse("measurement:partner_home", args=[stem.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "My action items" in html
    assert "Agree the timetables with the head teachers" in html


def test_the_backbone_dashboard_shows_the_overdue_items(stem, client):
    client.force_login(User.objects.get(email="backbone@example.org"))
    page = client.get(reverse("measurement:dashboard", args=[stem.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Overdue action items" in html
    assert "Send the list of teachers for the new classes" in html


def test_every_demo_meeting_page_opens(stem, client):
    client.force_login(User.objects.get(email="backbone@example.org"))
    for meeting in Meeting.objects.filter(initiative=stem):
        page = client.get(reverse("communication:meeting_detail", args=[stem.slug, meeting.pk]))
        assert page.status_code == 200, meeting.title
        if hasattr(meeting, "minutes"):
            minutes = client.get(reverse("communication:minutes", args=[stem.slug, meeting.pk]))
            assert minutes.status_code == 200


def test_the_spheres_sessions_are_run_by_its_facilitator(seeded, client):
    sphere = Initiative.objects.get(slug="hamerhav")
    sessions = Meeting.objects.filter(initiative=sphere)
    assert set(sessions.values_list("kind", flat=True)) == {MeetingKind.SPHERE_SESSION}
    assert set(sessions.values_list("convener__email", flat=True)) == {"facilitator@example.org"}
    assert sessions.filter(starts_at__gt=timezone.now()).exists()
    assert Minutes.objects.filter(meeting__initiative=sphere, state=MinutesState.APPROVED).exists()
    assert Decision.objects.filter(initiative=sphere).exists()
    assert Update.objects.filter(initiative=sphere, author__email="facilitator@example.org")
    ceo = User.objects.get(email="ceo@example.org")
    assert ActionItem.objects.filter(initiative=sphere, owner=ceo, status="open").exists()
    client.force_login(ceo)
    page = client.get(reverse("communication:news", args=[sphere.slug]))
    assert page.status_code == 200
