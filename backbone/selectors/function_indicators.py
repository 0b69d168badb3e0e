"""The backbone's indicators of an initiative per function, with their trend (the
measurement app's own), in a number of queries that does not grow with them."""

from dataclasses import dataclass

from django.utils import timezone

from initiatives.models import Initiative
from measurement.models import Indicator, IndicatorKind
from measurement.selectors.trends import Trend, trends

from ..models import FunctionIndicator


@dataclass
class FunctionIndicatorRow:
    link_id: int
    trend: Trend


def function_indicators(*, initiative: Initiative) -> dict[str, list[FunctionIndicatorRow]]:
    """Per function value, its active indicators (by name) with their trends."""
    links = list(
        FunctionIndicator.objects.filter(
            indicator__initiative=initiative, indicator__is_active=True
        ).select_related("indicator__initiative")
    )
    found = trends(indicators=[link.indicator for link in links], upto=timezone.localdate())
    result: dict[str, list[FunctionIndicatorRow]] = {}
    for link in sorted(links, key=lambda link: link.indicator.text("name").casefold()):
        row = FunctionIndicatorRow(link.pk, found[link.indicator.pk])
        result.setdefault(link.function, []).append(row)
    return result


def untied_backbone_indicators(*, initiative: Initiative):
    """The initiative's active backbone-effectiveness indicators tied to no function yet."""
    return Indicator.objects.filter(
        initiative=initiative, kind=IndicatorKind.BACKBONE, is_active=True
    ).filter(backbone_function__isnull=True)
