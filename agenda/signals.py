"""Signals agenda sends so that the apps above it hear of it without agenda importing them.

`version_adopted`: a version of the common agenda was adopted (`version`, `user`). It is sent
inside the adopting transaction, with send_robust: a receiver that fails is logged and the
adoption stands. A receiver that writes does so in a savepoint of its own
(`transaction.atomic()`), so that its failure leaves the transaction usable.
"""

import logging

from django.dispatch import Signal

logger = logging.getLogger(__name__)

version_adopted = Signal()


def send_robust_logged(signal: Signal, sender, **kwargs) -> None:
    for receiver, answer in signal.send_robust(sender=sender, **kwargs):
        if isinstance(answer, Exception):
            logger.error("receiver %r failed", receiver, exc_info=answer)
