"""Signals other apps listen to, so that initiatives depends on none of them."""

import logging
from typing import NamedTuple

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


# The stakeholder map (initiatives.stakeholder_map) asks the apps above for the ties they know
# between the organizations of an initiative. Sent with `initiative`; a receiver answers a list
# of MapEdge in a number of queries that does not grow with the data.
map_edges_wanted = Signal()
# And for the scopes its filter offers (a goal or a strategy of the agenda, with the
# organizations working under it): sent with `initiative`; a receiver answers a list of MapScope.
map_scopes_wanted = Signal()


class MapEdge(NamedTuple):
    source: int  # organization ids
    target: int
    kind: str  # a key of initiatives.stakeholder_map.graph.EDGE_KINDS
    label: str  # what ties them, in the reader's language (a strategy's title, a group's name)


class MapScope(NamedTuple):
    key: str  # "goal:<id>" or "strategy:<id>"
    label: str
    organization_ids: frozenset[int]
    level: int = 0  # 0 a goal, 1 a strategy under it


def edges_among(groups: dict, kind: str) -> list[MapEdge]:
    """One undirected edge per pair of organizations of each group: `groups` maps a key to
    (label, organization ids)."""
    edges = []
    for label, organization_ids in groups.values():
        ordered = sorted(set(organization_ids))
        for i, source in enumerate(ordered):
            edges.extend(MapEdge(source, target, kind, label) for target in ordered[i + 1 :])
    return edges


def _answers(signal: Signal, **kwargs) -> list:
    found = []
    for receiver, answer in signal.send_robust(sender=None, **kwargs):
        if isinstance(answer, Exception):
            logger.error("receiver %r failed", receiver, exc_info=answer)
        elif answer:
            found.extend(answer)
    return found


def map_edges(*, initiative) -> list[MapEdge]:
    """The ties the apps above know; one that fails is left out (logged): the map still shows."""
    return _answers(map_edges_wanted, initiative=initiative)


def map_scopes(*, initiative) -> list[MapScope]:
    return _answers(map_scopes_wanted, initiative=initiative)
