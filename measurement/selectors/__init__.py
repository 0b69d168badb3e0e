"""Reads of shared measurement, scoped by the policy, one module per noun; query counts stay
flat. Callers import from here; the pages' own numbers are in dashboard, homes and trends."""

from .completeness import assigned_submissions, completeness, excused_organization_ids
from .indicators import indicator_list, indicator_rollups, latest_rollups
from .participants import participants
from .periods import period_list, periods_open_to
from .reports import period_report
from .submissions import (
    reporting_rows,
    submission_get_for_user,
    submission_list_for_user,
    submissions_visible_to,
)

__all__ = [
    "assigned_submissions",
    "completeness",
    "excused_organization_ids",
    "indicator_list",
    "indicator_rollups",
    "latest_rollups",
    "participants",
    "period_list",
    "period_report",
    "periods_open_to",
    "reporting_rows",
    "submission_get_for_user",
    "submission_list_for_user",
    "submissions_visible_to",
]
