"""Thin Celery tasks: ids in, one service call. The beat schedule (csma/settings/base.py) runs the sweep
every minute; the outbox task is dispatched after commit by services.outbox."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone


@shared_task(name="incidents.tasks.incident_clock_sweep_task")
def incident_clock_sweep_task() -> dict:
    from incidents.services.sweep import incident_clock_sweep

    result = incident_clock_sweep(now=timezone.now())
    return {"warnings": result.warnings, "escalations": result.escalations, "delivered": result.delivered}


@shared_task(
    bind=True,
    name="incidents.tasks.outbox_deliver_task",
    autoretry_for=(SMTPException,),
    retry_backoff=True,
    max_retries=5,
)
def outbox_deliver_task(self, notification_id: int) -> bool:
    from incidents.models import OutboundNotification
    from incidents.services.outbox import outbox_deliver

    notification = OutboundNotification.objects.filter(pk=notification_id).first()
    if notification is None:  # its transaction was rolled back
        return False
    return outbox_deliver(notification=notification, now=timezone.now())
