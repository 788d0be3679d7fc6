"""The one mail outbox for every app (docs/architecture.md, "Mail: one outbox"): rows are written with the
change; delivery happens after commit through a Celery task, and the minute sweep retries whatever is still
unsent (e-mail down, broker down) with back-off. A lease claims each row before it is sent, so the task and a
sweep, or two sweeps, never send one row twice; failures stay on the row (attempts, last error) for the
administrator's outbox page."""

import logging
import smtplib
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction

from common.models import OutboundNotification

logger = logging.getLogger(__name__)
RETRY_BACKOFF = (1, 2, 5, 10, 30, 60)  # minutes after attempt 1, 2, …; then hourly
DELIVER_BATCH = 500
LEASE = timedelta(minutes=5)
DELIVERY_FIELDS = ["attempts", "sent_at", "last_error", "next_attempt_at"]


def outbox_enqueue(
    *,
    topic: str,
    recipients: list[str],
    subject: str,
    body: str,
    now: datetime,
    source: models.Model | None = None,
    secret: bool = False,
    dispatch: bool = True,
) -> OutboundNotification | None:
    """Store the notification in the caller's transaction; try to hand it to a worker after commit
    (``dispatch=False``: the caller — the sweep — delivers pending rows itself). ``source`` is the row the
    notification is about; ``secret`` marks a body holding a one-time link (hidden, erased once sent)."""
    if not recipients:
        return None
    notification = outbox_build(
        source=source, topic=topic, recipients=recipients, subject=subject, body=body, now=now, secret=secret
    )
    notification.save()
    if dispatch:
        transaction.on_commit(partial(_dispatch, notification.pk))
    return notification


def outbox_build(
    *,
    topic: str,
    recipients: list[str],
    subject: str,
    body: str,
    now: datetime,
    source: models.Model | None = None,
    secret: bool = False,
) -> OutboundNotification:
    """An unsaved row, for senders that write many at once with ``bulk_create`` (the incident sweep)."""
    return OutboundNotification(
        source=source,
        secret=secret,
        topic=topic,
        recipients=sorted(set(recipients)),
        subject=subject[:300],
        body=body,
        next_attempt_at=now,
    )


def _dispatch(notification_id: int) -> None:
    """After commit. A broker that is down must not turn a saved report into an error: the row stays
    pending and the sweep retries it."""
    from common.tasks import outbox_deliver_task

    try:
        outbox_deliver_task.apply_async(args=[notification_id])
    except Exception:  # kombu.OperationalError, ConnectionRefusedError, …: the outbox keeps the row
        logger.warning("notification %s not dispatched; the sweep will retry", notification_id, exc_info=True)


def outbox_deliver(*, notification: OutboundNotification, now: datetime) -> bool:
    """Send one notification (the after-commit task); on failure record the error and when to retry."""
    if notification.sent_at is not None:
        return True
    claimed = OutboundNotification.objects.filter(  # a lease, so the task and the sweep never both send it
        pk=notification.pk, sent_at__isnull=True, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    if not claimed:
        return False
    (error,) = mail_send_each([_message(notification)])
    _record(notification, error, now=now)
    notification.save(update_fields=[*_fields([notification]), "updated_at"])
    return notification.sent_at is not None


def outbox_deliver_pending(*, now: datetime, limit: int = DELIVER_BATCH) -> int:
    """Deliver what is due for a (re)try over one mail connection; returns how many were sent. The batch is
    leased first (its own transaction), so two sweeps running at once, or the per-notification task, never
    send the same row twice."""
    pending = _lease_pending(now=now, limit=limit)
    if not pending:
        return 0
    for notification, error in zip(pending, mail_send_each([_message(row) for row in pending]), strict=True):
        _record(notification, error, now=now)
    OutboundNotification.objects.bulk_update(pending, _fields(pending))
    return sum(notification.sent_at is not None for notification in pending)


def mail_send_each(messages: Sequence[EmailMessage], *, connection=None) -> list[Exception | None]:
    """The one place csma hands mail to the server (the outbox, obligations' digests): each message in order
    over one connection; returns per message ``None`` (sent) or the error. A refused recipient or a permanent
    answer concerns that message only; after an error that concerns the server (refused connection, timeout,
    4xx "try later") the rest are not tried and carry the same error: one timeout per batch, not one per
    message."""
    connection = connection or get_connection()
    try:
        connection.open()
    except Exception as error:  # refused, timed out, bad credentials: no message was handed over
        return [error] * len(messages)
    results: list[Exception | None] = []
    with connection:
        for message in messages:
            try:
                connection.send_messages([message])
            except Exception as error:  # SMTP down, refused, timeout
                results.append(error)
                if _connection_broken(error):
                    return results + [error] * (len(messages) - len(results))
            else:
                results.append(None)
    return results


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


def _fields(notifications: list[OutboundNotification]) -> list[str]:
    """What a delivery changes: the body too when a secret one was erased (else the batch's UPDATE stays small)."""
    return DELIVERY_FIELDS + (["body"] if any(notification.secret for notification in notifications) else [])


def _message(notification: OutboundNotification) -> EmailMessage:
    return EmailMessage(notification.subject, notification.body, settings.DEFAULT_FROM_EMAIL, notification.recipients)


def _record(notification: OutboundNotification, error: Exception | None, *, now: datetime) -> None:
    """One attempt more; sent, or failed: visible to administrators (admin: outbound notifications, attempts
    and last error) and retried with back-off by the sweep."""
    notification.attempts += 1
    if error is None:
        notification.sent_at = now
        if notification.secret:
            notification.body = ""  # the one-time link has been handed over; the row keeps no copy of it
        return
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    notification.next_attempt_at = now + timedelta(
        minutes=RETRY_BACKOFF[min(notification.attempts, len(RETRY_BACKOFF)) - 1]
    )
    logger.warning("notification %s not sent (attempt %s): %s", notification.pk, notification.attempts, error)
