from .feedback import Decision, Endorsement, SectionComment
from .plan import Goal, Strategy
from .versions import SECTIONS, AgendaVersion, VersionState

__all__ = [
    "SECTIONS",
    "AgendaVersion",
    "Decision",
    "Endorsement",
    "Goal",
    "SectionComment",
    "Strategy",
    "VersionState",
]
