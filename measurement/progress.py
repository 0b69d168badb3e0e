"""Is an indicator on track? One rule for every dashboard, page and export.

The latest shared figure is compared with the target of its period, by the indicator's
desired direction; without a target for that period, with the baseline (is it at least
where we started?). "Keep steady" allows a tolerance of 5% either way.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Direction

STEADY_TOLERANCE = Decimal("0.05")


class Progress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    NO_TARGET = "no_target", _("No target or baseline")
    NO_DATA = "no_data", _("No shared figure yet")


# Colour is never the only signal: every state has its icon and its words.
PROGRESS_ICONS = {
    Progress.ON_TRACK: "✓",
    Progress.OFF_TRACK: "✗",
    Progress.NO_TARGET: "–",
    Progress.NO_DATA: "…",
}
PROGRESS_BADGES = {
    Progress.ON_TRACK: "text-bg-success",
    Progress.OFF_TRACK: "text-bg-danger",
    Progress.NO_TARGET: "text-bg-light border",
    Progress.NO_DATA: "text-bg-light border",
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
    reference = target if target is not None else baseline
    if reference is None:
        return Progress.NO_TARGET
    if direction == Direction.INCREASE:
        good = value >= reference
    elif direction == Direction.DECREASE:
        good = value <= reference
    else:
        good = abs(value - reference) <= abs(reference) * STEADY_TOLERANCE
    return Progress.ON_TRACK if good else Progress.OFF_TRACK
