"""The map's metrics, computed on the server with networkx: degree (how many organizations
each is tied to), betweenness centrality (the connectors: on the shortest paths between
others) and the isolates (tied to nobody).

Participation edges are left out of the metrics: every participant is tied to the backbone by
definition, so counting them would make the backbone the connector of every initiative and
leave no organization tied to nobody. The metrics speak of the working ties: recorded
relationships, shared strategies, working groups and joint commitments."""

from dataclasses import dataclass

import networkx as nx

from .graph import PARTICIPANT, Graph

CONNECTORS = 5  # how many connectors the side panel names


@dataclass
class Metrics:
    degree: dict[int, int]
    betweenness: dict[int, float]
    isolates: list[int]  # in the graph's order of nodes
    connectors: list[int]  # highest betweenness first, only those above zero


def working_ties(graph: Graph) -> nx.Graph:
    """The undirected simple graph of the working ties (two ties of one pair count once)."""
    found = nx.Graph()
    found.add_nodes_from(node.id for node in graph.nodes)
    found.add_edges_from(
        (edge.source, edge.target) for edge in graph.edges if edge.kind != PARTICIPANT
    )
    return found


def compute(graph: Graph) -> Metrics:
    ties = working_ties(graph)
    betweenness = nx.betweenness_centrality(ties) if len(ties) else {}
    degree = dict(ties.degree())
    isolates = [node.id for node in graph.nodes if degree.get(node.id, 0) == 0]
    ranked = sorted(
        (pk for pk, value in betweenness.items() if value > 0),
        key=lambda pk: (-betweenness[pk], pk),
    )
    return Metrics(degree, betweenness, isolates, ranked[:CONNECTORS])
