"""The notification outbox: rows are written with the change; delivery happens after commit through a
Celery task, and the minute sweep retries whatever is still unsent (e-mail down, broker down)."""

import logging
import smtplib
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction

from incidents.models import Incident, OutboundNotification

logger = logging.getLogger(__name__)
RETRY_BACKOFF = (1, 2, 5, 10, 30, 60)  # minutes after attempt 1, 2, …; then hourly
DELIVER_BATCH = 500
LEASE = timedelta(minutes=5)


def outbox_enqueue(
    *,
    incident: Incident | None,
    topic: str,
    recipients: list[str],
    subject: str,
    body: str,
    now: datetime,
    dispatch: bool = True,
) -> OutboundNotification | None:
    """Store the notification in the caller's transaction; try to hand it to a worker after commit
    (``dispatch=False``: the caller — the sweep — delivers pending rows itself)."""
    if not recipients:
        return None
    notification = outbox_build(
        incident=incident, topic=topic, recipients=recipients, subject=subject, body=body, now=now
    )
    notification.save()
    if dispatch:
        transaction.on_commit(partial(_dispatch, notification.pk))
    return notification


def outbox_build(
    *, incident, topic: str, recipients: list[str], subject: str, body: str, now: datetime
) -> OutboundNotification:
    return OutboundNotification(
        incident=incident,
        topic=topic,
        recipients=sorted(set(recipients)),
        subject=subject[:300],
        body=body,
        next_attempt_at=now,
    )


def _dispatch(notification_id: int) -> None:
    """After commit. A broker that is down must not turn a saved report into an error: the row stays
    pending and the sweep retries it."""
    from incidents.tasks import outbox_deliver_task

    try:
        outbox_deliver_task.apply_async(args=[notification_id])
    except Exception:  # kombu.OperationalError, ConnectionRefusedError, …: the outbox keeps the row
        logger.warning("incident notification %s not dispatched; the sweep will retry", notification_id, exc_info=True)


def outbox_deliver(*, notification: OutboundNotification, now: datetime) -> bool:
    """Send one notification (the after-commit task); on failure record the error and when to retry."""
    if notification.sent_at is not None:
        return True
    claimed = OutboundNotification.objects.filter(  # a lease, so the task and the sweep never both send it
        pk=notification.pk, sent_at__isnull=True, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    if not claimed:
        return False
    _send(notification, now=now, connection=get_connection())
    notification.save(update_fields=["attempts", "sent_at", "last_error", "next_attempt_at", "updated_at"])
    return notification.sent_at is not None


def outbox_deliver_pending(*, now: datetime, limit: int = DELIVER_BATCH) -> int:
    """Deliver what is due for a (re)try over one mail connection; returns how many were sent. The batch is
    leased first (its own transaction), so two sweeps running at once, or the per-notification task, never
    send the same row twice."""
    pending = _lease_pending(now=now, limit=limit)
    if not pending:
        return 0
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # refused, timed out, bad credentials: every leased row records it
        for notification in pending:
            notification.attempts += 1
            _failed(notification, error, now=now)
    else:
        with connection:
            for index, notification in enumerate(pending):
                error = _send(notification, now=now, connection=connection)
                if error is not None and _connection_broken(error):  # one timeout per sweep, not one per row
                    for later in pending[index + 1 :]:
                        later.attempts += 1
                        _failed(later, error, now=now)
                    break
    OutboundNotification.objects.bulk_update(pending, ["attempts", "sent_at", "last_error", "next_attempt_at"])
    return sum(notification.sent_at is not None for notification in pending)


@transaction.atomic
def _lease_pending(*, now: datetime, limit: int) -> list[OutboundNotification]:
    """Rows locked by another sweep are skipped; a row it leased meanwhile no longer matches (PostgreSQL
    re-checks the WHERE of a locked row; SQLite runs one writing transaction at a time)."""
    pending = list(
        OutboundNotification.objects.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")[:limit]
    )
    OutboundNotification.objects.filter(pk__in=[row.pk for row in pending]).update(next_attempt_at=now + LEASE)
    return pending


def _connection_broken(error: Exception) -> bool:
    """A refused recipient or a permanent (5xx) answer concerns that message; anything else (timeout,
    disconnect, 4xx "try later") concerns the server, so the rest of the batch waits for the next try."""
    code = getattr(error, "smtp_code", None)
    return not (isinstance(error, smtplib.SMTPRecipientsRefused) or (code is not None and 500 <= code < 600))


def _send(notification: OutboundNotification, *, now: datetime, connection) -> Exception | None:
    notification.attempts += 1
    try:
        send_mail(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            notification.recipients,
            connection=connection,
        )
    except Exception as error:  # SMTP down, refused, timeout: try again later
        _failed(notification, error, now=now)
        return error
    notification.sent_at = now
    return None


def _failed(notification: OutboundNotification, error: Exception, *, now: datetime) -> None:
    """Visible to administrators (admin: outbound notifications, attempts and last error); retried with
    back-off by the sweep."""
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    notification.next_attempt_at = now + timedelta(
        minutes=RETRY_BACKOFF[min(notification.attempts, len(RETRY_BACKOFF)) - 1]
    )
    logger.warning("notification %s not sent (attempt %s): %s", notification.pk, notification.attempts, error)
