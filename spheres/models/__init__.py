from .commitments import (
    Commitment,
    CommitmentAnswer,
    CommitmentProgress,
    CommitmentReport,
    CommitmentStatus,
    OptIn,
)
from .membership import JoinRequest, JoinRequestStatus, ParentSeat, SphereMember

__all__ = [
    "Commitment",
    "CommitmentAnswer",
    "CommitmentProgress",
    "CommitmentReport",
    "CommitmentStatus",
    "JoinRequest",
    "JoinRequestStatus",
    "OptIn",
    "ParentSeat",
    "SphereMember",
]
