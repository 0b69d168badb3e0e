from .commitments import (
    Commitment,
    CommitmentAnswer,
    CommitmentProgress,
    CommitmentReport,
    CommitmentStatus,
    OptIn,
)
from .membership import JoinRequest, JoinRequestStatus, ParentSeat, SphereMember
from .visits import SphereVisit

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
    "SphereVisit",
]
