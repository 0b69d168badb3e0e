from .feedback import comment_add, endorsement_save
from .plan import goal_move, goal_retire, goal_save, strategy_move, strategy_retire, strategy_save
from .snapshot import snapshot_build
from .versions import (
    version_adopt,
    version_draft_start,
    version_open_for_comment,
    version_sections_save,
)

__all__ = [
    "comment_add",
    "endorsement_save",
    "goal_move",
    "goal_retire",
    "goal_save",
    "snapshot_build",
    "strategy_move",
    "strategy_retire",
    "strategy_save",
    "version_adopt",
    "version_draft_start",
    "version_open_for_comment",
    "version_sections_save",
]
