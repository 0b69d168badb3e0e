"""The map's graph and metrics against a hand-built fixture, and its filters."""

from datetime import date

import pytest

from activities.models import Activity
from agenda.models import Goal, Strategy
from initiatives.models import Participation, ParticipationRole, Sector
from initiatives.stakeholder_map.graph import PARTICIPANT, MapFilters, map_graph
from initiatives.stakeholder_map.metrics import compute
from tests.initiatives.stakeholder_map_factories import bridge_map

pytestmark = pytest.mark.django_db


def _names(graph):
    return [node.name for node in graph.nodes]


def test_the_nodes_are_the_organizations_taking_part():
    made = bridge_map()
    graph = map_graph(initiative=made.initiative)
    assert _names(graph) == [
        "Alpha fund",
        "Cedar college",
        "Iris business",
        "Keshet backbone",
        "Xenon ministry",
    ]
    roles = {node.name: node.role for node in graph.nodes}
    assert roles["Alpha fund"] == ParticipationRole.FUNDER


def test_each_participant_is_tied_to_the_backbone_and_the_recorded_ones_are_edges():
    made = bridge_map()
    graph = map_graph(initiative=made.initiative)
    participation = [e for e in graph.edges if e.kind == PARTICIPANT]
    assert {e.source for e in participation} == {made.a.pk, made.x.pk, made.c.pk, made.i.pk}
    assert {e.target for e in participation} == {made.k.pk}
    assert {e.label for e in participation if e.source == made.a.pk} == {"Funder"}
    recorded = {(e.source, e.target, e.kind) for e in graph.edges if e.relationship_id}
    assert recorded == {
        (made.k.pk, made.a.pk, "partners_with"),
        (made.a.pk, made.x.pk, "funds"),
        (made.k.pk, made.x.pk, "advises"),
        (made.x.pk, made.c.pk, "serves"),
    }


def test_the_only_bridge_has_the_highest_betweenness_and_the_isolate_is_found():
    made = bridge_map()
    metrics = compute(map_graph(initiative=made.initiative))
    assert metrics.degree == {made.k.pk: 2, made.a.pk: 2, made.x.pk: 3, made.c.pk: 1, made.i.pk: 0}
    assert metrics.betweenness[made.x.pk] == pytest.approx(2 / 6)
    assert all(metrics.betweenness[o.pk] == 0 for o in (made.k, made.a, made.c, made.i))
    assert metrics.connectors == [made.x.pk]
    assert metrics.isolates == [made.i.pk]


def test_a_filter_by_sector_keeps_the_edges_between_the_organizations_kept():
    made = bridge_map()
    graph = map_graph(initiative=made.initiative, filters=MapFilters(sector=Sector.GOVERNMENT))
    assert _names(graph) == ["Xenon ministry"]
    assert graph.edges == []


def test_a_filter_by_role():
    made = bridge_map()
    graph = map_graph(initiative=made.initiative, filters=MapFilters(role="funder"))
    assert _names(graph) == ["Alpha fund"]


def test_former_organizations_show_only_when_asked():
    made = bridge_map()
    Participation.objects.filter(initiative=made.initiative, organization=made.c).update(
        left_on=date.today(), joined_on=date(2020, 1, 1)
    )
    graph = map_graph(initiative=made.initiative)
    assert "Cedar college" not in _names(graph)
    assert not [e for e in graph.edges if made.c.pk in (e.source, e.target)]
    with_former = map_graph(initiative=made.initiative, filters=MapFilters(former=True))
    former = {node.name: node.former for node in with_former.nodes}
    assert former["Cedar college"] is True
    assert former["Alpha fund"] is False


def _strategies(made):
    goal = Goal.objects.create(initiative=made.initiative, title="Excellence")
    other_goal = Goal.objects.create(initiative=made.initiative, title="Jobs")
    first = Strategy.objects.create(goal=goal, title="Math clubs")
    second = Strategy.objects.create(goal=other_goal, title="Training")
    for organization, strategy in [(made.a, first), (made.c, first), (made.i, second)]:
        Activity.objects.create(
            initiative=made.initiative, organization=organization, strategy=strategy, title="A"
        )
    return goal, first, second


def test_a_filter_by_goal_or_strategy_keeps_the_organizations_working_under_it():
    made = bridge_map()
    goal, _first, second = _strategies(made)
    by_goal = map_graph(initiative=made.initiative, filters=MapFilters(scope=f"goal:{goal.pk}"))
    assert _names(by_goal) == ["Alpha fund", "Cedar college"]
    # The two share the strategy: an edge labelled with it.
    shared = [e for e in by_goal.edges if e.kind == "shares_strategy"]
    assert [(e.label, {e.source, e.target}) for e in shared] == [
        ("Math clubs", {made.a.pk, made.c.pk})
    ]
    by_strategy = map_graph(
        initiative=made.initiative, filters=MapFilters(scope=f"strategy:{second.pk}")
    )
    assert _names(by_strategy) == ["Iris business"]
    unknown = map_graph(initiative=made.initiative, filters=MapFilters(scope="goal:999999"))
    assert unknown.nodes == []


def test_the_scopes_list_goals_with_their_strategies():
    made = bridge_map()
    goal, first, second = _strategies(made)
    scopes = map_graph(initiative=made.initiative).scopes
    assert [(s.key, s.label, s.level) for s in scopes] == [
        (f"goal:{goal.pk}", "Excellence", 0),
        (f"strategy:{first.pk}", "Math clubs", 1),
        (f"goal:{second.goal_id}", "Jobs", 0),
        (f"strategy:{second.pk}", "Training", 1),
    ]


def test_names_are_in_the_readers_language():
    made = bridge_map()
    made.a.translations = {"name": {"he": "קרן אלפא"}}
    made.a.language = "en"
    made.a.save()
    from django.utils import translation

    with translation.override("he"):
        graph = map_graph(initiative=made.initiative)
    node = next(n for n in graph.nodes if n.id == made.a.pk)
    assert (node.name, node.lang) == ("קרן אלפא", "he")


def test_another_initiatives_relationships_are_not_drawn():
    made = bridge_map()
    other = bridge_map(slug="other")
    graph = map_graph(initiative=made.initiative)
    ids = {n.id for n in graph.nodes}
    assert not ids & {other.a.pk, other.x.pk}
    assert len([e for e in graph.edges if e.relationship_id]) == 4
