"""The services of working groups and meetings: who may, the sequence rules, the agenda's
order, invitations and their answers, attendance, and bad input (a message at the field,
nothing saved)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agenda.models import Goal
from communication.models import (
    AgendaItem,
    Answer,
    Event,
    EventKind,
    Meeting,
    MeetingInvitation,
    MeetingStatus,
    WorkingGroup,
)
from communication.services import groups as group_services
from communication.services import meetings as services
from tests.agenda.factories import adopted_agenda
from tests.communication.meet_factories import convener_partner, group, meeting, started

pytestmark = pytest.mark.django_db


def fields_of(error: ValidationError) -> set[str]:
    return set(error.value.message_dict)


def test_staff_create_a_group_with_members_for_their_organizations(world):
    g = group(world, convener=world.partner, members=[world.partner, world.viewer])
    rows = {m.user_id: m.organization_id for m in g.memberships.all()}
    assert rows == {world.partner.pk: world.partner_org.pk, world.viewer.pk: None}


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "other_partner"])
def test_only_staff_create_groups(world, persona):
    with pytest.raises(PermissionDenied):
        group_services.group_create(
            user=getattr(world, persona), initiative=world.initiative, name="X"
        )


def test_a_group_refuses_people_and_goals_of_another_initiative(world):
    other_goal = Goal.objects.create(initiative=world.other_initiative, title="Other")
    with pytest.raises(ValidationError) as error:
        group_services.group_create(
            user=world.backbone,
            initiative=world.initiative,
            name="X",
            goal=other_goal,
            convener=world.other_partner,
            members=[world.other_partner],
        )
    assert fields_of(error) == {"convener", "goal"}
    assert not WorkingGroup.objects.exists()


def test_a_group_name_is_unique_in_its_initiative(world):
    group(world, name="Data")
    with pytest.raises(ValidationError) as error:
        group(world, name=" Data ")
    assert fields_of(error) == {"name"}


def test_a_group_with_a_stranger_among_members_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        group(world, members=[world.partner, world.outsider])
    assert fields_of(error) == {"members"}
    assert not WorkingGroup.objects.exists()


def test_scheduling_records_an_event_with_the_meeting(world):
    m = meeting(world)
    event = Event.objects.get()
    assert event.kind == EventKind.MEETING_SCHEDULED
    assert event.meeting == m and event.working_group is None
    assert event.params == {
        "name": m.title,
        "when": m.starts_at.isoformat(),
        "time_zone": m.time_zone,
    }
    assert event.path == f"/initiatives/stem/meetings/{m.pk}/"
    assert m.sequence == 0 and m.shared and m.convener == world.backbone


def test_a_convener_schedules_their_groups_meetings_only(world):
    convener = convener_partner(world)
    g = group(world, convener=convener)
    m = meeting(world, user=convener, working_group=g, kind="working_group")
    assert m.convener == convener and not m.shared
    assert Event.objects.get().working_group == g
    with pytest.raises(PermissionDenied):
        meeting(world, user=convener)
    with pytest.raises(PermissionDenied):
        meeting(world, user=world.partner, working_group=g)


@pytest.mark.parametrize("persona", ["partner", "facilitator", "viewer", "outsider"])
def test_others_may_not_schedule(world, persona):
    with pytest.raises(PermissionDenied):
        meeting(world, user=getattr(world, persona))


def test_no_meeting_in_an_archived_group(world):
    g = group(world)
    group_services.group_archive(user=world.backbone, group=g)
    with pytest.raises(ValidationError) as error:
        meeting(world, working_group=g)
    assert fields_of(error) == {"working_group"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"place": "", "online_url": ""}, "place"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"online_url": "not a link", "place": ""}, "online_url"),
        ({"title": "x" * 301}, "title"),
    ],
)
def test_bad_meetings_are_refused_at_the_field(world, fields, field):
    with pytest.raises(ValidationError) as error:
        meeting(world, **fields)
    assert field in fields_of(error)
    assert not Meeting.objects.exists() and not Event.objects.exists()


def test_a_meeting_must_end_after_it_starts(world):
    m = meeting(world)
    with pytest.raises(ValidationError) as error:
        services.meeting_change(user=world.backbone, meeting=m, ends_at=m.starts_at)
    assert fields_of(error) == {"ends_at"}


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Renamed"},
        {"place": "Haifa"},
        {"online_url": "https://meet.example.org/x"},
        {"time_zone": "Europe/London"},
    ],
)
def test_a_change_calendars_must_see_raises_the_sequence(world, change):
    m = meeting(world)
    m = services.meeting_change(user=world.backbone, meeting=m, **change)
    assert m.sequence == 1
    assert Event.objects.filter(kind=EventKind.MEETING_CHANGED).count() == 1


def test_moving_the_time_raises_the_sequence_each_time(world):
    m = meeting(world)
    for step in (1, 2):
        m = services.meeting_change(
            user=world.backbone,
            meeting=m,
            starts_at=m.starts_at + timedelta(hours=1),
            ends_at=m.ends_at + timedelta(hours=1),
        )
        assert m.sequence == step


def test_a_change_of_the_description_or_sharing_keeps_the_sequence(world):
    m = meeting(world)
    m = services.meeting_change(user=world.backbone, meeting=m, description="More", shared=False)
    assert m.sequence == 0 and not m.shared
    assert not Event.objects.filter(kind=EventKind.MEETING_CHANGED).exists()


def test_cancelling_keeps_the_meeting_with_a_higher_sequence(world):
    m = meeting(world)
    m = services.meeting_cancel(user=world.backbone, meeting=m)
    assert m.status == MeetingStatus.CANCELLED and m.sequence == 1 and m.cancelled_at
    assert Event.objects.filter(kind=EventKind.MEETING_CANCELLED).count() == 1
    with pytest.raises(ValidationError):
        services.meeting_cancel(user=world.backbone, meeting=m)
    with pytest.raises(ValidationError):
        services.meeting_change(user=world.backbone, meeting=m, title="Back")


def test_a_partner_cannot_change_or_cancel(world):
    m = meeting(world)
    with pytest.raises(PermissionDenied):
        services.meeting_change(user=world.partner, meeting=m, title="Mine")
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(user=world.partner, meeting=m)


# --- agenda ------------------------------------------------------------------------------


def positions(m) -> list[str]:
    return list(m.items.order_by("position").values_list("title", flat=True))


def test_the_agenda_keeps_dense_positions(world):
    m = meeting(world)
    for title in ("A", "B", "C"):
        services.agenda_item_add(user=world.backbone, meeting=m, title=title)
    c = m.items.get(title="C")
    services.agenda_item_move(user=world.backbone, item=c, up=True)
    assert positions(m) == ["A", "C", "B"]
    services.agenda_item_move(user=world.backbone, item=m.items.get(title="A"), up=True)
    assert positions(m) == ["A", "C", "B"]
    services.agenda_item_remove(user=world.backbone, item=m.items.get(title="A"))
    assert list(m.items.order_by("position").values_list("position", flat=True)) == [0, 1]
    assert positions(m) == ["C", "B"]


def test_an_item_refuses_another_initiatives_goal_and_bad_minutes(world):
    adopted_agenda(world)
    goal = Goal.objects.get(initiative=world.initiative)
    other_goal = Goal.objects.create(initiative=world.other_initiative, title="Other")
    m = meeting(world)
    item = services.agenda_item_add(
        user=world.backbone,
        meeting=m,
        title="Budget",
        goal=goal,
        minutes_allotted=30,
        presenter=world.partner,
    )
    assert item.goal == goal
    for fields, field in [
        ({"goal": other_goal}, "goal"),
        ({"minutes_allotted": 0}, "minutes_allotted"),
        ({"minutes_allotted": 1441}, "minutes_allotted"),
        ({"presenter": world.other_partner}, "presenter"),
        ({"title": ""}, "title"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.agenda_item_add(user=world.backbone, meeting=m, **{"title": "T", **fields})
        assert fields_of(error) == {field}
    assert AgendaItem.objects.count() == 1


def test_a_partner_cannot_change_the_agenda(world):
    m = meeting(world)
    with pytest.raises(PermissionDenied):
        services.agenda_item_add(user=world.partner, meeting=m, title="Mine")


# --- invitations -------------------------------------------------------------------------


def test_invitations_carry_the_organization_and_are_made_once(world):
    m = meeting(world)
    added = services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])
    assert [(i.user_id, i.organization_id) for i in added] == [
        (world.partner.pk, world.partner_org.pk)
    ]
    again = services.invitations_add(
        user=world.backbone, meeting=m, people=[world.partner, world.viewer]
    )
    assert [i.user_id for i in again] == [world.viewer.pk]
    assert m.invitations.count() == 2


def test_only_people_of_the_initiative_are_invited(world):
    m = meeting(world)
    with pytest.raises(ValidationError) as error:
        services.invitations_add(
            user=world.backbone, meeting=m, people=[world.partner, world.other_partner]
        )
    assert fields_of(error) == {"people"}
    assert not m.invitations.exists()


def test_the_invitee_answers_and_changes_the_answer_until_the_start(world):
    m = meeting(world)
    (invitation,) = services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])
    services.invitation_answer(user=world.partner, invitation=invitation, answer=Answer.MAYBE)
    invitation = services.invitation_answer(
        user=world.partner, invitation=invitation, answer=Answer.ATTENDING, note="  On  time "
    )
    assert invitation.answer == Answer.ATTENDING and invitation.note == "On time"
    started(m)
    with pytest.raises(ValidationError):
        services.invitation_answer(
            user=world.partner, invitation=invitation, answer=Answer.NOT_ATTENDING
        )
    assert MeetingInvitation.objects.get().answer == Answer.ATTENDING


def test_only_the_invitee_answers(world):
    m = meeting(world)
    (invitation,) = services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])
    with pytest.raises(PermissionDenied):
        services.invitation_answer(user=world.backbone, invitation=invitation, answer="attending")


@pytest.mark.parametrize(
    ("answer", "note"), [("pending", ""), ("yes", ""), ("attending", "x" * 301)]
)
def test_a_bad_answer_is_refused(world, answer, note):
    m = meeting(world)
    (invitation,) = services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])
    with pytest.raises(ValidationError) as error:
        services.invitation_answer(
            user=world.partner, invitation=invitation, answer=answer, note=note
        )
    assert fields_of(error) <= {"answer", "note"}
    assert MeetingInvitation.objects.get().answer == Answer.PENDING


# --- attendance --------------------------------------------------------------------------


def test_attendance_is_taken_after_the_start_only(world):
    m = meeting(world)
    with pytest.raises(ValidationError):
        services.attendance_record(user=world.backbone, meeting=m, people=[world.partner])
    started(m)
    rows = services.attendance_record(
        user=world.backbone, meeting=m, people=[world.partner, world.viewer]
    )
    assert {(r.user_id, r.organization_id) for r in rows} == {
        (world.partner.pk, world.partner_org.pk),
        (world.viewer.pk, None),
    }
    rows = services.attendance_record(user=world.backbone, meeting=m, people=[world.viewer])
    assert [r.user_id for r in rows] == [world.viewer.pk]


def test_attendance_refuses_strangers_and_is_the_runners(world):
    m = started(meeting(world))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(user=world.backbone, meeting=m, people=[world.outsider])
    assert fields_of(error) == {"people"}
    with pytest.raises(PermissionDenied):
        services.attendance_record(user=world.partner, meeting=m, people=[world.partner])


def test_the_group_convener_runs_the_groups_meeting(world):
    convener = convener_partner(world)
    g = group(world, convener=convener, members=[world.partner])
    m = started(meeting(world, working_group=g))
    assert m.convener == convener
    rows = services.attendance_record(user=convener, meeting=m, people=[world.partner])
    assert len(rows) == 1


def test_each_invitee_is_told_of_the_invitation_with_the_time_in_the_meetings_zone(world):
    from communication.sentences import sentence_text

    m = meeting(world)
    services.invitations_add(user=world.backbone, meeting=m, people=[world.partner, world.viewer])
    told = Event.objects.filter(kind=EventKind.MEETING_INVITED, meeting=m)
    assert set(told.values_list("recipient", flat=True)) == {world.partner.pk, world.viewer.pk}
    assert "(Asia/Jerusalem)" in sentence_text(told.first())
    # Inviting again tells nobody twice.
    services.invitations_add(user=world.backbone, meeting=m, people=[world.partner])
    assert told.count() == 2
