"""The stakeholder map's pages, under initiatives/<slug>/map/: the map (any member), its
exports (CSV of nodes and of edges, GEXF) and, for those who manage relationships, recording
and removing one. The page's script draws the graph from the JSON embedded with json_script
(no inline script: the Content-Security-Policy refuses them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..forms import add_service_error
from ..permissions import Action, can
from ..relationships import Relationship
from ..signals import map_scopes
from ..views import initiative_or_404, require
from . import exports, services
from .forms import MapFilterForm, RelationshipForm
from .graph import DASHES, EDGE_KINDS, EDGE_STYLE, SECTOR_STYLE, Graph, map_graph
from .metrics import Metrics, compute


def _readable(request, slug):
    initiative = initiative_or_404(request, slug)
    require(can(request.user, Action.VIEW_STAKEHOLDER_MAP, initiative))
    return initiative


def _map(request, initiative) -> tuple[MapFilterForm, Graph, Metrics]:
    scopes = map_scopes(initiative=initiative)
    form = MapFilterForm(request.GET or None, scopes=scopes)
    form.is_valid()
    graph = map_graph(initiative=initiative, filters=form.filters(), scopes=scopes)
    return form, graph, compute(graph)


def _rows(graph: Graph, metrics: Metrics) -> list[dict]:
    """The table beside the picture: each organization with its metrics and its ties."""
    names = {node.id: node.name for node in graph.nodes}
    ties: dict[int, list[tuple[str, str, str]]] = {node.id: [] for node in graph.nodes}
    for edge in graph.edges:
        ties[edge.source].append((names[edge.target], edge.kind_label, edge.label))
        ties[edge.target].append((names[edge.source], edge.kind_label, edge.label))
    return [
        {
            "node": node,
            "degree": metrics.degree.get(node.id, 0),
            "betweenness": metrics.betweenness.get(node.id, 0.0),
            "ties": sorted(ties[node.id], key=lambda tie: (tie[1], tie[0].casefold())),
        }
        for node in graph.nodes
    ]


def _legends(graph: Graph) -> dict:
    present = {edge.kind for edge in graph.edges}
    return {
        "sectors": [
            {"value": sector, "label": sector.label, "colour": c, "points": p}
            for sector, (c, _shape, p) in SECTOR_STYLE.items()
        ],
        "kinds": [
            {
                "value": kind,
                "label": label,
                "colour": EDGE_STYLE[kind][0],
                "dashes": DASHES[EDGE_STYLE[kind][1]],
            }
            for kind, label in EDGE_KINDS.items()
            if kind in present
        ],
    }


def _page(request, initiative, *, relationship_form=None, status=200) -> HttpResponse:
    form, graph, metrics = _map(request, initiative)
    can_manage = can(request.user, Action.MANAGE_RELATIONSHIPS, initiative)
    if can_manage and relationship_form is None:
        relationship_form = RelationshipForm(
            organization_ids=services.organization_ids_of(initiative)
        )
    names = {node.id: node for node in graph.nodes}
    recorded = [edge for edge in graph.edges if edge.relationship_id]
    context = {
        "initiative": initiative,
        "form": form,
        "graph": graph,
        "rows": _rows(graph, metrics),
        "isolates": [names[pk] for pk in metrics.isolates],
        "connectors": [(names[pk], metrics.betweenness[pk]) for pk in metrics.connectors],
        "legends": _legends(graph),
        "data": {**exports.as_json(graph, metrics), "styles": exports.styles()},
        "can_manage": can_manage,
        "relationship_form": relationship_form if can_manage else None,
        "recorded": [(edge, names[edge.source], names[edge.target]) for edge in recorded],
        "query": request.GET.urlencode(),
    }
    return render(request, "initiatives/stakeholder_map.html", context, status=status)


@login_required
@require_GET
def stakeholder_map(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _readable(request, slug))


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def nodes_csv(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _readable(request, slug)
    _form, graph, metrics = _map(request, initiative)
    body = exports.nodes_csv(graph, metrics)
    return _download(body, "text/csv; charset=utf-8", f"{slug}-map-organizations.csv")


@login_required
@require_GET
def edges_csv(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _readable(request, slug)
    _form, graph, _metrics = _map(request, initiative)
    body = exports.edges_csv(graph)
    return _download(body, "text/csv; charset=utf-8", f"{slug}-map-ties.csv")


@login_required
@require_GET
def graph_gexf(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _readable(request, slug)
    _form, graph, metrics = _map(request, initiative)
    body = exports.gexf(graph, metrics)
    return _download(body, "application/gexf+xml; charset=utf-8", f"{slug}-map.gexf")


def _managed(request, slug):
    initiative = _readable(request, slug)
    require(can(request.user, Action.MANAGE_RELATIONSHIPS, initiative))
    return initiative


def _back(initiative) -> str:
    return reverse("initiatives:stakeholder_map", args=[initiative.slug])


@login_required
@require_POST
def relationship_create(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = _managed(request, slug)
    form = RelationshipForm(
        data=request.POST, organization_ids=services.organization_ids_of(initiative)
    )
    if form.is_valid():
        try:
            services.relationship_create(
                initiative=initiative, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The relationship was recorded."))
            return redirect(_back(initiative))
    return _page(request, initiative, relationship_form=form, status=400)


@login_required
@require_POST
def relationship_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    initiative = _managed(request, slug)
    relationship = Relationship.objects.filter(pk=pk, initiative=initiative).first()
    if relationship is None:
        raise Http404
    relationship.initiative = initiative
    services.relationship_delete(relationship=relationship, by=request.user)
    messages.success(request, _("The relationship was removed."))
    return redirect(_back(initiative))


urlpatterns = [
    path("initiatives/<slug:slug>/map/", stakeholder_map, name="stakeholder_map"),
    path("initiatives/<slug:slug>/map/organizations.csv", nodes_csv, name="stakeholder_map_nodes"),
    path("initiatives/<slug:slug>/map/ties.csv", edges_csv, name="stakeholder_map_edges"),
    path("initiatives/<slug:slug>/map/graph.gexf", graph_gexf, name="stakeholder_map_gexf"),
    path(
        "initiatives/<slug:slug>/map/relationships/",
        relationship_create,
        name="relationship_create",
    ),
    path(
        "initiatives/<slug:slug>/map/relationships/<int:pk>/delete/",
        relationship_delete,
        name="relationship_delete",
    ),
]
