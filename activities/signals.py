"""What activities answers when an app below it asks (activities sends no signal of its own).

`measurement.signals.curve_work_wanted`: the indicator page and the dashboard ask who is
working on their indicators' curves; the answer is `selectors.curve_work` for the page that
lists the work, `selectors.curve_counts` for the dashboard that counts it (one query each,
for all the indicators), in the shapes measurement renders (measurement.signals).
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


def curve_work_answer(sender, *, user, initiative, indicator_ids, detail=False, **kwargs):
    """{indicator_id: CurveAnswer} of the current activities (their counts only, CurveCount,
    without `detail`), or None for a user who may not see the initiative's activities."""
    if not permissions.can_view_activities(user, initiative):
        return None
    if not detail:
        return selectors.curve_counts(initiative=initiative, indicator_ids=indicator_ids)
    work = selectors.curve_work(initiative=initiative, indicator_ids=indicator_ids)
    return {pk: CurveAnswer(found, initiative.slug) for pk, found in work.items()}
