"""audience.event_visibility, the one rule of the feed and the mail, persona by persona: an
event of the whole initiative, of a working group, of a shared and of a closed meeting, and a
personal one; then the feed's selector, which adds the initiative and leaves personal ones out."""

import pytest

from communication.audience import event_visibility
from communication.models import Event, EventKind
from communication.selectors import feed as selectors
from tests.communication.feed_factories import event, group, meeting
from tests.initiatives.factories import UserFactory

ALL = {"initiative", "group", "shared", "closed", "invited", "personal_partner", "personal_viewer"}


@pytest.fixture
def events(world):
    working_group = group(world, members=[world.viewer])
    return {
        "initiative": event(world, name="initiative"),
        "group": event(world, name="group", working_group=working_group),
        "shared": event(world, EventKind.MEETING_SCHEDULED, meeting=meeting(world, shared=True)),
        "closed": event(world, EventKind.MEETING_SCHEDULED, meeting=meeting(world)),
        "invited": event(
            world, EventKind.MEETING_SCHEDULED, meeting=meeting(world, invitees=[world.partner])
        ),
        "personal_partner": event(world, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.partner),
        "personal_viewer": event(world, EventKind.ACTION_ITEM_ASSIGNED, recipient=world.viewer),
        "elsewhere": event(world, initiative=world.other_initiative, name="elsewhere"),
    }


def seen(world, events, user, *, personal=False) -> set[str]:
    names = {pk: name for name, pk in ((n, e.pk) for n, e in events.items())}
    rows = Event.objects.filter(
        event_visibility(user, world.initiative, personal=personal), initiative=world.initiative
    )
    return {names[pk] for pk in rows.values_list("pk", flat=True)}


PUBLIC = {"initiative", "shared"}
FEED = {
    "backbone": ALL - {"personal_partner", "personal_viewer"},
    "superuser": ALL - {"personal_partner", "personal_viewer"},
    "partner": PUBLIC | {"invited"},
    "viewer": PUBLIC | {"group"},
    "facilitator": PUBLIC,
    "other_partner": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("persona", sorted(FEED))
def test_each_persona_sees_what_the_rule_says(world, events, persona):
    assert seen(world, events, getattr(world, persona)) == FEED[persona]


@pytest.mark.parametrize("persona", sorted(FEED))
def test_personal_adds_only_ones_own(world, events, persona):
    own = {"partner": {"personal_partner"}, "viewer": {"personal_viewer"}}.get(persona, set())
    assert seen(world, events, getattr(world, persona), personal=True) == FEED[persona] | own


def test_an_anonymous_visitor_sees_nothing(world, events):
    from django.contrib.auth.models import AnonymousUser

    assert seen(world, events, AnonymousUser()) == set()


def test_a_groups_convener_sees_its_events_without_being_a_member(world, events):
    convener = world.partner
    events["group"].working_group.convener = convener
    events["group"].working_group.save()
    assert "group" in seen(world, events, convener)


def test_a_meetings_event_follows_the_meeting_not_its_group(world):
    """A closed meeting of a group is seen by the group's members (meeting_visibility), and
    an event of the group tied to that meeting by no one else."""
    working_group = group(world, members=[world.partner])
    closed = meeting(world, working_group=working_group)
    line = event(world, EventKind.MINUTES_APPROVED, meeting=closed, working_group=working_group)
    events = {"line": line}
    assert seen(world, events, world.partner) == {"line"}
    assert seen(world, events, world.viewer) == set()


def test_an_inactive_member_sees_nothing(world, events):
    world.partner.is_active = False
    world.partner.save()
    assert seen(world, events, world.partner) == set()


def test_the_feed_is_the_initiatives_never_personal_newest_first(world, events):
    lines = list(selectors.event_list_for_user(user=world.backbone, initiative=world.initiative))
    assert {line.pk for line in lines} == {events[n].pk for n in FEED["backbone"]}
    assert lines == sorted(lines, key=lambda e: (e.occurred_at, e.pk), reverse=True)


def test_the_feed_filters_by_kind(world, events):
    lines = selectors.event_list_for_user(
        user=world.backbone, initiative=world.initiative, kinds=[EventKind.MEETING_SCHEDULED]
    )
    assert {line.pk for line in lines} == {events[n].pk for n in ("shared", "closed", "invited")}


def test_the_apis_feed_spans_the_users_initiatives_only(world, events):
    both = UserFactory()
    from tests.initiatives.factories import MembershipFactory

    MembershipFactory(user=both, initiative=world.initiative, role="viewer")
    MembershipFactory(user=both, initiative=world.other_initiative, role="viewer")
    visible = {e.pk for e in selectors.events_visible_to(user=both)}
    assert visible == {events[n].pk for n in ("initiative", "shared", "elsewhere")}
    partner = {e.pk for e in selectors.events_visible_to(user=world.partner)}
    assert partner == {events[n].pk for n in FEED["partner"]}
    superuser = {e.pk for e in selectors.events_visible_to(user=world.superuser)}
    assert superuser == {events[n].pk for n in (FEED["superuser"] | {"elsewhere"})}
