"""The minute sweep (beat task ``incidents.tasks.incident_clock_sweep_task``): warnings before deadlines
(lead times are data), escalation to the competent authority when a deadline passes, and retries of the
outbox. Idempotent: each clock is marked warned/escalated in the same transaction as its alert, and
IncidentAlert is unique per (incident, clock, kind, deadline) — a sweep that runs twice or late sends
nothing twice. Open clocks are read through partial indexes, so 100,000 open incidents cost one range scan."""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from common.events import build_event
from common.models import OutboundNotification
from common.outbox import DELIVER_BATCH, outbox_build, outbox_deliver_pending
from incidents.models import AlertLeadTime, IncidentAlert, IncidentClock, IncidentEvent
from incidents.rules import ClockKind
from incidents.selectors.recipients import competent_authority_emails, officer_emails, reviewer_emails
from incidents.services.messages import compose_mail

BATCH = 1000
AGENCY_CLOCKS = frozenset({ClockKind.NOTIFY, ClockKind.RENOTIFY, ClockKind.RECOVER, ClockKind.REPORT})


@dataclass(frozen=True)
class SweepResult:
    warnings: int
    escalations: int
    delivered: int
    backlog: bool = False  # the time budget ran out: the next minute's run goes on where this one stopped


def incident_clock_sweep(*, now: datetime, deliver: bool = True, budget_seconds: float | None = None) -> SweepResult:
    """``budget_seconds`` (default CSMA_SWEEP_BUDGET_SECONDS) bounds one run after an outage (beat or worker
    down for an hour): batches of BATCH clocks, each committed with its alerts, escalations first, until the
    budget is spent; the next run continues, so no run overlaps the next minute and nothing is sent twice."""
    budget = settings.CSMA_SWEEP_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    deadline = time.monotonic() + budget
    leads = dict(AlertLeadTime.objects.filter(is_active=True).values_list("clock_kind", "lead_minutes"))
    escalations, late = _run(
        _escalation_candidates(now=now), kind=IncidentAlert.Kind.ESCALATION, now=now, deadline=deadline
    )
    warnings, later = _run(
        _warning_candidates(now=now, leads=leads), kind=IncidentAlert.Kind.WARNING, now=now, deadline=deadline
    )
    delivered = _deliver(now=now, deadline=deadline) if deliver else 0
    return SweepResult(warnings=warnings, escalations=escalations, delivered=delivered, backlog=late or later)


def _deliver(*, now: datetime, deadline: float) -> int:
    """At least one batch; more while the budget lasts and batches go out whole (a catch-up's e-mail)."""
    delivered = sent = outbox_deliver_pending(now=now)
    while sent == DELIVER_BATCH and time.monotonic() < deadline:
        sent = outbox_deliver_pending(now=now)
        delivered += sent
    return delivered


def _warning_candidates(*, now: datetime, leads: dict[str, int]):
    if not leads:
        return IncidentClock.objects.none()
    window = Q()
    for kind, minutes in leads.items():
        window |= Q(kind=kind, due_at__lte=now + timedelta(minutes=minutes))
    return IncidentClock.objects.filter(window, met_at__isnull=True, warned_at__isnull=True, due_at__gt=now)


def _escalation_candidates(*, now: datetime):
    return IncidentClock.objects.filter(met_at__isnull=True, escalated_at__isnull=True, due_at__lt=now)


def _run(candidates, *, kind: str, now: datetime, deadline: float) -> tuple[int, bool]:
    """(alerts sent, whether candidates were left for the next run)."""
    total, last_id = 0, 0
    while True:
        if time.monotonic() >= deadline:
            return total, candidates.filter(pk__gt=last_id).exists()
        batch = list(candidates.filter(pk__gt=last_id).select_related("incident__agency").order_by("pk")[:BATCH])
        if not batch:
            return total, False
        total += _alert_batch(batch, kind=kind, now=now)
        last_id = batch[-1].pk


@transaction.atomic
def _alert_batch(clocks: list[IncidentClock], *, kind: str, now: datetime) -> int:
    flag = "warned_at" if kind == IncidentAlert.Kind.WARNING else "escalated_at"
    IncidentClock.objects.filter(pk__in=[clock.pk for clock in clocks]).update(**{flag: now})
    sent = {
        (incident_id, clock_kind, due_at)
        for incident_id, clock_kind, due_at in IncidentAlert.objects.filter(
            incident_id__in={clock.incident_id for clock in clocks}, kind=kind
        ).values_list("incident_id", "clock_kind", "due_at")
    }
    fresh = [clock for clock in clocks if (clock.incident_id, clock.kind, clock.due_at) not in sent]
    recipients = _Recipients()
    notifications = [_notification(clock, kind=kind, now=now, recipients=recipients) for clock in fresh]
    OutboundNotification.objects.bulk_create([row for row in notifications if row is not None])
    alerts, events = [], []
    for clock, notification in zip(fresh, notifications, strict=True):
        alerts.append(
            IncidentAlert(
                incident_id=clock.incident_id,
                clock_kind=clock.kind,
                kind=kind,
                due_at=clock.due_at,
                notification=notification,
            )
        )
        events.append(
            build_event(
                IncidentEvent,
                kind=IncidentEvent.Kind.ALERTED,
                actor=None,
                now=now,
                channel="system",
                data={"alert": kind, "clock": clock.kind, "due_at": clock.due_at.isoformat()},
                incident_id=clock.incident_id,
                status_before=clock.incident.status,
                status_after=clock.incident.status,
            )
        )
    IncidentAlert.objects.bulk_create(alerts, ignore_conflicts=True)
    IncidentEvent.objects.bulk_create(events)
    return len(fresh)


class _Recipients:
    """E-mail addresses per agency and role, looked up once per batch."""

    def __init__(self):
        self._cache: dict = {}

    def get(self, key, compute) -> list[str]:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def for_clock(self, clock: IncidentClock, *, kind: str) -> list[str]:
        agency = clock.incident.agency
        if kind == IncidentAlert.Kind.ESCALATION:
            return (
                self.get("ca", competent_authority_emails)
                + self.get(("reviewers", agency.pk), lambda: reviewer_emails(agency))
                + self.get(("officers", agency.pk), lambda: officer_emails(agency))
            )
        if clock.kind in AGENCY_CLOCKS:
            return self.get(("officers", agency.pk), lambda: officer_emails(agency))
        return self.get(("reviewers", agency.pk), lambda: reviewer_emails(agency))


def _notification(clock: IncidentClock, *, kind: str, now: datetime, recipients: _Recipients):
    """Built, not dispatched: the same sweep run delivers pending rows at its end."""
    topic = "warning" if kind == IncidentAlert.Kind.WARNING else "escalation"
    addresses = recipients.for_clock(clock, kind=kind)
    if not addresses:
        return None
    return outbox_build(
        source=clock.incident,
        topic=topic,
        recipients=addresses,
        now=now,
        **compose_mail(topic, clock.incident, clock=str(ClockKind(clock.kind).label), due=clock.due_at),
    )
