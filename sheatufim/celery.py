import logging
import os
import time

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sheatufim.settings")

app = Celery("sheatufim")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

#: The cache key of the last heartbeat: a timestamp written by a worker (see /healthz/worker).
HEARTBEAT_KEY = "sheatufim:worker-heartbeat"


@app.task(name="sheatufim.worker_heartbeat", ignore_result=True)
def worker_heartbeat() -> None:
    """Beat queues it every minute and a worker runs it: a recent timestamp means both live."""
    from django.core.cache import cache

    cache.set(HEARTBEAT_KEY, time.time(), timeout=None)


@worker_ready.connect
def _heartbeat_when_ready(**kwargs) -> None:
    # A worker that (re)starts is seen at once rather than at the next beat.
    try:
        worker_heartbeat()
    except Exception as error:  # the cache is down: the next beat will tell
        logger.warning("Could not write the worker heartbeat: %r", error)
