from .endorsements import endorsement_rows, endorsement_share
from .versions import (
    Agenda,
    agenda_for,
    comments_by_section,
    goal_tree,
    goals_visible_to,
    strategies_visible_to,
    version_get,
    version_list,
    versions_visible_to,
)

__all__ = [
    "Agenda",
    "agenda_for",
    "comments_by_section",
    "endorsement_rows",
    "endorsement_share",
    "goal_tree",
    "goals_visible_to",
    "strategies_visible_to",
    "version_get",
    "version_list",
    "versions_visible_to",
]
