"""Indicators name a goal of the agenda: the migration of the old texts, and the form."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from agenda import services
from tests.agenda.factories import draft_of_next
from tests.measurement.factories import IndicatorFactory

BEFORE = [("measurement", "0005_indicatorassignment_assigned_on"), ("agenda", "0001_initial")]
AFTER = [("measurement", "0006_indicator_goal_of_the_agenda")]


@pytest.mark.django_db(transaction=True)
def test_the_goal_texts_become_goals_of_a_draft(world):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    OldIndicator = apps.get_model("measurement", "Indicator")
    common = {"initiative_id": world.initiative.pk, "value_type": "count", "aggregation": "sum"}
    OldIndicator.objects.create(code="A", name="A", goal="More students", **common)
    OldIndicator.objects.create(code="B", name="B", goal="more  students", **common)
    OldIndicator.objects.create(code="C", name="C", goal="Teachers", **common)
    OldIndicator.objects.create(code="D", name="D", goal="", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    try:
        # The models as they were then: later migrations add columns the table lacks yet.
        NewIndicator = executor.loader.project_state(AFTER).apps.get_model(
            "measurement", "Indicator"
        )
        goals = {i.code: i.goal for i in NewIndicator.objects.select_related("goal")}
        assert goals["A"] == goals["B"] and goals["A"].title == "More students"
        assert goals["C"].title == "Teachers" and goals["D"] is None
        version = world.initiative.agenda_versions.get()
        assert version.state == "draft"  # the backbone reviews and adopts them
    finally:
        # Going back to BEFORE also unapplied what depends on it (activities): every app is
        # migrated forward again, so that the tests after this one find their tables.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_indicator_form_offers_only_this_agendas_goals(client, world, adopted):
    draft_of_next(world)
    retired = services.goal_save(user=world.backbone, initiative=world.initiative, title="Old")
    services.goal_retire(user=world.backbone, goal=retired)
    services.version_draft_start(user=world.superuser, initiative=world.other_initiative)
    foreign = services.goal_save(
        user=world.superuser, initiative=world.other_initiative, title="Jobs"
    )
    indicator = IndicatorFactory(initiative=world.initiative, code="M5")
    client.force_login(world.backbone)
    page = client.get(reverse("measurement:indicator_edit", args=["stem", indicator.pk]))
    assert "Goal 0" in page.text
    assert ">Old<" not in page.text and ">Jobs<" not in page.text
    data = {
        "code": "M5",
        "name": "Math",
        "kind": "how_much",
        "value_type": "count",
        "aggregation": "sum",
        "direction": "increase",
        "frequency": "quarterly",
        "decimals": 0,
        "outlier_factor": 3,
        "goal": foreign.pk,
    }
    response = client.post(reverse("measurement:indicator_edit", args=["stem", indicator.pk]), data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    indicator.refresh_from_db()
    assert indicator.goal is None
