"""Beat sends the heartbeat every minute; a worker running it is what /healthz calls a live worker."""

import socket

from celery import shared_task
from django.utils import timezone


@shared_task(name="common.tasks.heartbeat_task")
def heartbeat_task() -> dict:
    return {"host": socket.gethostname(), "at": timezone.now().isoformat()}
