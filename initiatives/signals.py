"""Signals other apps listen to, so that initiatives depends on none of them."""

import logging

from django.dispatch import Signal

logger = logging.getLogger(__name__)


def send_robust_logged(signal: Signal, sender, **kwargs) -> None:
    """Tell the apps above of something done: a receiver that fails is logged, and what was
    done stands (the receiver writes in a savepoint of its own)."""
    for receiver, answer in signal.send_robust(sender=sender, **kwargs):
        if isinstance(answer, Exception):
            logger.error("receiver %r failed", receiver, exc_info=answer)


# Sent inside the transaction of initiatives.services.participation_end, with `participation`.
participation_ended = Signal()

# Sent inside the transaction of initiatives.services.initiative_set_parent when the parent
# changes or is cleared, with `initiative`, `old_parent_id` and `parent_id` (None: cleared).
initiative_parent_changed = Signal()

# Sent by the homes (the "my initiatives" list here; measurement's partner home and dashboard)
# to ask the apps above for panels, with `user`, `initiative` (None on "my initiatives") and
# `place` (one of HOME_PLACES). A receiver answers an HTML fragment (already rendered, safe) or
# None, in a number of queries that does not grow with the data.
home_panels_wanted = Signal()
HOME_PLACES = ("my_initiatives", "partner_home", "dashboard")


def home_panels(*, user, initiative, place: str, request=None) -> list:
    """The fragments the receivers answer for this home, in the order they answer; one that
    fails is left out (send_robust logs it): the home still shows."""
    answers = home_panels_wanted.send_robust(
        sender=None, user=user, initiative=initiative, place=place, request=request
    )
    return [answer for _receiver, answer in answers if answer and not isinstance(answer, Exception)]


# Sent by the facilitator's portfolio to ask the apps above for columns, with `user` and
# `initiative_ids` (the portfolio's, in its order). A receiver answers {"title": str,
# "cells": {initiative id: safe HTML}} (a cell it leaves out shows empty) or None, in a number
# of queries that does not grow with the number of initiatives or their data.
portfolio_columns_wanted = Signal()


def portfolio_columns(*, user, initiative_ids, request=None) -> list[dict]:
    """The columns the receivers answer, in the order they answer; one that fails is left
    out (send_robust logs it): the portfolio still shows."""
    answers = portfolio_columns_wanted.send_robust(
        sender=None, user=user, initiative_ids=list(initiative_ids), request=request
    )
    columns = []
    for receiver, answer in answers:
        if isinstance(answer, Exception):
            logger.error("receiver %r failed", receiver, exc_info=answer)
        elif answer:
            columns.append(answer)
    return columns
