"""On track means meeting the target, never while worse than the baseline."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from measurement.models import Indicator
from measurement.progress import Progress, progress_of
from measurement.selectors.trends import trends
from measurement.services.rollups import rollup_compute

D = Decimal


@pytest.mark.parametrize(
    ("direction", "value", "target", "baseline", "expected"),
    [
        # the demo's MATH5: 598 students meet the target of 550, the baseline was 1200
        ("increase", D(598), D(550), D(1200), Progress.OFF_TRACK),
        ("decrease", D(40), D(50), D(30), Progress.OFF_TRACK),  # more than at the start
        ("increase", D(9), None, D(8), Progress.NO_TARGET),  # past the baseline, no target
        ("increase", D(7), None, D(8), Progress.OFF_TRACK),  # below the baseline
        ("increase", D(12), D(10), D(8), Progress.ON_TRACK),
        ("decrease", D(20), D(25), D(30), Progress.ON_TRACK),
        ("maintain", D(10), D(10), D(12), Progress.ON_TRACK),  # steady is judged by the target
    ],
)
def test_on_track_needs_the_target_and_never_worse_than_the_baseline(
    direction, value, target, baseline, expected
):
    assert (
        progress_of(direction=direction, value=value, target=target, baseline=baseline) == expected
    )


def test_the_demo_math5_is_not_on_track(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-secret")
    call_command("seed_demo")
    rollup_compute()
    math5 = Indicator.objects.get(code="MATH5", initiative__slug="5x2-stem-excellence")

    trend = trends(indicators=[math5], upto=timezone.localdate())[math5.pk]

    assert trend.latest.value < math5.baseline  # the figure is half the baseline
    assert trend.latest.target is not None and trend.latest.value >= trend.latest.target
    assert trend.progress == Progress.OFF_TRACK
