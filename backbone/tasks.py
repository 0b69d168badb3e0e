"""Celery tasks of the backbone: thin wrappers over the services, run daily by beat."""

from celery import shared_task


@shared_task
def close_due_rounds() -> int:
    """Daily: close the assessment rounds whose closing date has passed."""
    from .services import rounds

    return rounds.rounds_close_due()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def assessment_reminders() -> int:
    """Daily: remind respondents who have not submitted, while a round closes within three
    days (once per round and person, as each person's reminder preference says)."""
    from .services import rounds

    return rounds.round_reminders_send()
