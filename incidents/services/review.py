"""Review (審核) by the superior agency or sector regulator, forwarding to the competent authority, level
changes (recomputed from the original aware-at, renewed notification required) and the agency's
continued notification (續行通報)."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from access import policy, supervision
from common.conflicts import conflict
from incidents import rules
from incidents.models import Incident, IncidentClock, IncidentEvent
from incidents.rules import ClockKind, IncidentStatus
from incidents.selectors.recipients import competent_authority_emails, officer_emails, reviewer_emails
from incidents.services.common import (
    LEVEL_REASON_REQUIRED,
    REASON_REQUIRED,
    REVIEW_FIRST,
    SAME_LEVEL,
    agency_kind,
    clock_meet,
    clock_put,
    clock_restart,
    clock_snapshot,
    incident_lock,
    record_event,
    review_open,
    rule_data,
    save,
    set_status,
)
from incidents.services.filing import major_alert
from incidents.services.messages import notify

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def incident_review_start(*, incident: Incident, acting_user: "User | None", now: datetime) -> Incident:
    incident_lock(incident)
    before = set_status(incident, IncidentStatus.UNDER_REVIEW)
    save(incident, ["status"])
    record_event(
        incident, IncidentEvent.Kind.REVIEW_STARTED, actor=acting_user, now=now, before=before, after=incident.status
    )
    return incident


def _ensure_review_open(incident: Incident) -> None:
    """On the locked row: the latest notification still awaits its review (else someone reviewed it)."""
    if not review_open(incident):
        raise conflict(rules.ALREADY_REVIEWED)


def forward_needed(incident: Incident, *, acting_user: "User | None", ruleset: rules.RuleSetData) -> bool:
    """The result goes to the competent authority within 1 h (2021 Art 5 ¶3 / 12 ¶2; 2026 Art 7 ¶2 / 12 ¶2),
    unless the competent authority reviewed it: its own incident (Art 5 ¶1), none other applies, or it
    reviewed directly (Art 5 ¶5)."""
    if supervision.reviewer_agency(incident.agency).is_competent_authority:
        return False
    if acting_user is not None and acting_user.has_perm(policy.INCIDENT_REREVIEW):
        if not supervision.is_reviewer_of(acting_user, incident.agency):
            return False
    kind = agency_kind(incident.agency)
    return rules.forward_required(ruleset, level=incident.level, agency_kind=kind)


@transaction.atomic
def incident_review_complete(
    *, incident: Incident, level: int, note: str, acting_user: "User | None", now: datetime, forward: bool = False
) -> Incident:
    """Confirm or change the level of the latest notification. The review clock keeps the period of the
    level as notified: a change of level by the reviewer does not re-time the review itself."""
    incident_lock(incident)
    _ensure_review_open(incident)
    ruleset = rule_data(incident)
    changed = level != incident.level
    if changed and not note.strip():
        raise ValidationError({"note": REASON_REQUIRED})
    if changed:
        _apply_level(incident, level=level, ruleset=ruleset)
    before = incident.status
    if incident.status in rules.AWAITING_REVIEW or rules.can_transition(incident.status, IncidentStatus.LEVEL_CHANGED):
        set_status(incident, IncidentStatus.LEVEL_CHANGED if changed else IncidentStatus.LEVEL_CONFIRMED)
    incident.reviewed_at, incident.reviewed_by, incident.review_note = now, acting_user, note
    save(incident, ["status", "level", "reviewed_at", "reviewed_by", "review_note"])
    clock_meet(incident, ClockKind.REVIEW, at=now)
    send_on = forward_needed(incident, acting_user=acting_user, ruleset=ruleset)
    if send_on:
        deadline = rules.forward_deadline(ruleset, reviewed_at=now, agency_kind=agency_kind(incident.agency))
        clock_restart(incident, deadline, started_at=now)
    event = IncidentEvent.Kind.LEVEL_CHANGED if changed else IncidentEvent.Kind.LEVEL_CONFIRMED
    data = {"level": incident.level, "notified_level": incident.notified_level, "note": note}
    record_event(
        incident,
        event,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data=data | {"clocks": clock_snapshot(incident)},
    )
    notify(incident, "reviewed", officer_emails(incident.agency), now=now, note=note)
    if changed:
        _after_level_change(incident, acting_user=acting_user, now=now, ruleset=ruleset)
    if forward and send_on:
        incident_forward(incident=incident, acting_user=acting_user, now=now)
    return incident


@transaction.atomic
def incident_forward(*, incident: Incident, acting_user: "User | None", now: datetime) -> Incident:
    """The review result goes to the competent authority. A status change only right after the review;
    later (damage control already under way) the forwarding is recorded without moving the status."""
    incident_lock(incident)
    if not incident.clocks.filter(kind=ClockKind.FORWARD, met_at__isnull=True).exists():
        rules.ensure_transition(incident.status, IncidentStatus.FORWARDED)
    before = incident.status
    if rules.can_transition(incident.status, IncidentStatus.FORWARDED):
        set_status(incident, IncidentStatus.FORWARDED)
    incident.forwarded_at = now
    save(incident, ["status", "forwarded_at"])
    clock_meet(incident, ClockKind.FORWARD, at=now)
    record_event(
        incident,
        IncidentEvent.Kind.FORWARDED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={"level": incident.level},
    )
    notify(incident, "forwarded", competent_authority_emails(), now=now)
    return incident


@transaction.atomic
def incident_level_change(
    *, incident: Incident, level: int, reason: str, acting_user: "User | None", now: datetime
) -> Incident:
    """Re-review by the competent authority (or a later change by the reviewer): recompute the clocks from
    the original aware-at and require the agency's renewed notification within the rule's hours."""
    incident_lock(incident)
    if incident.reviewed_at is None:
        raise ValidationError(REVIEW_FIRST)
    if level == incident.level:
        raise ValidationError({"level": SAME_LEVEL})
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    before_clocks, before_level = clock_snapshot(incident), incident.level
    before = set_status(incident, IncidentStatus.LEVEL_CHANGED)
    ruleset = rule_data(incident)
    _apply_level(incident, level=level, ruleset=ruleset)
    save(incident, ["status", "level"])
    record_event(
        incident,
        IncidentEvent.Kind.LEVEL_CHANGED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={
            "level_before": before_level,
            "level": level,
            "reason": reason,
            "clocks_before": before_clocks,
            "clocks": clock_snapshot(incident),
        },
    )
    _after_level_change(incident, acting_user=acting_user, now=now, ruleset=ruleset)
    return incident


def _apply_level(incident: Incident, *, level: int, ruleset: rules.RuleSetData) -> None:
    """The level in force changes: the recovery clock follows it, still counted from awareness (Art 6 ¶1 /
    13 ¶1). The review clock is the notification's and is not touched."""
    incident.level = level
    kind = agency_kind(incident.agency)
    clock_put(
        incident,
        rules.recover_deadline(ruleset, aware_at=incident.aware_at, level=level, agency_kind=kind),
        started_at=incident.aware_at,
    )


