"""Reads of shared measurement, scoped by the policy, one module per noun; query counts stay
flat. Callers import from here; the pages' own numbers are in dashboard, homes and trends."""

from initiatives.selectors import participant_organizations as participants

from .completeness import (
    Counts,
    assigned_submissions,
    completeness,
    excused_organization_ids,
    value_counts,
)
from .indicators import (
    category_rollups_visible_to,
    indicator_list,
    indicator_rollups,
    indicators_visible_to,
    latest_rollups,
    rollups_visible_to,
)
from .periods import (
    current_period,
    current_period_subquery,
    period_list,
    periods_open_to,
    periods_visible_to,
)
from .reports import initiative_threshold, period_report
from .submissions import (
    approved_values,
    last_approved_values,
    reporting_rows,
    review_queue,
    submission_get_for_user,
    submission_list_for_user,
    submissions_visible_to,
)

__all__ = [
    "Counts",
    "approved_values",
    "assigned_submissions",
    "category_rollups_visible_to",
    "completeness",
    "current_period",
    "current_period_subquery",
    "excused_organization_ids",
    "indicator_list",
    "indicator_rollups",
    "indicators_visible_to",
    "initiative_threshold",
    "last_approved_values",
    "latest_rollups",
    "participants",  # the organizations taking part in an initiative (initiatives' selector)
    "period_list",
    "period_report",
    "periods_open_to",
    "periods_visible_to",
    "reporting_rows",
    "review_queue",
    "rollups_visible_to",
    "submission_get_for_user",
    "submission_list_for_user",
    "submissions_visible_to",
    "value_counts",
]
