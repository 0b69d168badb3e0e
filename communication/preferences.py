"""What each person chose to receive: the one map of events to kinds of message, and each
person's delivery per kind (DEFAULT_DELIVERY where they chose nothing), read in one query."""

from django.db.models import Exists, OuterRef, Q

from .models import DEFAULT_DELIVERY, EmailPreference, EventKind, MessageKind

EVENT_MESSAGE_KIND = {
    EventKind.UPDATE_POSTED: MessageKind.NEWS,
    EventKind.AGENDA_ADOPTED: MessageKind.MILESTONES,
    EventKind.FIGURES_APPROVED: MessageKind.MILESTONES,
    EventKind.MEETING_SCHEDULED: MessageKind.MEETINGS,
    EventKind.MEETING_INVITED: MessageKind.MEETINGS,
    EventKind.MEETING_CHANGED: MessageKind.MEETINGS,
    EventKind.MEETING_CANCELLED: MessageKind.MEETINGS,
    EventKind.MINUTES_CIRCULATED: MessageKind.MINUTES,
    EventKind.MINUTES_APPROVED: MessageKind.MINUTES,
    EventKind.DECISION_TAKEN: MessageKind.DECISIONS,
    EventKind.ACTION_ITEM_ASSIGNED: MessageKind.ACTION_ITEMS,
}


def deliveries_for(user_ids) -> dict[int, dict[str, str]]:
    """Each person's delivery for every kind of message."""
    chosen = {pk: dict(DEFAULT_DELIVERY) for pk in user_ids}
    rows = EmailPreference.objects.filter(user_id__in=list(chosen)).values_list(
        "user_id", "kind", "delivery"
    )
    for user_id, kind, delivery in rows:
        chosen[user_id][kind] = delivery
    return chosen


def chooses(delivery: str) -> Q:
    """People who receive at least one kind of message by `delivery` (a filter on User)."""
    condition = Q(Exists(EmailPreference.objects.filter(user=OuterRef("pk"), delivery=delivery)))
    for kind, default in DEFAULT_DELIVERY.items():
        if default == delivery:
            condition |= ~Q(Exists(EmailPreference.objects.filter(user=OuterRef("pk"), kind=kind)))
    return condition
