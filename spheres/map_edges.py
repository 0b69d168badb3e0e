"""The stakeholder map's ties from joint commitments: organizations that opted in to the same
commitment (not withdrawn), labelled with it. One query, whatever the data."""

from initiatives.signals import MapEdge, edges_among
from sheatufim.translated import text_of

from .models import CommitmentAnswer, CommitmentStatus, OptIn


def map_edges_answer(sender, *, initiative, **kwargs) -> list[MapEdge]:
    rows = (
        CommitmentAnswer.objects.filter(commitment__sphere=initiative, answer=OptIn.IN)
        .exclude(commitment__status=CommitmentStatus.WITHDRAWN)
        .values(
            "commitment_id",
            "organization_id",
            "commitment__title",
            "commitment__language",
            "commitment__translations",
        )
        .order_by("commitment_id")
    )
    groups: dict[int, tuple[str, set[int]]] = {}
    for row in rows:
        label = str(
            text_of(
                row["commitment__title"],
                row["commitment__language"],
                row["commitment__translations"],
                "title",
            )
        )
        groups.setdefault(row["commitment_id"], (label, set()))[1].add(row["organization_id"])
    return edges_among(groups, "joint_commitment")
