"""Thin Celery wrappers: ids in, one service call, retries."""

from celery import shared_task
from django.utils import timezone

from reports.services.batches import batch_item_failed, batch_item_run
from reports.warming import warm_report_figures

MAX_RETRIES = 2


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES, default_retry_delay=5)
def batch_item_run_task(self, item_id: int) -> str:
    try:
        return batch_item_run(item_id=item_id, now=timezone.now()).status
    except Exception as exc:  # noqa: BLE001 — every failure is recorded, then retried or reported
        final = self.request.retries >= self.max_retries
        batch_item_failed(item_id=item_id, error=f"{type(exc).__name__}: {exc}", final=final, now=timezone.now())
        if final:
            return "failed"
        raise self.retry(exc=exc) from exc


@shared_task
def warm_report_figures_task() -> int:
    return warm_report_figures(now=timezone.now()).scopes
