"""The daily reminder job: due in 30/7/1 days → the agency's people; overdue 1/7/30 days → its reviewers.
One digest e-mail per person per day; the unique (email, day) row and an atomic claim make a second run
(or a concurrent one) send nothing.

Two steps, timed apart by ``bench/bench_obligations.py``: ``obligation_queue_reminders`` (the scan: select what is
due, find the recipients, write today's digest rows — a constant number of queries whatever the number of
agencies or digests) and ``obligation_deliver_reminders`` (claim the unsent rows with one UPDATE, compose each
text from phrases translated once per language, send over one mail connection). The beat task runs both."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from common import bulk, roc
from common.outbox import mail_send_each
from obligations import rules
from obligations.models import ReminderDigest
from obligations.selectors import reminders as people


@dataclass(frozen=True)
class ReminderResult:
    reminders: int
    escalations: int
    digests: int
    emails_sent: int


@dataclass(frozen=True)
class QueueResult:
    reminders: int  # obligations due in one of the lead times
    escalations: int  # obligations overdue by one of the lead times
    queued: int  # new digest rows written (people not yet written to today)


def obligation_send_reminders(*, now: datetime) -> ReminderResult:
    """What beat runs daily: queue today's digests, then deliver every unsent one of today."""
    queued = obligation_queue_reminders(now=now)
    digests, sent = obligation_deliver_reminders(now=now)
    return ReminderResult(reminders=queued.reminders, escalations=queued.escalations, digests=digests, emails_sent=sent)


def obligation_queue_reminders(*, now: datetime) -> QueueResult:
    today = timezone.localdate(now)
    days_before, days_after = people.reminder_lead_times()
    before = rules.reminder_dates(today=today, days_before=days_before)
    after = rules.escalation_dates(today=today, days_after=days_after)
    due = people.obligations_due_on(days=list(before), statuses=rules.OWED_STATUSES)
    overdue = people.obligations_due_on(days=list(after), statuses=rules.OWED_STATUSES)
    written = people.digest_emails_of(day=today)
    digests = _collect(due, overdue, before=before, after=after, today=today, skip=written)
    _insert(digests, day=today, now=now)
    return QueueResult(reminders=len(due), escalations=len(overdue), queued=len(digests))


RELEASE_CHUNK = 900  # e-mails per UPDATE when digests are released (under SQLite's bound-parameter limit)
DIGEST_COLUMNS = (
    "email",
    "day",
    "user_id",
    "language",
    "reminder_count",
    "escalation_count",
    "items",
    "run_token",
    "sent_at",
    "created_at",
    "updated_at",
)


@transaction.atomic
def _insert(digests: dict[str, dict], *, day: date, now: datetime) -> None:
    """Today's digest rows as plain parameters, in one transaction: compiling 16,000 model instances (Django's
    bulk_create) was most of the national scan (bench/bench_obligations.py). SQLite takes one INSERT per row
    through executemany (in-process, no round trips); PostgreSQL takes the columns as arrays in one
    ``INSERT … SELECT FROM unnest(…)``: a statement per row cost it 8 s for 16,000 rows, multi-row VALUES as much
    (psycopg binds parameters client-side). A row a concurrent run wrote meanwhile is left alone (ON CONFLICT
    DO NOTHING on (email, day))."""
    if not digests:
        return
    encode = _items_encoder()().encode
    rows = [
        (
            email,
            d["user_id"],
            d["language"],
            sum(i["kind"] == "reminder" for i in d["items"]),
            sum(i["kind"] == "escalation" for i in d["items"]),
            encode(d["items"]),
        )
        for email, d in digests.items()
    ]
    ops = connection.ops
    table = ops.quote_name(ReminderDigest._meta.db_table)
    columns = ", ".join(ops.quote_name(column) for column in DIGEST_COLUMNS)
    stamp, on = ops.adapt_datetimefield_value(now), ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            bulk.execute_server_bound(
                f"INSERT INTO {table} ({columns}) SELECT e, %s, u, l, r, x, i::jsonb, '', NULL, %s, %s "
                "FROM unnest(%b::text[], %b::integer[], %b::text[], %b::integer[], %b::integer[], %b::text[]) "
                "AS t(e, u, l, r, x, i) ON CONFLICT DO NOTHING",
                [on, stamp, stamp, *(list(column) for column in zip(*rows, strict=True))],
            )
        else:
            placeholders = ", ".join(["%s"] * len(DIGEST_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) ON CONFLICT DO NOTHING",
                [(e, on, u, language, r, x, i, "", None, stamp, stamp) for e, u, language, r, x, i in rows],
            )


def _items_encoder() -> type[DjangoJSONEncoder]:
    """A JSON encoder for digests' item lists that encodes each item once: an obligation's item is the same
    dict in the digest of every person told about it (~56,000 references to ~20,000 items nationally)."""
    encoded: dict[int, str] = {}

    class ItemsEncoder(DjangoJSONEncoder):
        def encode(self, items):
            parts = []
            for item in items:
                text = encoded.get(id(item))
                if text is None:
                    text = encoded[id(item)] = super().encode(item)
                parts.append(text)
            return "[" + ", ".join(parts) + "]"

    return ItemsEncoder