def _after_level_change(
    incident: Incident, *, acting_user: "User | None", now: datetime, ruleset: rules.RuleSetData
) -> None:
    kind = agency_kind(incident.agency)
    renotify = rules.renotify_deadline(ruleset, changed_at=now, agency_kind=kind)
    IncidentClock.objects.filter(incident=incident, kind=ClockKind.RENOTIFY).delete()  # a new change, a new clock
    clock_put(incident, renotify, started_at=now)
    if incident.reviewed_at and forward_needed(incident, acting_user=acting_user, ruleset=ruleset):
        if not incident.clocks.filter(kind=ClockKind.FORWARD).exists():
            clock_put(
                incident,
                rules.forward_deadline(ruleset, reviewed_at=now, agency_kind=kind),
                started_at=now,
            )
    notify(incident, "level_changed", officer_emails(incident.agency) + reviewer_emails(incident.agency), now=now)
    if rules.is_major(incident.level) and incident.reported_at:
        major_alert(incident=incident, now=now)


@dataclass(frozen=True)
class RenewedNotification:
    """A 續行通報 (Art 4 ¶2 / 11 ¶2): updated facts, optionally a new level assessment."""

    description: str
    measures_taken: str
    external_support_needed: bool = False
    external_support: str = ""
    other_matters: str = ""
    level: int | None = None
    level_reason: str = ""


def _renotified_level(incident: Incident, level: int, *, now: datetime, ruleset: rules.RuleSetData) -> None:
    """A new level is a new notification: its own review clock from its receipt, with the period of the
    level it states. Before any review the notified level is the level in force; after a review the
    decision stands: a higher level applies at once, a lower one only if the reviewer accepts it."""
    incident.notified_level = level
    if incident.reviewed_at is None or level > incident.level:
        _apply_level(incident, level=level, ruleset=ruleset)
    kind = agency_kind(incident.agency)
    deadline = rules.review_deadline(ruleset, received_at=now, level=level, agency_kind=kind)
    clock_restart(incident, deadline, started_at=now)


@transaction.atomic
def incident_renotify(*, incident: Incident, acting_user: "User | None", now: datetime, **fields) -> Incident:
    """The agency's continued notification (keyword fields of ``RenewedNotification``)."""
    data = RenewedNotification(**fields)
    incident_lock(incident)
    if incident.status not in rules.OPEN_FOR_UPDATE:
        rules.ensure_transition(incident.status, IncidentStatus.CONTAINING)
    new_level = bool(data.level) and data.level != (incident.notified_level or incident.level)
    if new_level and data.level != incident.level and not data.level_reason.strip():
        raise ValidationError({"level_reason": LEVEL_REASON_REQUIRED})
    before_level, before_clocks = incident.level, clock_snapshot(incident)
    incident.description, incident.measures_taken = data.description, data.measures_taken
    incident.external_support_needed, incident.external_support = data.external_support_needed, data.external_support
    incident.other_matters = data.other_matters
    if new_level:
        _renotified_level(incident, data.level, now=now, ruleset=rule_data(incident))
        incident.level_reason = data.level_reason
    before = incident.status
    if rules.can_transition(incident.status, IncidentStatus.CONTAINING):
        set_status(incident, IncidentStatus.CONTAINING)
    save(incident, [*RENOTIFY_FIELDS, "level", "notified_level", "level_reason", "status"])
    clock_meet(incident, ClockKind.RENOTIFY, at=now)
    record_event(
        incident,
        IncidentEvent.Kind.RENOTIFIED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={
            "level_before": before_level,
            "level": incident.level,
            "notified_level": incident.notified_level,
            "level_reason": data.level_reason,
            "clocks_before": before_clocks,
            "clocks": clock_snapshot(incident),
        },
    )
    _renotify_messages(incident, new_level=new_level, now=now)
    return incident


RENOTIFY_FIELDS = ["description", "measures_taken", "external_support_needed", "external_support", "other_matters"]


def _renotify_messages(incident: Incident, *, new_level: bool, now: datetime) -> None:
    notify(incident, "renotified", reviewer_emails(incident.agency), now=now)
    if new_level and rules.is_major(incident.notified_level):
        major_alert(incident=incident, now=now)
