"""Is an indicator on track? One rule for every dashboard, page and export.

The latest shared figure is compared with the target of its period, by the indicator's
desired direction. It is never on track when it is worse than the baseline (where we
started), nor without a target for its period: then it has no verdict, or is off track if
below the baseline. "Keep steady" allows a tolerance of 5% either way of its target.

A provisional figure (measurement/provisional.py: too few organizations have reported yet)
is shown but never judged: the verdict is that of the latest figure that is final, and
there is no verdict yet when none is.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Direction

STEADY_TOLERANCE = Decimal("0.05")


class Progress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    NO_TARGET = "no_target", _("No target")
    NO_DATA = "no_data", _("No shared figure yet")
    PROVISIONAL = "provisional", _("No verdict yet")


# Colour is never the only signal: every state has its icon and its words.
PROGRESS_ICONS = {
    Progress.ON_TRACK: "✓",
    Progress.OFF_TRACK: "✗",
    Progress.NO_TARGET: "–",
    Progress.NO_DATA: "…",
    Progress.PROVISIONAL: "◌",
}
PROGRESS_BADGES = {
    Progress.ON_TRACK: "text-bg-success",
    Progress.OFF_TRACK: "text-bg-danger",
    Progress.NO_TARGET: "text-bg-light border",
    Progress.NO_DATA: "text-bg-light border",
    Progress.PROVISIONAL: "text-bg-light border",
}


def progress_of(
    *,
    direction: str,
    value: Decimal | None,
    target: Decimal | None,
    baseline: Decimal | None,
) -> Progress:
    if value is None:
        return Progress.NO_DATA
    if (
        baseline is not None
        and direction != Direction.MAINTAIN
        and not _meets(direction, value, baseline)
    ):
        return Progress.OFF_TRACK  # worse than where we started, whatever the target says
    if target is None:
        return Progress.NO_TARGET  # at or past the baseline is no promise of the goal
    return Progress.ON_TRACK if _meets(direction, value, target) else Progress.OFF_TRACK


def judged_point(points):
    """The point a verdict is judged on: the latest with a figure that is not provisional
    (`points` oldest first, each with `value` and `provisional`)."""
    return next((p for p in reversed(points) if p.value is not None and not p.provisional), None)


def _meets(direction: str, value: Decimal, reference: Decimal) -> bool:
    if direction == Direction.INCREASE:
        return value >= reference
    if direction == Direction.DECREASE:
        return value <= reference
    return abs(value - reference) <= abs(reference) * STEADY_TOLERANCE
