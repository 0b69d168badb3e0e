"""The set-based audience (audience_pairs, for the mail) says what event_visibility (the
feed's rule) says, for every persona and every shape of event, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from communication.audience import audience_pairs, event_visibility
from communication.models import Event
from tests.communication.mail_factories import event, events_of_every_shape
from tests.initiatives.factories import UserFactory
from tests.personas import PERSONAS, member


def test_both_forms_of_the_rule_agree_for_every_persona_and_event(world):
    events = events_of_every_shape(world)
    pairs = audience_pairs(events)
    people = [getattr(world, persona) for persona in PERSONAS if persona != "anonymous"]
    for user in people:
        for found in events:
            one_by_one = Event.objects.filter(
                event_visibility(user, found.initiative, personal=True), pk=found.pk
            ).exists()
            assert ((user.pk, found.pk) in pairs) == one_by_one, (user.email, found.kind)


def test_a_personal_event_reaches_its_recipient_only(world):
    events = events_of_every_shape(world)
    personal = [e for e in events if e.recipient_id == world.partner.pk]
    pairs = audience_pairs(personal)
    assert {user_id for user_id, _ in pairs} == {world.partner.pk}


def test_an_inactive_member_sees_nothing(world):
    world.viewer.is_active = False
    world.viewer.save()
    pairs = audience_pairs([event(world.initiative)])
    assert world.viewer.pk not in {user_id for user_id, _ in pairs}


def test_the_number_of_queries_does_not_grow_with_events_or_people(world):
    def count():
        events = list(Event.objects.all())
        with CaptureQueriesContext(connection) as queries:
            audience_pairs(events)
        return len(queries)

    events_of_every_shape(world)
    small = count()

    for n in range(15):
        member(f"more{n}@example.org", "viewer", world.initiative)
        UserFactory()
    events_of_every_shape(world, group_name="Second group")
    for _ in range(20):
        event(world.initiative)
    assert count() == small


def test_a_platform_administrator_is_not_mailed_about_initiatives_they_are_not_in(world):
    """The site shows a superuser every initiative; the mail goes to its members only."""
    from communication.audience import audience_pairs
    from communication.models import EventKind
    from communication.services.events import event_record

    event = event_record(world.initiative, EventKind.UPDATE_POSTED, params={"name": "News"})
    seen = {user_id for user_id, _event in audience_pairs([event])}
    mailed = {user_id for user_id, _event in audience_pairs([event], mail=True)}
    assert world.superuser.pk in seen
    assert world.superuser.pk not in mailed
    assert {world.backbone.pk, world.partner.pk, world.viewer.pk} <= mailed
