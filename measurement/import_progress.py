"""How far a background import has gone: rows done of rows, kept in the cache (Redis).

Progress is a nicety: when the cache is unreachable the import goes on without noting it,
and the job's page falls back to what the database says (queued or running: 0%; done or
failed: 100%) instead of failing.
"""

import contextlib
import logging

from django.core.cache import cache
from redis import RedisError

logger = logging.getLogger(__name__)

PROGRESS_SECONDS = 3600


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def progress_note(job_id: int, done: int, total: int) -> None:
    try:
        cache.set(progress_key(job_id), [done, total], PROGRESS_SECONDS)
    except RedisError as error:
        logger.warning("Import %s: progress not noted, cache unreachable (%r)", job_id, error)


def progress_forget(job_id: int) -> None:
    with contextlib.suppress(RedisError):  # it expires by itself; the job's state says it is over
        cache.delete(progress_key(job_id))


def progress_percent(job) -> int:
    """0 to 100, from the cache while the job runs, else from the job's state."""
    finished = job.state in ("done", "failed")
    try:
        done, total = cache.get(progress_key(job.pk)) or [0, 0]
    except RedisError:
        done, total = 0, 0
    if finished or not total:
        return 100 if finished else 0
    return int(100 * done / total)
