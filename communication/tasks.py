"""Celery tasks of communication: thin wrappers over the services."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def event_deliver(event_id: int) -> None:
    """Email an event at once to those of its audience who asked for it at once."""
    from .services import mail

    mail.event_deliver(event_id)


@shared_task
def digests_send_task() -> int:
    """Hourly: the daily and weekly digests whose window has ended, and any left half-way."""
    from .services import mail_digests

    return mail_digests.digests_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def reminders_send_task() -> int:
    """Daily: the reminders of the day, each once."""
    from .services import mail_reminders

    return mail_reminders.reminders_send()
