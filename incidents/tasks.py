"""Thin Celery tasks: ids in, one service call. The beat schedule (csma/settings/base.py) runs the sweep
every minute; it also retries the common outbox (common/outbox.py), whose own task is common.tasks."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="incidents.tasks.incident_clock_sweep_task")
def incident_clock_sweep_task() -> dict:
    from incidents.services.sweep import incident_clock_sweep

    result = incident_clock_sweep(now=timezone.now())
    return {"warnings": result.warnings, "escalations": result.escalations, "delivered": result.delivered}
