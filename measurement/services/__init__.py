"""Writes of shared measurement, one module per noun. Callers import from here.

A change that can move a rollup asks for it through `rollups.rollup_request`, in the same
transaction; the task is queued on commit, and the periodic run catches a missed one.
"""

from .indicators import (
    assignments_end,
    dimension_create,
    indicator_save,
    on_participation_ended,
    targets_save,
    year_targets_save,
)
from .periods import (
    late_grant_save,
    period_set_state,
    period_state_for,
    periods_advance,
    periods_generate,
    settings_for,
)
from .review import (
    submission_approve,
    submission_reopen,
    submission_return,
    submissions_approve_bulk,
    submissions_review,
)
from .rollups import rollup_request
from .submissions import (
    CHANGE_FIELDS,
    Entry,
    SaveResult,
    VersionConflict,
    submission_save,
    submissions_save,
)
from .values import Values, outlier_reason, values_clean

__all__ = [
    "CHANGE_FIELDS",
    "Entry",
    "SaveResult",
    "Values",
    "VersionConflict",
    "assignments_end",
    "dimension_create",
    "indicator_save",
    "late_grant_save",
    "on_participation_ended",
    "outlier_reason",
    "period_set_state",
    "period_state_for",
    "periods_advance",
    "periods_generate",
    "rollup_request",
    "settings_for",
    "submission_approve",
    "submission_reopen",
    "submission_return",
    "submission_save",
    "submissions_approve_bulk",
    "submissions_review",
    "submissions_save",
    "targets_save",
    "values_clean",
    "year_targets_save",
]