def obligation_deliver_reminders(*, now: datetime) -> tuple[int, int]:
    """Claim today's unsent digests with one UPDATE (a concurrent run claims none of them), send them through
    the one mail sender (common.outbox.mail_send_each: one connection, in e-mail order); returns (claimed,
    sent). When the mail server refuses or times out, the digests not handed over are released (unclaimed,
    unsent) before the error is raised, so the task's retry sends exactly those: nothing lost, nothing twice
    (issue 15)."""
    today = timezone.localdate(now)
    token = uuid.uuid4().hex
    ReminderDigest.objects.filter(day=today, sent_at__isnull=True, run_token="").update(run_token=token, sent_at=now)
    claimed = list(
        ReminderDigest.objects.filter(day=today, run_token=token)
        .order_by("email")
        .values_list("email", "language", "items")
    )
    if not claimed:
        return 0, 0
    texts: dict[str, _Texts] = {}
    results = mail_send_each([_message(email, language, items, texts) for email, language, items in claimed])
    failed = [(email, error) for (email, _language, _items), error in zip(claimed, results, strict=True) if error]
    if failed:
        _release(day=today, token=token, emails=[email for email, _error in failed])
        raise failed[0][1]
    return len(claimed), len(claimed)


def _release(*, day: date, token: str, emails: list[str]) -> None:
    for start in range(0, len(emails), RELEASE_CHUNK):
        ReminderDigest.objects.filter(day=day, run_token=token, email__in=emails[start : start + RELEASE_CHUNK]).update(
            run_token="", sent_at=None
        )


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


def _collect(due, overdue, *, before, after, today, skip: set[str]) -> dict[str, dict]:
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
            item = None
            for recipient in recipients.get(row["agency_id"], ()):
                if recipient.email in skip:
                    continue
                digest = digests[recipient.email]
                if recipient.user_id:
                    digest["user_id"], digest["language"] = recipient.user_id, recipient.language
                item = item or _item(row, kind=kind, days=days_by_date[row["due_on"]])
                digest["items"].append(item)
    return digests


class _Texts:
    """The digest's phrases in one language, translated once per delivery run (the same msgids as the
    catalogue's), so composing 16,000 digests is string work, not 16,000 template renders."""

    def __init__(self, language: str):
        self.language = language
        self.chinese = language.startswith("zh")
        with translation.override(language):
            self.due_soon = gettext("Obligations due soon:")
            self.overdue = gettext("Overdue obligations of agencies you review:")
            self.once = gettext("This is the one reminder e-mail csma sends you today.")
        self._phrases: dict[tuple, str] = {}
        self._dates: dict[str, str] = {}

    def _phrase(self, key: tuple, singular: str, plural: str, number: int) -> str:
        if key not in self._phrases:
            with translation.override(self.language):
                self._phrases[key] = ngettext(singular, plural, number)
        return self._phrases[key]

    def due(self, due_on: str) -> str:
        if due_on not in self._dates:
            day = date.fromisoformat(due_on)
            self._dates[due_on] = roc.roc_date(day) if self.chinese else roc.iso_date(day)
        return self._dates[due_on]

    def line(self, item: dict) -> str:
        days = item["days"]
        if item["kind"] == "reminder":
            phrase = self._phrase(("r", days), "due %(due)s (in %(days)s day)", "due %(due)s (in %(days)s days)", days)
        else:
            phrase = self._phrase(
                ("e", days), "was due %(due)s (%(days)s day overdue)", "was due %(due)s (%(days)s days overdue)", days
            )
        name = item["item_zh"] if self.chinese else item["item_en"]
        return f"- {item['agency']} · {name} · {phrase % {'due': self.due(item['due_on']), 'days': days}}"

    def subject(self, reminders: int, escalations: int) -> str:
        if escalations:
            phrase = self._phrase(
                ("se", escalations),
                "csma: %(counter)s overdue obligation to follow up",
                "csma: %(counter)s overdue obligations to follow up",
                escalations,
            )
            return phrase % {"counter": escalations}
        phrase = self._phrase(
            ("sr", reminders),
            "csma: %(counter)s obligation due soon",
            "csma: %(counter)s obligations due soon",
            reminders,
        )
        return phrase % {"counter": reminders}

    def body(self, reminders: list[dict], escalations: list[dict]) -> str:
        parts = []
        if reminders:
            parts += [self.due_soon, "\n", *("\n" + self.line(item) for item in reminders), "\n"]
        if escalations:
            parts += ["\n", self.overdue, "\n", *("\n" + self.line(item) for item in escalations), "\n"]
        parts += ["\n", self.once, "\n\n"]
        return "".join(parts)


def _message(email: str, language: str, items: list[dict], texts: dict[str, "_Texts"]) -> EmailMessage:
    if language not in texts:
        texts[language] = _Texts(language)
    text = texts[language]
    reminders = [i for i in items if i["kind"] == "reminder"]
    escalations = [i for i in items if i["kind"] == "escalation"]
    return EmailMessage(
        subject=text.subject(len(reminders), len(escalations)),
        body=text.body(reminders, escalations),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
