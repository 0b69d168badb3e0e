"""Signals other apps listen to, so that initiatives depends on none of them."""

from django.dispatch import Signal

# Sent inside the transaction of initiatives.services.participation_end, with `participation`.
participation_ended = Signal()

# Sent inside the transaction of initiatives.services.initiative_set_parent when the parent
# changes or is cleared, with `initiative`, `old_parent_id` and `parent_id` (None: cleared).
initiative_parent_changed = Signal()
