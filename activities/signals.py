"""What activities answers when an app below it asks (activities sends no signal of its own).

`measurement.signals.curve_work_wanted`: the indicator page and the dashboard ask who is
working on their indicators' curves; the answer is `selectors.curve_work` (one query for all
the indicators), in the shape measurement renders (measurement.signals.CurveWork).
"""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse

from . import permissions, selectors
from .models import ActivityRole

# Within a strategy, the leads first, then partners, supporters and funders.
ROLE_RANK = {role: rank for rank, role in enumerate(ActivityRole.values)}


@dataclass
class CurveAnswer:
    """One indicator's work as measurement reads it; the links are made only when listed."""

    work: selectors.CurveWork
    slug: str

    @property
    def activity_count(self) -> int:
        return len(self.work.activities)

    @property
    def organization_count(self) -> int:
        return self.work.organization_count

    @cached_property
    def by_strategy(self) -> list:
        grouped = []
        for strategy, activities in self.work.by_strategy:
            for activity in activities:
                activity.url = reverse("activities:detail", args=[self.slug, activity.pk])
            activities = sorted(activities, key=lambda a: (ROLE_RANK.get(a.role, 99), a.pk))
            grouped.append((strategy, activities))
        return grouped


def curve_work_answer(sender, *, user, initiative, indicator_ids, **kwargs):
    """{indicator_id: CurveAnswer} of the current activities, or None for a user who may not
    see the initiative's activities."""
    if not permissions.can_view_activities(user, initiative):
        return None
    work = selectors.curve_work(initiative=initiative, indicator_ids=indicator_ids)
    return {pk: CurveAnswer(found, initiative.slug) for pk, found in work.items()}
