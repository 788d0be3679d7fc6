"""Review (審核) by the superior agency or sector regulator, forwarding to the competent authority, level
changes (recomputed from the original aware-at, renewed notification required) and the agency's
continued notification (續行通報)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from incidents import rules
from incidents.models import Incident, IncidentClock, IncidentEvent
from incidents.rules import ClockKind, IncidentStatus
from incidents.selectors.recipients import competent_authority_emails, officer_emails, reviewer_emails
from incidents.services import common as c
from incidents.services.filing import _mail, agency_kind, major_alert
from incidents.services.outbox import outbox_enqueue


@transaction.atomic
def incident_review_start(*, incident: Incident, acting_user, now: datetime) -> Incident:
    before = c.set_status(incident, IncidentStatus.UNDER_REVIEW)
    c.save(incident, ["status"])
    c.record_event(
        incident, IncidentEvent.Kind.REVIEW_STARTED, actor=acting_user, now=now, before=before, after=incident.status
    )
    return incident


@transaction.atomic
def incident_review_complete(
    *, incident: Incident, level: int, note: str, acting_user, now: datetime, forward: bool = False
) -> Incident:
    """Confirm or change the level within the review clock; start the forward clock when the rule set
    requires the result to reach the competent authority within 1 hour."""
    if incident.status not in rules.AWAITING_REVIEW:
        rules.ensure_transition(incident.status, IncidentStatus.LEVEL_CONFIRMED)
    changed = level != incident.level
    if changed and not note.strip():
        raise ValidationError({"note": c.REASON_REQUIRED})
    if changed:
        _apply_level(incident, level=level, now=now)
    before = c.set_status(incident, IncidentStatus.LEVEL_CHANGED if changed else IncidentStatus.LEVEL_CONFIRMED)
    incident.reviewed_at, incident.reviewed_by, incident.review_note = now, acting_user, note
    c.save(incident, ["status", "level", "reviewed_at", "reviewed_by", "review_note"])
    c.clock_meet(incident, ClockKind.REVIEW, at=now)
    kind = agency_kind(incident.agency)
    if rules.forward_required(c.rule_data(incident), level=incident.level, agency_kind=kind):
        c.clock_put(
            incident, rules.forward_deadline(c.rule_data(incident), reviewed_at=now, agency_kind=kind), started_at=now
        )
    event = IncidentEvent.Kind.LEVEL_CHANGED if changed else IncidentEvent.Kind.LEVEL_CONFIRMED
    c.record_event(
        incident,
        event,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={"level": incident.level, "note": note, "clocks": c.clock_snapshot(incident)},
    )
    outbox_enqueue(
        incident=incident,
        topic="reviewed",
        recipients=officer_emails(incident.agency),
        now=now,
        **_mail("reviewed", incident, note=note),
    )
    if changed:
        _after_level_change(incident, acting_user=acting_user, now=now)
    if forward:
        incident_forward(incident=incident, acting_user=acting_user, now=now)
    return incident


@transaction.atomic
def incident_forward(*, incident: Incident, acting_user, now: datetime) -> Incident:
    """The review result goes to the competent authority. A status change only right after the review;
    later (damage control already under way) the forwarding is recorded without moving the status."""
    if incident.reviewed_at is None or incident.forwarded_at is not None:
        rules.ensure_transition(incident.status, IncidentStatus.FORWARDED)
    before = incident.status
    if rules.can_transition(incident.status, IncidentStatus.FORWARDED):
        c.set_status(incident, IncidentStatus.FORWARDED)
    incident.forwarded_at = now
    c.save(incident, ["status", "forwarded_at"])
    c.clock_meet(incident, ClockKind.FORWARD, at=now)
    c.record_event(
        incident,
        IncidentEvent.Kind.FORWARDED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={"level": incident.level},
    )
    outbox_enqueue(
        incident=incident,
        topic="forwarded",
        recipients=competent_authority_emails(),
        now=now,
        **_mail("forwarded", incident),
    )
    return incident


@transaction.atomic
def incident_level_change(*, incident: Incident, level: int, reason: str, acting_user, now: datetime) -> Incident:
    """Re-review by the competent authority (or a later change by the reviewer): recompute the clocks from
    the original aware-at and require the agency's renewed notification within the rule's hours."""
    if incident.status in rules.AWAITING_REVIEW:
        raise ValidationError(c.REVIEW_FIRST)
    if level == incident.level:
        raise ValidationError({"level": c.SAME_LEVEL})
    if not reason.strip():
        raise ValidationError({"reason": c.REASON_REQUIRED})
    before_clocks, before_level = c.clock_snapshot(incident), incident.level
    before = c.set_status(incident, IncidentStatus.LEVEL_CHANGED)
    _apply_level(incident, level=level, now=now)
    c.save(incident, ["status", "level"])
    c.record_event(
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
            "clocks": c.clock_snapshot(incident),
        },
    )
    _after_level_change(incident, acting_user=acting_user, now=now)
    return incident


def _apply_level(incident: Incident, *, level: int, now: datetime) -> None:
    """Recompute recover (from aware-at) and an open review (from receipt) for the new level."""
    incident.level = level
    ruleset, kind = c.rule_data(incident), agency_kind(incident.agency)
    c.clock_put(
        incident,
        rules.recover_deadline(ruleset, aware_at=incident.aware_at, level=level, agency_kind=kind),
        started_at=incident.aware_at,
    )
    if incident.reported_at and incident.reviewed_at is None:
        c.clock_put(
            incident,
            rules.review_deadline(ruleset, received_at=incident.reported_at, level=level, agency_kind=kind),
            started_at=incident.reported_at,
        )


def _after_level_change(incident: Incident, *, acting_user, now: datetime) -> None:
    kind = agency_kind(incident.agency)
    renotify = rules.renotify_deadline(c.rule_data(incident), changed_at=now, agency_kind=kind)
    IncidentClock.objects.filter(incident=incident, kind=ClockKind.RENOTIFY).delete()  # a new change, a new clock
    c.clock_put(incident, renotify, started_at=now)
    if incident.reviewed_at and rules.forward_required(c.rule_data(incident), level=incident.level, agency_kind=kind):
        if not incident.clocks.filter(kind=ClockKind.FORWARD).exists():
            c.clock_put(
                incident,
                rules.forward_deadline(c.rule_data(incident), reviewed_at=now, agency_kind=kind),
                started_at=now,
            )
    outbox_enqueue(
        incident=incident,
        topic="level_changed",
        recipients=officer_emails(incident.agency) + reviewer_emails(incident.agency),
        now=now,
        **_mail("level_changed", incident),
    )
    if incident.is_major and incident.reported_at:
        major_alert(incident=incident, now=now)


@transaction.atomic
def incident_renotify(
    *,
    incident: Incident,
    acting_user,
    now: datetime,
    description: str,
    measures_taken: str,
    external_support_needed: bool,
    external_support: str,
    other_matters: str,
    level: int | None = None,
    level_reason: str = "",
) -> Incident:
    """The agency's continued notification: updated facts, optionally its own new level assessment."""
    if incident.status not in rules.OPEN_FOR_UPDATE:
        rules.ensure_transition(incident.status, IncidentStatus.CONTAINING)
    if level and level != incident.level and not level_reason.strip():
        raise ValidationError({"level_reason": c.LEVEL_REASON_REQUIRED})
    before_level = incident.level
    incident.description, incident.measures_taken = description, measures_taken
    incident.external_support_needed, incident.external_support = external_support_needed, external_support
    incident.other_matters = other_matters
    changed = bool(level) and level != incident.level
    if changed:
        _apply_level(incident, level=level, now=now)
        incident.level_reason = level_reason
    before = incident.status
    if rules.can_transition(incident.status, IncidentStatus.CONTAINING):
        c.set_status(incident, IncidentStatus.CONTAINING)
    c.save(
        incident,
        [
            "description",
            "measures_taken",
            "external_support_needed",
            "external_support",
            "other_matters",
            "level",
            "level_reason",
            "status",
        ],
    )
    c.clock_meet(incident, ClockKind.RENOTIFY, at=now)
    c.record_event(
        incident,
        IncidentEvent.Kind.RENOTIFIED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={
            "level_before": before_level,
            "level": incident.level,
            "level_reason": level_reason,
            "clocks": c.clock_snapshot(incident),
        },
    )
    outbox_enqueue(
        incident=incident,
        topic="renotified",
        recipients=reviewer_emails(incident.agency),
        now=now,
        **_mail("renotified", incident),
    )
    if changed and incident.is_major:
        major_alert(incident=incident, now=now)
    return incident
