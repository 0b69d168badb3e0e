"""What the news page and the API read: the updates of an initiative and its feed of events,
always for one reader (audience.event_visibility), in a number of queries that does not grow
with the rows."""

from django.db.models import Prefetch, Q, QuerySet

from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative

from .. import permissions
from ..audience import event_visibility
from ..models import Event, Update, UpdateAttachment


def update_list(*, initiative: Initiative) -> QuerySet[Update]:
    """Every member of the initiative reads its news; the newest first, files beside."""
    return (
        Update.objects.filter(initiative=initiative)
        .select_related("author", "initiative")
        .prefetch_related(Prefetch("attachments", UpdateAttachment.objects.order_by("id")))
    )


def update_get(*, initiative: Initiative, pk: int) -> Update:
    return update_list(initiative=initiative).get(pk=pk)


def event_list_for_user(*, user, initiative: Initiative, kinds=()) -> QuerySet[Event]:
    """The initiative's feed as `user` sees it (never the events addressed to one person),
    newest first, with what each line's sentence and link need."""
    events = Event.objects.filter(event_visibility(user, initiative), initiative=initiative)
    if kinds:
        events = events.filter(kind__in=list(kinds))
    return events.select_related("actor", "initiative").order_by("-occurred_at", "-id")


def updates_visible_to(*, user) -> QuerySet[Update]:
    """The updates of the user's initiatives (the API's): another initiative's do not exist."""
    initiatives = initiative_selectors.initiative_list_for_user(user=user)
    return (
        Update.objects.filter(initiative__in=initiatives)
        .select_related("author", "initiative")
        .prefetch_related(Prefetch("attachments", UpdateAttachment.objects.order_by("id")))
    )


def attachments_visible_to(*, user) -> QuerySet[UpdateAttachment]:
    initiatives = initiative_selectors.initiative_list_for_user(user=user)
    return UpdateAttachment.objects.filter(update__initiative__in=initiatives).select_related(
        "update__initiative"
    )


def events_visible_to(*, user) -> QuerySet[Event]:
    """Every feed line the user sees, over all their initiatives (the API's)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        visible = Q(recipient__isnull=True)  # as staff of every initiative (the policy's rule)
        return Event.objects.filter(visible).select_related("actor", "initiative")
    visible = Q(pk__in=[])
    for initiative in initiative_selectors.initiative_list_for_user(user=user):
        if permissions.can_view_communication(user, initiative):
            visible |= Q(initiative=initiative) & event_visibility(user, initiative)
    return (
        Event.objects.filter(visible)
        .select_related("actor", "initiative")
        .order_by("-occurred_at", "-id")
    )
