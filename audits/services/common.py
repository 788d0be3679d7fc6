"""Shared steps of the audit services: lock the row, check the transition, write the event."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from audits import rules
from audits.models import Audit, AuditEvent
from common.calendar import legal_period_end
from common.events import record_event
from common.roc import TAIPEI

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = AuditEvent.Kind


def lock_audit(audit: Audit) -> Audit:
    """The fresh, locked row: every transition re-checks its rule on it (two users → one wins)."""
    return Audit.objects.select_for_update(no_key=True, of=("self",)).select_related("plan", "auditee").get(pk=audit.pk)


def set_status(audit: Audit, new: str, *, fields: tuple[str, ...] = ()) -> str:
    rules.ensure_transition(audit.status, new)
    before, audit.status = audit.status, new
    audit.save(update_fields=["status", "updated_at", *fields])
    return before


def audit_event(
    audit: Audit, kind: str, *, actor: "User | None", now: datetime, before=None, after=None, **data
) -> AuditEvent:
    return record_event(
        AuditEvent,
        kind=kind,
        actor=actor,
        now=now,
        before=before or {},
        after=after or {},
        data=data,
        audit=audit,
        plan_id=audit.plan_id,
        agency_id=audit.auditee_id,
    )


def local_day(instant: datetime) -> date:
    return instant.astimezone(TAIPEI).date()


def month_after(day: date) -> datetime:
    """The end instant of a one-month period that starts the day after ``day`` (§48, Taiwan calendar)."""
    return legal_period_end(start=day, months=1).due_at
