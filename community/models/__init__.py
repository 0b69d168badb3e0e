"""The learning community's data: leaders' profiles, cohorts and their members, the library."""

from .cohorts import Cohort, CohortMember
from .profiles import LeaderProfile, validate_languages
from .resources import (
    RESOURCE_EXTENSIONS,
    Condition,
    Resource,
    ResourceKind,
    resource_path,
)

__all__ = [
    "RESOURCE_EXTENSIONS",
    "Cohort",
    "CohortMember",
    "Condition",
    "LeaderProfile",
    "Resource",
    "ResourceKind",
    "resource_path",
    "validate_languages",
]
