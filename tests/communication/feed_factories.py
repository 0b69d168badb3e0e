"""What the feed's tests build: files of each kind, updates posted through the service, and
the groups, meetings and events an audience is made of (rows, since the slices that write them
have services of their own)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from communication.models import Event, EventKind, Meeting, MeetingKind, WorkingGroup
from communication.services import updates as services
from communication.services.events import event_record

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="report.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="chart.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def csv(name="figures.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "עיר,ערך\nחיפה,3\n".encode(), content_type="text/csv")


def posted(world, *, title="Q1 figures are in", body="See the dashboard.", files=(), **kwargs):
    return services.update_post(
        user=world.backbone,
        initiative=world.initiative,
        title=title,
        body=body,
        files=list(files),
        **kwargs,
    )


def group(world, *, members=(), convener=None, name="Data group") -> WorkingGroup:
    working_group = WorkingGroup.objects.create(
        initiative=world.initiative, name=name, convener=convener
    )
    for user in members:
        working_group.memberships.create(user=user)
    return working_group


def meeting(world, *, shared=False, working_group=None, invitees=(), title="Steering") -> Meeting:
    start = timezone.now() + timedelta(days=3)
    row = Meeting.objects.create(
        initiative=world.initiative,
        working_group=working_group,
        kind=MeetingKind.STEERING_COMMITTEE,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        shared=shared,
    )
    for user in invitees:
        row.invitations.create(user=user)
    return row


def event(world, kind=EventKind.DECISION_TAKEN, *, initiative=None, name="A", **subjects) -> Event:
    return event_record(
        initiative or world.initiative, kind, params={"name": name}, path="/x/", **subjects
    )


@pytest.fixture
def media(settings, tmp_path):
    """Files are written under a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
