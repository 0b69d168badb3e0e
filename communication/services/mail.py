"""INTERIM, replaced by the email slice before landing: delivering an event sends nothing yet."""


def event_deliver(event_id: int) -> None:
    return None
