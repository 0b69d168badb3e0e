"""Signals measurement sends to ask the apps above it, so that it imports none of them.

`curve_work_wanted`: "who is working on these indicators' curves?" The indicator page and the
dashboard send it once per request with `user`, `initiative` and `indicator_ids`; a receiver
(activities, today) answers {indicator_id: CurveWork} for the indicators someone works on, in
a number of queries that does not grow with the indicators ({} when no one does), and None
for a user who may not see that work. Measurement renders what is answered, nothing else.
"""

from typing import Any, Protocol

from django.dispatch import Signal

from initiatives.models import Initiative, User

from .models import Indicator

curve_work_wanted = Signal()


class CurveWork(Protocol):
    """What a receiver answers for one indicator.

    `by_strategy` is [(strategy, [activity, …])]: a strategy has a translatable "title"; an
    activity has `organization`, a translatable "title", `url`, `get_role_display()` and
    `get_status_display()`.
    """

    activity_count: int
    organization_count: int
    by_strategy: list[tuple[Any, list[Any]]]


def curve_work(*, user: User, initiative: Initiative, indicator_ids) -> dict[int, CurveWork] | None:
    """The receivers' answers, by indicator; None when none answers for this user (the pages
    then say nothing of the work), {} when one does and no one works on these indicators.
    A receiver that fails is left out (send_robust logs it): the figures still show."""
    ids = list(indicator_ids)
    answers = curve_work_wanted.send_robust(
        sender=Indicator, user=user, initiative=initiative, indicator_ids=ids
    )
    found: dict[int, CurveWork] | None = None
    for _receiver, answer in answers:
        if answer is None or isinstance(answer, Exception):
            continue
        found = found if found is not None else {}
        for indicator_id, work in answer.items():
            found.setdefault(indicator_id, work)  # one app answers today; the first one wins
    return found
