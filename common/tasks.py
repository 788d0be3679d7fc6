"""Beat sends the heartbeat every minute; a worker running it is what /healthz calls a live worker. The outbox
task delivers one notification after commit (common/outbox.py)."""

import socket
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone


@shared_task(name="common.tasks.heartbeat_task")
def heartbeat_task() -> dict:
    return {"host": socket.gethostname(), "at": timezone.now().isoformat()}


@shared_task(
    bind=True,
    name="common.tasks.outbox_deliver_task",
    autoretry_for=(SMTPException,),
    retry_backoff=True,
    max_retries=5,
)
def outbox_deliver_task(self, notification_id: int) -> bool:
    """Dispatched after commit by common.outbox; the minute sweep retries whatever this does not send."""
    from common.models import OutboundNotification
    from common.outbox import outbox_deliver

    notification = OutboundNotification.objects.filter(pk=notification_id).first()
    if notification is None:  # its transaction was rolled back
        return False
    return outbox_deliver(notification=notification, now=timezone.now())
