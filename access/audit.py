"""Logging reads of confidential records (an interface-level concern: views call it)."""

from access.models import ReadEvent
from common.request_context import client_ip


def read_log(*, user, action: str, object_type: str, object_id="", description: str = "", data=None) -> ReadEvent:
    return ReadEvent.objects.create(
        user=user,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        description=description[:300],
        data=data or {},
        ip_address=client_ip(),
    )
