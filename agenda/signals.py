"""Signals agenda sends so that the apps above it hear of it without agenda importing them.

`version_adopted`: a version of the common agenda was adopted (`version`, `user`). It is sent
inside the adopting transaction, with send_robust: a receiver that fails is logged and the
adoption stands. A receiver that writes does so in a savepoint of its own
(`transaction.atomic()`), so that its failure leaves the transaction usable.
"""

from django.dispatch import Signal

version_adopted = Signal()
