"""The ties the apps above answer through map_edges_wanted: each receiver's edges, in a number
of queries that does not grow with the data."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.map_edges import map_edges_answer as activity_edges
from activities.models import Activity
from agenda.models import Goal, Strategy
from communication.map_edges import map_edges_answer as group_edges
from communication.models import WorkingGroup, WorkingGroupMember
from initiatives.models import Sector
from initiatives.signals import MapEdge, map_edges
from spheres.map_edges import map_edges_answer as commitment_edges
from spheres.models import Commitment, CommitmentAnswer, CommitmentStatus
from tests.initiatives.factories import (
    OrganizationFactory,
    ParticipationFactory,
    SphereFactory,
    UserFactory,
)
from tests.initiatives.stakeholder_map_factories import bridge_map

pytestmark = pytest.mark.django_db


def _pairs(edges):
    return sorted((e.kind, e.label, frozenset((e.source, e.target))) for e in edges)


def _activities(made, strategy, organizations):
    for organization in organizations:
        Activity.objects.create(
            initiative=made.initiative, organization=organization, strategy=strategy, title="T"
        )


def test_organizations_under_the_same_strategy_share_it():
    made = bridge_map()
    goal = Goal.objects.create(initiative=made.initiative, title="Excellence")
    clubs = Strategy.objects.create(goal=goal, title="Math clubs")
    labs = Strategy.objects.create(goal=goal, title="Labs")
    _activities(made, clubs, [made.a, made.c, made.i, made.a])  # two activities of one: one tie
    _activities(made, labs, [made.x])  # alone under its strategy: no tie
    edges = activity_edges(None, initiative=made.initiative)
    assert _pairs(edges) == [
        ("shares_strategy", "Math clubs", frozenset((made.a.pk, made.c.pk))),
        ("shares_strategy", "Math clubs", frozenset((made.a.pk, made.i.pk))),
        ("shares_strategy", "Math clubs", frozenset((made.c.pk, made.i.pk))),
    ]


def test_organizations_whose_people_are_in_one_working_group_are_tied():
    made = bridge_map()
    group = WorkingGroup.objects.create(initiative=made.initiative, name="Curriculum")
    archived = WorkingGroup.objects.create(initiative=made.initiative, name="Old", archived=True)
    people = [UserFactory() for _n in range(4)]
    for person, organization in zip(people, [made.a, made.x, made.x, None], strict=True):
        WorkingGroupMember.objects.create(group=group, user=person, organization=organization)
    WorkingGroupMember.objects.create(group=archived, user=people[0], organization=made.a)
    WorkingGroupMember.objects.create(group=archived, user=people[1], organization=made.c)
    edges = group_edges(None, initiative=made.initiative)
    assert _pairs(edges) == [
        ("working_group", "Curriculum", frozenset((made.a.pk, made.x.pk))),
    ]


def _sphere_with_commitment():
    sphere = SphereFactory(slug="sphere")
    members = [OrganizationFactory(sector=Sector.NONPROFIT) for _n in range(3)]
    for organization in members:
        ParticipationFactory(initiative=sphere, organization=organization)
    review = date.today() + timedelta(days=90)
    shared = Commitment.objects.create(sphere=sphere, title="Shared data", review_on=review)
    withdrawn = Commitment.objects.create(
        sphere=sphere,
        title="Gone",
        review_on=review,
        status=CommitmentStatus.WITHDRAWN,
        closing_note="No longer needed.",
    )
    for organization, answer in zip(members, ["in", "in", "declined"], strict=True):
        CommitmentAnswer.objects.create(commitment=shared, organization=organization, answer=answer)
        CommitmentAnswer.objects.create(
            commitment=withdrawn, organization=organization, answer="in"
        )
    return sphere, members


def test_organizations_that_opted_in_to_one_commitment_are_tied():
    sphere, members = _sphere_with_commitment()
    edges = commitment_edges(None, initiative=sphere)
    assert _pairs(edges) == [
        ("joint_commitment", "Shared data", frozenset((members[0].pk, members[1].pk)))
    ]


def test_the_signal_gathers_every_receivers_edges():
    sphere, _members = _sphere_with_commitment()
    edges = map_edges(initiative=sphere)
    assert all(isinstance(edge, MapEdge) for edge in edges)
    assert {e.kind for e in edges} == {"joint_commitment"}


def _grown(made, n):
    goal = Goal.objects.create(initiative=made.initiative, title=f"Goal {n}")
    strategy = Strategy.objects.create(goal=goal, title=f"Strategy {n}")
    group = WorkingGroup.objects.create(initiative=made.initiative, name=f"Group {n}")
    for _k in range(n):
        organization = OrganizationFactory()
        ParticipationFactory(initiative=made.initiative, organization=organization)
        _activities(made, strategy, [organization])
        WorkingGroupMember.objects.create(
            group=group, user=UserFactory(), organization=organization
        )


def test_the_receivers_queries_do_not_grow_with_the_data():
    made = bridge_map()
    counts = []
    for n in (2, 12):
        _grown(made, n)
        with CaptureQueriesContext(connection) as captured:
            map_edges(initiative=made.initiative)
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[0] <= 3
