"""Signals other apps listen to, so that initiatives depends on none of them."""

from django.dispatch import Signal

# Sent inside the transaction of initiatives.services.participation_end, with `participation`.
participation_ended = Signal()
