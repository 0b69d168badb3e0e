"""The events of the apps below communication, through their real services: an agenda version
adopted, a period locked (its figures approved). A receiver that fails leaves the action whole."""

from datetime import date

import pytest
from django.utils import timezone, translation

from agenda import services as agenda_services
from agenda.models import AgendaVersion, VersionState
from communication import signals as communication_signals
from communication.models import Event, EventKind
from measurement.models import PeriodState, ReportingPeriod
from measurement.services import periods as period_services
from tests.agenda.factories import adopted_agenda, draft_of_next
from tests.measurement.factories import PeriodFactory


def test_adopting_a_version_records_agenda_adopted(world):
    version = adopted_agenda(world)
    event = Event.objects.get()
    assert event.kind == EventKind.AGENDA_ADOPTED
    assert (event.initiative, event.actor) == (world.initiative, world.backbone)
    assert event.params == {"name": str(version.number)}
    assert event.path == f"/initiatives/stem/agenda/versions/{version.number}/"


def test_a_refused_adoption_records_nothing(world):
    adopted_agenda(world)
    version = draft_of_next(world)
    agenda_services.version_sections_save(user=world.backbone, version=version, vision="")
    with pytest.raises(Exception):  # noqa: B017 (the service's ValidationError)
        agenda_services.version_adopt(user=world.backbone, version=version)
    assert Event.objects.count() == 1


def _bad_event(initiative, *args, **kwargs):
    """A real database error: a kind the table's constraint refuses."""
    return Event.objects.create(initiative=initiative, kind="bogus", occurred_at=timezone.now())


def test_a_failing_receiver_does_not_undo_the_adoption(world, monkeypatch):
    monkeypatch.setattr(communication_signals, "event_record", _bad_event)
    version = adopted_agenda(world)
    assert AgendaVersion.objects.get(pk=version.pk).state == VersionState.ADOPTED
    assert not Event.objects.exists()


def test_a_failing_receiver_does_not_undo_the_lock(world, monkeypatch):
    monkeypatch.setattr(communication_signals, "event_record", _bad_event)
    period = PeriodFactory(initiative=world.initiative)
    period_services.period_set_state(period=period, state=PeriodState.LOCKED, user=world.backbone)
    assert ReportingPeriod.objects.get(pk=period.pk).state == PeriodState.LOCKED
    assert not Event.objects.exists()


def test_locking_a_period_by_hand_records_figures_approved(world):
    period = PeriodFactory(initiative=world.initiative)
    with translation.override("he"):
        period_services.period_set_state(
            period=period, state=PeriodState.LOCKED, user=world.backbone
        )
    event = Event.objects.get()
    assert event.kind == EventKind.FIGURES_APPROVED
    assert event.params == {"name": "2026 Q1"}  # written in the site's language
    assert event.path == f"/initiatives/stem/measurement/periods/{period.pk}/report/"
    assert event.actor == world.backbone


def test_closing_a_period_is_not_its_figures_approved(world):
    period = PeriodFactory(initiative=world.initiative)
    period_services.period_set_state(period=period, state=PeriodState.CLOSED, user=world.backbone)
    assert not Event.objects.exists()


def test_the_calendar_locking_a_period_records_it_without_an_actor(world):
    PeriodFactory(initiative=world.initiative)
    PeriodFactory(
        initiative=world.initiative,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 30),
    )
    period_services.periods_advance(today=date(2026, 7, 15))
    locked = ReportingPeriod.objects.get(state=PeriodState.LOCKED)
    event = Event.objects.get()
    assert event.actor is None
    assert event.path.endswith(f"/periods/{locked.pk}/report/")
