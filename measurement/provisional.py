"""Is a period's figure still provisional? One rule for cards, charts, tables, exports and API.

A figure is provisional while fewer of the expected organizations have reported a value of
that very period (a cumulative value carried forward from an earlier period does not count)
than the initiative's threshold, a share of the expected (by default all of them). A locked
period is final whatever its share: its books are closed. A figure with nobody expected is
not provisional. On-track is judged on the latest figure that is not provisional.
"""

from math import ceil

from django.db.models import BooleanField, Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, LessThan, LessThanOrEqual

from .models import MeasurementSettings, PeriodState, Rollup

DEFAULT_THRESHOLD = 100


def required_reports(expected: int, threshold: int = DEFAULT_THRESHOLD) -> int:
    """How many organizations must have reported for a figure to be final."""
    return ceil(expected * threshold / 100)


def is_provisional(
    *, reported: int, expected: int, threshold: int = DEFAULT_THRESHOLD, locked: bool = False
) -> bool:
    if locked or expected <= 0:
        return False
    return reported < required_reports(expected, threshold)


def rollup_is_provisional(rollup, *, threshold: int = DEFAULT_THRESHOLD, locked: bool) -> bool:
    return is_provisional(
        reported=rollup.contributing - rollup.carried,
        expected=rollup.expected,
        threshold=threshold,
        locked=locked,
    )


# --- the same rule in SQL (the API's querysets are filtered and paged in the database) ---


def threshold_expression(initiative_ref: str):
    """The initiative's threshold (DEFAULT_THRESHOLD without settings), for an annotation;
    `initiative_ref` names the initiative's id from the annotated rows."""

    own = MeasurementSettings.objects.filter(initiative_id=OuterRef(initiative_ref))
    return Coalesce(Subquery(own.values("provisional_threshold")[:1]), Value(DEFAULT_THRESHOLD))


def provisional_expression(*, reported, expected, threshold, state):
    """`is_provisional` as an SQL boolean. reported < ceil(expected × threshold / 100) is, in
    whole numbers, 100 × reported < expected × threshold."""

    return Case(
        When(Exact(state, Value(PeriodState.LOCKED)), then=Value(False)),
        When(LessThanOrEqual(expected, Value(0)), then=Value(False)),
        When(LessThan(reported * Value(100), expected * threshold), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def with_provisional(rollups):
    """Rollups annotated with `provisional`, by their own reports (the API's queryset)."""
    return rollups.annotate(
        provisional=provisional_expression(
            reported=F("contributing") - F("carried"),
            expected=F("expected"),
            threshold=threshold_expression("indicator__initiative_id"),
            state=F("period__state"),
        )
    )


def with_provisional_categories(category_rollups):
    """Category rollups annotated with `provisional`: that of their period's total, since it
    is the period that waits for its reports."""
    total = Rollup.objects.filter(
        indicator_id=OuterRef("indicator_id"), period_id=OuterRef("period_id")
    )
    reported = total.annotate(n=F("contributing") - F("carried")).values("n")[:1]
    return category_rollups.annotate(
        provisional=Coalesce(
            provisional_expression(
                reported=Subquery(reported),
                expected=Subquery(total.values("expected")[:1]),
                threshold=threshold_expression("indicator__initiative_id"),
                state=F("period__state"),
            ),
            Value(False),
        )
    )
