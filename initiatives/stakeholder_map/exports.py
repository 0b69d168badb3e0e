"""The map as data: JSON (the page's script and the API), CSV of its nodes and of its edges,
GEXF (networkx.write_gexf, for Gephi and the like). All written from the same Graph and
Metrics the page shows, so the filters apply to each alike.

The CSV writer is a small one of its own: measurement's (spreadsheets.py) is an app above this
one. Same rules: a BOM first so that Excel reads UTF-8, and text a spreadsheet would run as a
formula gets a leading apostrophe."""

import csv
import io

import networkx as nx
from django.utils.translation import gettext as _

from .graph import DASHES, EDGE_KINDS, EDGE_STYLE, SECTOR_STYLE, Graph
from .metrics import Metrics

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _betweenness(metrics: Metrics, pk: int) -> float:
    return round(metrics.betweenness.get(pk, 0.0), 4)


def nodes_csv(graph: Graph, metrics: Metrics) -> bytes:
    header = [_("Id"), _("Organization"), _("Sector"), _("Role"), _("Former")]
    header += [_("Degree"), _("Betweenness"), _("Tied to nobody")]
    isolates = set(metrics.isolates)
    rows = [
        [
            node.id,
            node.name,
            node.sector_label,
            node.role_label,
            _("yes") if node.former else "",
            metrics.degree.get(node.id, 0),
            _betweenness(metrics, node.id),
            _("yes") if node.id in isolates else "",
        ]
        for node in graph.nodes
    ]
    return _csv(header, rows)


def edges_csv(graph: Graph) -> bytes:
    names = {node.id: node.name for node in graph.nodes}
    header = [_("From id"), _("From"), _("To id"), _("To"), _("Kind"), _("Directed"), _("Label")]
    rows = [
        [
            edge.source,
            names[edge.source],
            edge.target,
            names[edge.target],
            edge.kind_label,
            _("yes") if edge.directed else _("no"),
            edge.label,
        ]
        for edge in graph.edges
    ]
    return _csv(header, rows)


def gexf(graph: Graph, metrics: Metrics) -> bytes:
    """A directed multigraph: the recorded relationships are directed; a mutual tie goes from
    the lower id to the higher, marked `directed` false."""
    found = nx.MultiDiGraph()
    # Plain str: GEXF knows the type str, not its subclasses (a translated text, a choice).
    for node in graph.nodes:
        found.add_node(
            node.id,
            label=str(node.name),
            sector=str(node.sector),
            role=str(node.role or ""),
            former=node.former,
            degree=metrics.degree.get(node.id, 0),
            betweenness=_betweenness(metrics, node.id),
        )
    for edge in graph.edges:
        found.add_edge(
            edge.source,
            edge.target,
            kind=str(edge.kind),
            label=str(edge.label or edge.kind_label),
            directed=edge.directed,
        )
    buffer = io.BytesIO()
    nx.write_gexf(found, buffer)
    return buffer.getvalue()


def as_json(graph: Graph, metrics: Metrics) -> dict:
    """What the page's script draws and what the API answers."""
    isolates = set(metrics.isolates)
    nodes = [
        {
            "id": node.id,
            "name": node.name,
            "lang": node.lang,
            "sector": node.sector,
            "sector_label": node.sector_label,
            "role": node.role,
            "role_label": node.role_label,
            "former": node.former,
            "degree": metrics.degree.get(node.id, 0),
            "betweenness": _betweenness(metrics, node.id),
            "isolate": node.id in isolates,
        }
        for node in graph.nodes
    ]
    kind_labels = {kind: str(label) for kind, label in EDGE_KINDS.items()}  # once, not per edge
    edges = [
        {
            "source": edge.source,
            "target": edge.target,
            "kind": edge.kind,
            "kind_label": kind_labels.get(edge.kind, edge.kind),
            "label": edge.label,
            "directed": edge.directed,
            "relationship": edge.relationship_id,
        }
        for edge in graph.edges
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "metrics": {"isolates": metrics.isolates, "connectors": metrics.connectors},
    }


def styles() -> dict:
    """The drawing's styles for the script: by sector (colour, cytoscape shape) and by kind of
    edge (colour, line, dashes), the same the legend shows."""
    return {
        "sectors": {k: {"colour": c, "shape": s} for k, (c, s, _p) in SECTOR_STYLE.items()},
        "kinds": {
            kind: {"colour": EDGE_STYLE[kind][0], "line": EDGE_STYLE[kind][1]}
            for kind in EDGE_KINDS
        },
        "dashes": DASHES,
    }
