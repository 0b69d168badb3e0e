"""A task that holds the worker for a while, to take Redis away while it runs."""

import time

from celery import shared_task


@shared_task(acks_late=True, name="faults.hold")
def hold(seconds: float) -> float:
    time.sleep(seconds)
    return seconds
