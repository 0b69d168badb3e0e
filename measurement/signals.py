"""Signals measurement sends to ask the apps above it, so that it imports none of them.

`curve_work_wanted`: "who is working on these indicators' curves?" The indicator page and the
dashboard send it once per request with `user`, `initiative`, `indicator_ids` and `detail`; a
receiver (activities, today) answers {indicator_id: answer} for the indicators someone works
on ({} when no one does), in a number of queries that does not grow with the data, and None
for a user who may not see that work. With `detail`, each answer is a CurveWork (the
indicator page lists the work); without, a CurveSummary is enough (the dashboard's cards only
count it, and must not load every activity of the initiative to do so). Measurement renders
what is answered, nothing else.

`period_locked`: a reporting period was locked (`period`, `user`: None when the calendar locked
it). Locked is when a period's figures are final: only approved values count, and none of them
can change any more; it is what partners hear as "the figures of 2026 Q1 were approved". Sent
inside the locking transaction with send_robust (a failing receiver is logged, the lock stands);
a receiver that writes does so in a savepoint of its own.
"""

from typing import Any, Protocol

from django.dispatch import Signal

from initiatives.models import Initiative, User

from .models import Indicator

curve_work_wanted = Signal()
period_locked = Signal()


class CurveSummary(Protocol):
    """What a receiver answers for one indicator: how many activities, of how many
    organizations."""

    activity_count: int
    organization_count: int


class CurveWork(CurveSummary, Protocol):
    """The answer with `detail`: also `by_strategy`, [(strategy, [activity, …])], where a
    strategy has a translatable "title" and an activity has `organization`, a translatable
    "title", `url`, `get_role_display()` and `get_status_display()`."""

    by_strategy: list[tuple[Any, list[Any]]]


def curve_work(
    *, user: User, initiative: Initiative, indicator_ids, detail: bool
) -> dict[int, CurveSummary] | None:
    """The receivers' answers, by indicator; None when none answers for this user (the pages
    then say nothing of the work), {} when one does and no one works on these indicators.
    A receiver that fails is left out (send_robust logs it): the figures still show."""
    answers = curve_work_wanted.send_robust(
        sender=Indicator,
        user=user,
        initiative=initiative,
        indicator_ids=list(indicator_ids),
        detail=detail,
    )
    found: dict[int, CurveSummary] | None = None
    for _receiver, answer in answers:
        if answer is None or isinstance(answer, Exception):
            continue
        found = found if found is not None else {}
        for indicator_id, work in answer.items():
            found.setdefault(indicator_id, work)  # one app answers today; the first one wins
    return found
