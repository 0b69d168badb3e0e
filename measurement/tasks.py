from celery import shared_task

from . import services
from .services import rollups


@shared_task(acks_late=True)
def rollup_process_requests_task() -> int:
    """Roll up what approvals, returns and reopenings asked for (queued on commit)."""
    return rollups.rollup_process_requests()


@shared_task
def rollup_recompute_all_task() -> None:
    """The nightly full recomputation: the same inputs give the same rows."""
    rollups.rollup_compute()


@shared_task
def periods_advance_task() -> int:
    """Open upcoming periods, close and lock past ones, as each initiative's settings say."""
    return services.periods_advance()


@shared_task
def import_job_run_task(job_id: int) -> None:
    """Import a large spreadsheet in the background."""
    from .services import imports

    imports.job_run(job_id)
