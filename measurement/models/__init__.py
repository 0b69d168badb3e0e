from .indicators import (
    Aggregation,
    Category,
    Dimension,
    Direction,
    Frequency,
    Indicator,
    IndicatorAssignment,
    IndicatorKind,
    Target,
    ValueType,
)
from .periods import (
    LateSubmissionGrant,
    MeasurementSettings,
    PeriodChange,
    PeriodState,
    ReportingPeriod,
)
from .rollups import CategoryRollup, Rollup, RollupRequest
from .submissions import (
    CategoryValue,
    ImportJob,
    Submission,
    SubmissionEvent,
    SubmissionState,
)

__all__ = [
    "Aggregation",
    "Category",
    "CategoryRollup",
    "CategoryValue",
    "Dimension",
    "Direction",
    "Frequency",
    "ImportJob",
    "Indicator",
    "IndicatorAssignment",
    "IndicatorKind",
    "LateSubmissionGrant",
    "MeasurementSettings",
    "PeriodChange",
    "PeriodState",
    "ReportingPeriod",
    "Rollup",
    "RollupRequest",
    "Submission",
    "SubmissionEvent",
    "SubmissionState",
    "Target",
    "ValueType",
]
