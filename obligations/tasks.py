"""Thin Celery wrappers (the beat schedule lives in csma/settings/base.py)."""

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=300)
def obligation_send_reminders_task(self) -> dict:
    from obligations.services import obligation_send_reminders

    result = obligation_send_reminders()
    return {
        "reminders": result.reminders,
        "escalations": result.escalations,
        "digests": result.digests,
        "emails_sent": result.emails_sent,
    }
