"""The daily reminder job: due in 30/7/1 days → the agency's people; overdue 1/7/30 days → its reviewers.
One digest e-mail per person per day; the unique (email, day) row and an atomic claim make a second run
(or a concurrent one) send nothing."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from common.templatetags.csma_dates import local_date
from obligations import rules
from obligations.models import ReminderDigest
from obligations.selectors import reminders as people


@dataclass(frozen=True)
class ReminderResult:
    reminders: int
    escalations: int
    digests: int
    emails_sent: int


def obligation_send_reminders(*, now=None) -> ReminderResult:
    now = now or timezone.now()
    today = timezone.localdate(now)
    days_before, days_after = people.reminder_lead_times()
    before = rules.reminder_dates(today=today, days_before=days_before)
    after = rules.escalation_dates(today=today, days_after=days_after)
    due = people.obligations_due_on(days=list(before), statuses=rules.OWED_STATUSES)
    overdue = people.obligations_due_on(days=list(after), statuses=rules.OWED_STATUSES)
    digests = _collect(due, overdue, before=before, after=after, today=today)
    claimed = _claim(digests, today=today, now=now)
    sent = _send(claimed)
    return ReminderResult(reminders=len(due), escalations=len(overdue), digests=len(claimed), emails_sent=sent)


def _item(row: dict, *, kind: str, days: int) -> dict:
    return {
        "obligation": row["pk"],
        "agency": row["agency__name"],
        "kind": kind,
        "days": days,
        "due_on": row["due_on"].isoformat(),
        "item_zh": row["requirement__item_zh"] or row["adhoc__title"],
        "item_en": row["requirement__item_en"] or row["adhoc__title"],
    }


def _collect(due, overdue, *, before, after, today) -> dict[str, dict]:
    digests: dict[str, dict] = defaultdict(lambda: {"user_id": None, "language": people.DEFAULT_LANGUAGE, "items": []})
    officers = people.agency_recipients(agency_ids={row["agency_id"] for row in due}, on=today)
    reviewers = people.reviewer_recipients(
        agencies=sorted({(row["agency_id"], row["agency__path"], row["agency__regulator_id"]) for row in overdue})
    )
    for rows, recipients, kind, days_by_date in (
        (due, officers, "reminder", before),
        (overdue, reviewers, "escalation", after),
    ):
        for row in rows:
            for recipient in recipients.get(row["agency_id"], ()):
                digest = digests[recipient.email]
                if recipient.user_id:
                    digest["user_id"], digest["language"] = recipient.user_id, recipient.language
                digest["items"].append(_item(row, kind=kind, days=days_by_date[row["due_on"]]))
    return digests


def _claim(digests: dict[str, dict], *, today, now) -> list[ReminderDigest]:
    """Insert today's rows (existing ones are left alone), then claim the unsent ones with one UPDATE."""
    token = uuid.uuid4().hex
    ReminderDigest.objects.bulk_create(
        [
            ReminderDigest(
                email=email,
                day=today,
                user_id=d["user_id"],
                language=d["language"],
                items=d["items"],
                reminder_count=sum(i["kind"] == "reminder" for i in d["items"]),
                escalation_count=sum(i["kind"] == "escalation" for i in d["items"]),
            )
            for email, d in digests.items()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    ReminderDigest.objects.filter(day=today, email__in=list(digests), sent_at__isnull=True, run_token="").update(
        run_token=token, sent_at=now
    )
    return list(ReminderDigest.objects.filter(day=today, run_token=token))


def _send(digests: list[ReminderDigest]) -> int:
    messages = [_message(digest) for digest in digests]
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def _message(digest: ReminderDigest) -> EmailMessage:
    with translation.override(digest.language):
        items = [{**item, "due": local_date(date.fromisoformat(item["due_on"]))} for item in digest.items]
        context = {
            "digest": digest,
            "reminders": [i for i in items if i["kind"] == "reminder"],
            "escalations": [i for i in items if i["kind"] == "escalation"],
            "chinese": digest.language.startswith("zh"),
        }
        subject = render_to_string("obligations/email/digest_subject.txt", context).strip()
        body = render_to_string("obligations/email/digest_body.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[digest.email])
