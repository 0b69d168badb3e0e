"""Celery tasks of communication: thin wrappers over the services."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def event_deliver(event_id: int) -> None:
    """Email an event at once to those of its audience who asked for it at once."""
    from .services import mail

    mail.event_deliver(event_id)
