"""Django admin of activities: its pages, and every save through the one write path."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services
from activities.models import Activity
from agenda.models import Goal, Strategy
from tests.activities.factories import activity
from tests.measurement.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, world):
    client.force_login(world.superuser)
    return client


def _form(world, strategy, **changes) -> dict:
    """What the add page posts for a new activity of the partner's organization."""
    return {
        "initiative": world.initiative.pk,
        "organization": world.partner_org.pk,
        "strategy": strategy.pk,
        "language": "",
        "title": "Math clubs",
        "title_en": "",
        "title_he": "",
        "title_ar": "",
        "description": "",
        "description_en": "",
        "description_he": "",
        "description_ar": "",
        "role": "lead",
        "population": "",
        "geography": "",
        "status": "active",
        "starts_on": "",
        "ends_on": "",
        "indicators": [],
        **changes,
    }


def _change_form(admin, pk) -> dict:
    """The change page's form as it is filled in (the fields with their initial values)."""
    response = admin.get(reverse("admin:activities_activity_change", args=[pk]))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else field.prepare_value(value)
    return data


def test_the_list_with_search_and_filters_and_the_pages(admin, world, strategies):
    made = activity(world, strategies[0], title="Robotics", population="Girls")
    changelist = reverse("admin:activities_activity_changelist")
    for params in ({}, {"q": "robot"}, {"status": "active"}, {"organization__sector": "nonprofit"}):
        response = admin.get(changelist, params)
        assert response.status_code == 200
        assert "Robotics" in response.text
    assert "Robotics" not in admin.get(changelist, {"q": "nothing"}).text
    assert admin.get(reverse("admin:activities_activity_add")).status_code == 200
    change = admin.get(reverse("admin:activities_activity_change", args=[made.pk]))
    assert change.status_code == 200
    assert "title_he" in change.context["adminform"].form.fields
    assert "initiative" not in change.context["adminform"].form.fields  # it stays in its own
    history = reverse("admin:activities_activity_history", args=[made.pk])
    assert admin.get(history).status_code == 200


def test_the_lists_queries_do_not_grow(admin, world, strategies):
    changelist = reverse("admin:activities_activity_changelist")
    activity(world, strategies[0])
    with CaptureQueriesContext(connection) as small:
        admin.get(changelist)
    for strategy in strategies:
        for _ in range(5):
            activity(world, strategy, organization=world.second_org)
    with CaptureQueriesContext(connection) as large:
        admin.get(changelist)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_adding_in_admin_goes_through_the_service(admin, world, strategies, monkeypatch):
    """An adopted-agenda strategy can be chosen; the service cleans the texts and records
    who created it."""
    calls = []
    create = services.activity_create
    monkeypatch.setattr(services, "activity_create", lambda **kw: calls.append(kw) or create(**kw))
    indicator = IndicatorFactory(initiative=world.initiative)
    response = admin.post(
        reverse("admin:activities_activity_add"),
        _form(
            world,
            strategies[0],
            population="  Girls  in grade 10 ",
            title_he="חוגי מתמטיקה",
            indicators=[indicator.pk],
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Activity.objects.get()
    assert len(calls) == 1
    assert created.strategy == strategies[0]
    assert (created.population, created.population_key) == (
        "Girls in grade 10",
        "girls in grade 10",
    )
    assert created.created_by == world.superuser
    assert created.translations == {"title": {"he": "חוגי מתמטיקה"}}
    assert list(created.indicators.all()) == [indicator]
    assert LogEntry.objects.get(object_id=str(created.pk)).action_flag == ADDITION


def test_an_invalid_strategy_is_refused_with_the_services_message(admin, world, strategies):
    goal = Goal.objects.create(initiative=world.other_initiative, title="Jobs")
    foreign = Strategy.objects.create(goal=goal, title="Training")
    response = admin.post(reverse("admin:activities_activity_add"), _form(world, foreign))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "strategy": ["Choose a strategy of this initiative's agenda."]
    }
    assert not Activity.objects.exists()


def test_a_change_goes_through_the_service_and_keeps_what_it_does_not_change(
    admin, world, strategies, monkeypatch
):
    indicator = IndicatorFactory(initiative=world.initiative)
    made = activity(world, strategies[0], geography="Negev", indicators=[indicator])
    calls = []
    update = services.activity_update
    monkeypatch.setattr(services, "activity_update", lambda **kw: calls.append(kw) or update(**kw))
    data = {**_change_form(admin, made.pk), "status": "completed", "title_ar": "نوادي"}
    response = admin.post(reverse("admin:activities_activity_change", args=[made.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    (call,) = calls
    assert set(call) - {"user", "activity", "indicators"} == {
        "status",
        "language",
        "translations",
    }
    assert call["indicators"] is None  # unchanged: the service keeps them
    made.refresh_from_db()
    assert (made.status, made.geography, made.title) == ("completed", "Negev", "Math clubs")
    assert list(made.indicators.all()) == [indicator]
    assert made.translations == {"title": {"ar": "نوادي"}}
    assert LogEntry.objects.get(object_id=str(made.pk)).action_flag == CHANGE


def test_a_change_to_another_initiatives_strategy_or_an_end_before_the_start_is_refused(
    admin, world, strategies
):
    made = activity(world, strategies[0])
    goal = Goal.objects.create(initiative=world.other_initiative, title="Jobs")
    foreign = Strategy.objects.create(goal=goal, title="Training")
    data = {
        **_change_form(admin, made.pk),
        "strategy": foreign.pk,
        "starts_on": "2026-05-01",
        "ends_on": "2026-04-01",
    }
    response = admin.post(reverse("admin:activities_activity_change", args=[made.pk]), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["strategy"] == ["Choose a strategy of this initiative's agenda."]
    assert errors["ends_on"] == ["An activity cannot end before it starts."]
    made.refresh_from_db()
    assert made.strategy == strategies[0] and made.starts_on is None
    assert not LogEntry.objects.exists()


def test_deleting_goes_through_the_service(admin, world, strategies, monkeypatch):
    one, two = activity(world, strategies[0]), activity(world, strategies[1])
    calls = []
    delete = services.activity_delete
    monkeypatch.setattr(
        services, "activity_delete", lambda **kw: calls.append(kw["activity"].pk) or delete(**kw)
    )
    url = reverse("admin:activities_activity_delete", args=[one.pk])
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert LogEntry.objects.get(object_id=str(one.pk)).action_flag == DELETION
    changelist = reverse("admin:activities_activity_changelist")
    response = admin.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [two.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Activity.objects.exists()
    assert calls == [one.pk, two.pk]


def test_admin_is_for_superusers_only(client, world, strategies):
    client.force_login(world.backbone)
    response = client.get(reverse("admin:activities_activity_changelist"))
    assert response.status_code == 302  # to the admin's sign-in
