"""Is a period's figure still provisional? One rule for cards, charts, tables, exports and API.

A figure is provisional while fewer of the expected organizations have reported a value of
that very period (a cumulative value carried forward from an earlier period does not count)
than the initiative's threshold, a share of the expected (by default all of them). A locked
period is final whatever its share: its books are closed. A figure with nobody expected is
not provisional. On-track is judged on the latest figure that is not provisional.
"""

from math import ceil

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
