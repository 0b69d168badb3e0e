"""The one way an event enters the feed and the mail: `event_record`.

Every service that changes something partners should hear of calls it inside its own
transaction; the event is then delivered (at once to those who asked for it, else in their
digests) once that transaction commits, so a rolled-back change tells no one.
"""

from django.utils import timezone

from initiatives.models import Initiative
from initiatives.services import enqueue_on_commit

from ..models import Event


def event_record(
    initiative: Initiative,
    kind: str,
    *,
    actor=None,
    path: str = "",
    params: dict | None = None,
    **subjects,
) -> Event:
    """Record that `kind` happened in `initiative`. `subjects` are the Event's links:
    working_group (the audience is then the group), recipient (then only that person),
    meeting, decision, update, action_item."""
    event = Event.objects.create(
        initiative=initiative,
        kind=kind,
        occurred_at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        path=path,
        params=params or {},
        **subjects,
    )
    from ..tasks import event_deliver  # the task module imports the services

    enqueue_on_commit(event_deliver, event.pk)
    return event
