"""The stakeholder map's ties from activities: organizations with activities under the same
strategy "share a strategy" (labelled with it), and the filter's scopes (a goal, a strategy,
with the organizations working under it). One query each, whatever the data."""

from initiatives.signals import MapEdge, MapScope, edges_among
from sheatufim.translated import text_of

from .models import Activity

_FIELDS = (
    "organization_id",
    "strategy_id",
    "strategy__title",
    "strategy__language",
    "strategy__translations",
    "strategy__order",
    "strategy__goal_id",
    "strategy__goal__title",
    "strategy__goal__language",
    "strategy__goal__translations",
    "strategy__goal__order",
)


def _rows(initiative):
    return (
        Activity.objects.filter(initiative=initiative)
        .values(*_FIELDS)
        .distinct()
        .order_by("strategy__goal__order", "strategy__goal_id", "strategy__order", "strategy_id")
    )


def _title(row, prefix: str) -> str:
    return str(
        text_of(
            row[f"{prefix}title"],
            row[f"{prefix}language"],
            row[f"{prefix}translations"],
            "title",
        )
    )


def map_edges_answer(sender, *, initiative, **kwargs) -> list[MapEdge]:
    groups: dict[int, tuple[str, set[int]]] = {}
    for row in _rows(initiative):
        entry = groups.setdefault(row["strategy_id"], (_title(row, "strategy__"), set()))
        entry[1].add(row["organization_id"])
    return edges_among(groups, "shares_strategy")


def map_scopes_answer(sender, *, initiative, **kwargs) -> list[MapScope]:
    goals: dict[int, tuple[str, set[int], dict]] = {}
    for row in _rows(initiative):
        _label, members, strategies = goals.setdefault(
            row["strategy__goal_id"], (_title(row, "strategy__goal__"), set(), {})
        )
        members.add(row["organization_id"])
        strategies.setdefault(row["strategy_id"], (_title(row, "strategy__"), set()))[1].add(
            row["organization_id"]
        )
    scopes = []
    for goal_id, (label, members, strategies) in goals.items():
        scopes.append(MapScope(f"goal:{goal_id}", label, frozenset(members), 0))
        scopes.extend(
            MapScope(f"strategy:{pk}", title, frozenset(ids), 1)
            for pk, (title, ids) in strategies.items()
        )
    return scopes
