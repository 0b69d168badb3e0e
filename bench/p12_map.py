"""P12 (issue 13): the stakeholder map of an initiative with 500 organizations and 5,000 edges
(499 participations, each tied to the backbone, and 4,501 recorded relationships).

The server's work is what the map's page and API call: initiatives.stakeholder_map.graph
.map_graph (the nodes and edges read set-based, the receivers of map_edges_wanted asked) and
metrics.compute (networkx: degree, betweenness, isolates), then exports.as_json. It is timed
(median of RUNS) against building the same graph with networkx from the rows already loaded
in memory and computing the same metrics: ratio = server / in memory (goal <= 2). Queries are
counted at 100 and at 500 organizations (the goal: the same). Everything P12 loaded is deleted
at the end.
"""

import random
import time

from .progress import median, say, summary

ORGANIZATIONS = 500
SMALL = 100
EDGES = 5000
RUNS = 3
GOAL_RATIO = 2
KINDS = ("funds", "partners_with", "serves", "advises")


def _load():
    from initiatives.models import Initiative, Organization, Participation, Relationship

    backbone = Organization.objects.create(name="P12 backbone", sector="nonprofit")
    sectors = ("government", "business", "nonprofit", "philanthropy", "academia", "community")
    others = Organization.objects.bulk_create(
        Organization(name=f"P12 organization {n:03d}", sector=sectors[n % len(sectors)])
        for n in range(ORGANIZATIONS - 1)
    )
    organizations = [backbone, *others]
    small, large = (
        Initiative.objects.create(
            name=f"P12 map {size}",
            slug=f"p12-map-{size}",
            kind="collective_impact",
            social_issue="Benchmarks",
            backbone=backbone,
        )
        for size in (SMALL, ORGANIZATIONS)
    )
    for initiative, members in ((small, organizations[:SMALL]), (large, organizations)):
        Participation.objects.bulk_create(
            Participation(
                initiative=initiative,
                organization=o,
                role="backbone" if o.pk == backbone.pk else "partner",
            )
            for o in members
        )
    chosen = random.Random(12)
    for initiative, members, wanted in (
        (small, organizations[:SMALL], EDGES // 10),
        (large, organizations, EDGES - (ORGANIZATIONS - 1)),
    ):
        seen = set()
        while len(seen) < wanted:
            source, target = chosen.sample(members, 2)
            seen.add((source.pk, target.pk, chosen.choice(KINDS)))
        Relationship.objects.bulk_create(
            (
                Relationship(initiative=initiative, source_id=s, target_id=t, kind=k)
                for s, t, k in seen
            ),
            batch_size=5000,
        )
    return backbone, organizations, small, large


def _delete(backbone, organizations, small, large):
    from initiatives.models import Organization, Participation, Relationship

    for initiative in (small, large):
        Relationship.objects.filter(initiative=initiative)._raw_delete("default")
        Participation.objects.filter(initiative=initiative)._raw_delete("default")
        initiative.delete()
    Organization.objects.filter(pk__in=[o.pk for o in organizations])._raw_delete("default")


def _server(initiative) -> dict:
    from initiatives.stakeholder_map import exports
    from initiatives.stakeholder_map.graph import map_graph
    from initiatives.stakeholder_map.metrics import compute

    graph = map_graph(initiative=initiative)
    return exports.as_json(graph, compute(graph))


def _rows(initiative):
    """The nodes and edges as plain rows, loaded once (outside the timing)."""
    from initiatives.models import Participation, Relationship

    nodes = list(
        Participation.objects.filter(initiative=initiative, left_on__isnull=True).values_list(
            "organization_id", "organization__name", "organization__sector", "role"
        )
    )
    edges = list(
        Relationship.objects.filter(initiative=initiative).values_list(
            "source_id", "target_id", "kind"
        )
    )
    return nodes, edges


def _in_memory(nodes, edges, backbone_id) -> dict:
    """The same graph and metrics with networkx alone, from the rows loaded before."""
    import networkx as nx

    ties = nx.Graph()
    ties.add_nodes_from(pk for pk, *_rest in nodes)
    ties.add_edges_from((s, t) for s, t, _k in edges)
    betweenness = nx.betweenness_centrality(ties)
    degree = dict(ties.degree())
    return {
        "nodes": [
            {
                "id": pk,
                "name": name,
                "sector": sector,
                "role": role,
                "degree": degree[pk],
                "betweenness": round(betweenness[pk], 4),
            }
            for pk, name, sector, role in nodes
        ],
        "edges": [
            *(
                {"source": pk, "target": backbone_id, "kind": "participant"}
                for pk, *_rest in nodes
                if pk != backbone_id
            ),
            *({"source": s, "target": t, "kind": k} for s, t, k in edges),
        ],
        "metrics": {"isolates": [pk for pk, d in degree.items() if d == 0]},
    }


def p12(_dataset=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    name = f"P12 stakeholder map of {ORGANIZATIONS} organizations and {EDGES} edges"
    say("P12: loading")
    loaded = _load()
    backbone, _organizations, small, large = loaded
    try:
        with CaptureQueriesContext(connection) as small_queries:
            _server(small)
        with CaptureQueriesContext(connection) as large_queries:
            body = _server(large)
        assert len(body["nodes"]) == ORGANIZATIONS and len(body["edges"]) == EDGES, (
            len(body["nodes"]),
            len(body["edges"]),
        )
        nodes, edges = _rows(large)
        times, references = [], []
        for _ in range(RUNS):
            begun = time.perf_counter()
            _server(large)
            times.append(time.perf_counter() - begun)
            begun = time.perf_counter()
            reference = _in_memory(nodes, edges, backbone.pk)
            references.append(time.perf_counter() - begun)
        assert len(reference["edges"]) == EDGES
    finally:
        say("P12: deleting")
        _delete(*loaded)
    ours, theirs = median(times), median(references)
    ratio = ours / theirs
    flat = len(small_queries) == len(large_queries)
    summary(
        f"{name}: queries_{SMALL}={len(small_queries)} queries_{ORGANIZATIONS}="
        f"{len(large_queries)} map_ms={ours * 1000:.0f} in_memory_ms={theirs * 1000:.0f} "
        f"ratio={ratio:.2f} (goal: queries the same{'' if flat else ': MISSED'}, ratio <= "
        f"{GOAL_RATIO}{'' if ratio <= GOAL_RATIO else ': MISSED'}; median of {RUNS}, DEBUG=1)"
    )
