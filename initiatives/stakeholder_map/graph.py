"""The stakeholder map of an initiative: its organizations as nodes, and as edges their
participation (each organization tied to the backbone organization), the relationships staff
recorded and the ties the apps above know (map_edges_wanted: shared strategies, working
groups, joint commitments). Read set-based: one query for the nodes, one for the recorded
relationships, and each receiver's own (flat) queries, whatever the data."""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sheatufim.translated import text_of

from ..models import Initiative, Organization, Participation, ParticipationRole, Sector
from ..relationships import Relationship, RelationshipKind
from ..signals import MapScope, map_edges, map_scopes

PARTICIPANT = "participant"

# Every kind of edge the map draws, in the legend's order. The recorded relationships are
# directed (who funds whom); the others are mutual.
EDGE_KINDS = {
    PARTICIPANT: _("Takes part (tied to the backbone)"),
    **{kind.value: kind.label for kind in RelationshipKind},
    "shares_strategy": _("Shares a strategy"),
    "working_group": _("In the same working group"),
    "joint_commitment": _("In the same joint commitment"),
}
EDGE_KIND_VALUES = list(EDGE_KINDS)  # the API's enum of kinds
DIRECTED = frozenset({PARTICIPANT, *RelationshipKind.values})
# How each kind is drawn (the legend and the script read the same): colour, line, arrow.
EDGE_STYLE = {
    PARTICIPANT: ("#9aa0a6", "dotted"),
    "funds": ("#b35806", "solid"),
    "partners_with": ("#1b7837", "solid"),
    "serves": ("#2166ac", "dashed"),
    "advises": ("#762a83", "dashed"),
    "shares_strategy": ("#4d4d4d", "solid"),
    "working_group": ("#8c510a", "dashed"),
    "joint_commitment": ("#c51b7d", "dotted"),
}
DASHES = {"solid": "", "dashed": "6 3", "dotted": "2 3"}


def _polygon(corners: int, *, star: bool = False, turn: float = -90) -> str:
    """The points of a regular polygon (or star) in a 20×20 box, for the legend's SVG."""
    points = []
    steps = corners * (2 if star else 1)
    for i in range(steps):
        radius = 9 if not star or i % 2 == 0 else 4
        angle = math.radians(turn + 360 * i / steps)
        points.append(f"{10 + radius * math.cos(angle):.1f},{10 + radius * math.sin(angle):.1f}")
    return " ".join(points)


# Colour AND shape by sector (Okabe-Ito colours, cytoscape's shapes): the legend shows both
# with the name, so that nobody needs to tell colours apart.
SECTOR_STYLE = {
    Sector.GOVERNMENT: ("#0072B2", "rectangle", "2,2 18,2 18,18 2,18"),
    Sector.BUSINESS: ("#E69F00", "diamond", _polygon(4)),
    Sector.NONPROFIT: ("#009E73", "ellipse", _polygon(24)),
    Sector.PHILANTHROPY: ("#CC79A7", "star", _polygon(5, star=True)),
    Sector.ACADEMIA: ("#56B4E9", "triangle", "10,1 19,18 1,18"),
    Sector.COMMUNITY: ("#D55E00", "hexagon", _polygon(6, turn=0)),
}


@dataclass(frozen=True)
class MapFilters:
    sector: str = ""
    role: str = ""
    scope: str = ""  # "goal:<id>" or "strategy:<id>"
    former: bool = False  # also the organizations that took part and left


@dataclass
class Node:
    id: int
    name: str
    lang: str
    sector: str
    role: str
    former: bool = False

    @property
    def sector_label(self) -> str:
        return str(Sector(self.sector).label) if self.sector in Sector.values else self.sector

    @property
    def role_label(self) -> str:
        return str(ParticipationRole(self.role).label) if self.role else ""


@dataclass
class Edge:
    source: int
    target: int
    kind: str
    label: str = ""
    relationship_id: int | None = None

    @property
    def kind_label(self) -> str:
        return str(EDGE_KINDS.get(self.kind, self.kind))

    @property
    def directed(self) -> bool:
        return self.kind in DIRECTED


@dataclass
class Graph:
    initiative: Initiative
    nodes: list[Node]
    edges: list[Edge]
    scopes: list[MapScope] = field(default_factory=list)
    backbone_id: int | None = None


def _nodes(initiative: Initiative, former: bool) -> dict[int, Node]:
    rows = Participation.objects.filter(initiative=initiative)
    if not former:
        rows = rows.active()
    values = rows.order_by("organization_id", "-joined_on").values_list(
        "organization_id",
        "role",
        "left_on",
        "organization__name",
        "organization__language",
        "organization__translations",
        "organization__sector",
    )
    nodes: dict[int, Node] = {}
    for pk, role, left_on, name, language, translations, sector in values:
        text = text_of(name, language, translations, "name")
        found = nodes.get(pk)
        if found is None or (found.former and left_on is None):
            nodes[pk] = Node(pk, str(text), text.lang, sector, role, former=left_on is not None)
    if initiative.backbone_id and initiative.backbone_id not in nodes:
        backbone = Organization.objects.filter(pk=initiative.backbone_id).first()
        if backbone is not None:
            text = backbone.text("name")
            nodes[backbone.pk] = Node(
                backbone.pk, str(text), text.lang, backbone.sector, ParticipationRole.BACKBONE
            )
    return nodes


def _kept(nodes: dict[int, Node], filters: MapFilters, scopes: list[MapScope]) -> dict[int, Node]:
    kept = nodes
    if filters.sector:
        kept = {pk: n for pk, n in kept.items() if n.sector == filters.sector}
    if filters.role:
        kept = {pk: n for pk, n in kept.items() if n.role == filters.role}
    if filters.scope:
        scope = next((s for s in scopes if s.key == filters.scope), None)
        ids = scope.organization_ids if scope else frozenset()
        kept = {pk: n for pk, n in kept.items() if pk in ids}
    return kept


def map_graph(
    *,
    initiative: Initiative,
    filters: MapFilters | None = None,
    scopes: list[MapScope] | None = None,
) -> Graph:
    """The map as the filters narrow it: the organizations kept, and every edge between two
    of them (an edge to an organization filtered out is not drawn). `scopes`: those of
    map_scopes, when the caller has them already (for its filter form)."""
    filters = filters or MapFilters()
    if scopes is None:
        scopes = map_scopes(initiative=initiative)
    nodes = _kept(_nodes(initiative, filters.former), filters, scopes)
    backbone_id = initiative.backbone_id
    edges = [
        Edge(pk, backbone_id, PARTICIPANT, node.role_label)
        for pk, node in nodes.items()
        if backbone_id in nodes and pk != backbone_id
    ]
    recorded = Relationship.objects.filter(initiative=initiative).values_list(
        "pk", "source_id", "target_id", "kind", "note"
    )
    edges += [
        Edge(source, target, kind, note, relationship_id=pk)
        for pk, source, target, kind, note in recorded.order_by("pk")
        if source in nodes and target in nodes
    ]
    edges += [
        Edge(edge.source, edge.target, edge.kind, edge.label)
        for edge in map_edges(initiative=initiative)
        if edge.source in nodes and edge.target in nodes and edge.source != edge.target
    ]
    ordered = sorted(nodes.values(), key=lambda n: (n.name.casefold(), n.id))
    return Graph(initiative, ordered, edges, scopes, backbone_id)
