"""Thin Celery wrappers (the beat schedule lives in csma/settings/base.py)."""

import smtplib

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=300)
def obligation_send_reminders_task(self) -> dict:
    from django.utils import timezone

    from obligations.services import obligation_send_reminders

    try:
        result = obligation_send_reminders(now=timezone.now())
    except (OSError, smtplib.SMTPException) as exc:  # mail server down, refusing or timing out: back off
        raise self.retry(exc=exc, countdown=self.default_retry_delay * 2**self.request.retries) from exc
    return {
        "reminders": result.reminders,
        "escalations": result.escalations,
        "digests": result.digests,
        "emails_sent": result.emails_sent,
    }
