"""The stakeholder map's ties from working groups: organizations whose people sit in the same
(not archived) working group, labelled with the group. One query, whatever the data."""

from initiatives.signals import MapEdge, edges_among
from sheatufim.translated import text_of

from .models import WorkingGroupMember


def map_edges_answer(sender, *, initiative, **kwargs) -> list[MapEdge]:
    rows = (
        WorkingGroupMember.objects.filter(
            group__initiative=initiative, group__archived=False, organization__isnull=False
        )
        .values(
            "group_id", "organization_id", "group__name", "group__language", "group__translations"
        )
        .distinct()
        .order_by("group_id")
    )
    groups: dict[int, tuple[str, set[int]]] = {}
    for row in rows:
        label = str(
            text_of(row["group__name"], row["group__language"], row["group__translations"], "name")
        )
        groups.setdefault(row["group_id"], (label, set()))[1].add(row["organization_id"])
    return edges_among(groups, "working_group")
