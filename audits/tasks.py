from celery import shared_task

from audits.services.reminders import audit_reminders_send
from common import clock


@shared_task
def audit_send_reminders_task() -> int:
    return audit_reminders_send(now=clock.now())
