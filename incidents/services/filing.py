"""Filing: a notification with the 7 statutory fields (通報及應變辦法 Art 3), its level from the Art 2
decision table, the late and fallback rules (Art 4 ¶3–4 / Art 11 ¶3–4), attachments."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from common import uploads
from incidents import attachments, rules
from incidents.models import Incident, IncidentAlert, IncidentAttachment, IncidentEvent, ReportChannel
from incidents.rules import ClockKind, IncidentStatus
from incidents.selectors.recipients import competent_authority_emails, reviewer_emails
from incidents.services.common import (
    ATTACHMENT_TOO_LARGE,
    AWARE_IN_FUTURE,
    FALLBACK_REASON_REQUIRED,
    FALLBACK_TIME_INVALID,
    LATE_REASON_REQUIRED,
    LEVEL_REASON_REQUIRED,
    LEVEL_REQUIRED,
    OCCURRED_AFTER_AWARE,
    SYSTEM_NOT_OF_AGENCY,
    agency_kind,
    clock_meet,
    clock_put,
    incident_lock,
    record_event,
    rule_data,
    rule_set_for,
    save,
    set_status,
)
from incidents.services.messages import notify
from infrastructure.models import Agency

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class NotificationInput:
    title: str
    incident_type: str
    aware_at: datetime
    description: str
    measures_taken: str
    answers: rules.ImpactAnswers
    occurred_at: datetime | None = None
    level: int | None = None  # None: take the proposed level
    level_reason: str = ""
    external_support_needed: bool = False
    external_support: str = ""
    other_matters: str = ""
    affected_system_ids: list[int] = field(default_factory=list)
    channel: str = ReportChannel.WEB
    fallback_reason: str = ""
    fallback_reported_at: datetime | None = None  # the original telephone/e-mail time
    late_reason: str = ""


def decide_level(data: NotificationInput) -> tuple[int, rules.LevelProposal | None]:
    proposal = rules.propose_level(data.answers)
    level = data.level or (proposal.level if proposal else None)
    if level is None:
        raise ValidationError({"level": LEVEL_REQUIRED})
    if (proposal is None or level != proposal.level) and not data.level_reason.strip():
        raise ValidationError({"level_reason": LEVEL_REASON_REQUIRED})
    return level, proposal


def _reported_at(data: NotificationInput, *, now: datetime) -> datetime:
    if data.channel == ReportChannel.WEB:
        return now
    if not data.fallback_reason.strip() or data.fallback_reported_at is None:
        raise ValidationError({"fallback_reason": FALLBACK_REASON_REQUIRED})
    if not data.aware_at <= data.fallback_reported_at <= now:
        raise ValidationError({"fallback_reported_at": FALLBACK_TIME_INVALID})
    return data.fallback_reported_at


def _check_times(data: NotificationInput, *, now: datetime) -> None:
    if data.aware_at > now:
        raise ValidationError({"aware_at": AWARE_IN_FUTURE})
    if data.occurred_at and data.occurred_at > data.aware_at:
        raise ValidationError({"occurred_at": OCCURRED_AFTER_AWARE})


def _systems(agency: Agency, ids: list[int]) -> list:
    systems = list(agency.systems.filter(pk__in=ids))
    if len(systems) != len(set(ids)):
        raise ValidationError({"affected_system_ids": SYSTEM_NOT_OF_AGENCY})
    return systems


def _build(agency: Agency, data: NotificationInput, *, level: int, proposal, acting_user: "User | None") -> Incident:
    answers = data.answers
    return Incident(
        agency=agency,
        title=data.title,
        incident_type=data.incident_type,
        occurred_at=data.occurred_at,
        aware_at=data.aware_at,
        description=data.description,
        confidentiality=answers.confidentiality,
        integrity=answers.integrity,
        availability=answers.availability,
        confidentiality_scope=answers.confidentiality_scope,
        integrity_scope=answers.integrity_scope,
        availability_scope=answers.availability_scope,
        proposed_level=proposal.level if proposal else None,
        level_criterion=proposal.citation if proposal else "",
        level=level,
        notified_level=level,
        level_reason=data.level_reason,
        measures_taken=data.measures_taken,
        external_support_needed=data.external_support_needed,
        external_support=data.external_support,
        other_matters=data.other_matters,
        channel=data.channel,
        fallback_reason=data.fallback_reason,
        late_reason=data.late_reason,
        rule_set=rule_set_for(aware_at=data.aware_at),
        reporter=acting_user,
    )


@transaction.atomic
def incident_report_create(
    *, agency: Agency, data: NotificationInput, acting_user: "User | None", now: datetime, submit: bool = True
) -> Incident:
    """Save the notification (as a draft, or reported), start its clocks and queue the notifications."""
    _check_times(data, now=now)
    level, proposal = decide_level(data)
    systems = _systems(agency, data.affected_system_ids)
    incident = _build(agency, data, level=level, proposal=proposal, acting_user=acting_user)
    # The related rows are objects already read (no existence query each), and the table's checks are what
    # _check_times and decide_level just ensured (occurred ≤ aware, level 1–4; nothing reported or recovered
    # yet): the database still enforces them, without four savepoint round trips here.
    incident.full_clean(exclude=["affected_systems", "agency", "rule_set", "reporter"], validate_constraints=False)
    incident.save()
    incident.affected_systems.set(systems)
    kind = agency_kind(agency)
    ruleset = rule_data(incident)
    clock_put(
        incident, rules.notify_deadline(ruleset, aware_at=data.aware_at, agency_kind=kind), started_at=data.aware_at
    )
    clock_put(
        incident,
        rules.recover_deadline(ruleset, aware_at=data.aware_at, level=level, agency_kind=kind),
        started_at=data.aware_at,
    )
    record_event(
        incident,
        IncidentEvent.Kind.DRAFTED,
        actor=acting_user,
        now=now,
        after=IncidentStatus.DRAFT,
        data={"level": level, "proposed_level": incident.proposed_level, "criterion": incident.level_criterion},
    )
    if submit:
        incident_submit(
            incident=incident,
            acting_user=acting_user,
            now=now,
            reported_at=_reported_at(data, now=now),
            late_reason=data.late_reason,
        )
    return incident


@transaction.atomic
def incident_submit(
    *,
    incident: Incident,
    acting_user: "User | None",
    now: datetime,
    reported_at: datetime | None = None,
    late_reason: str = "",
) -> Incident:
    """Draft → reported: the notify clock is met (or missed, flagged, with the reason) and the review starts,
    its period that of the level as notified, counted from receipt (Art 5 ¶1 / 12 ¶1)."""
    incident_lock(incident)
    reported_at = reported_at or now
    notify_clock = incident.clocks.get(kind=ClockKind.NOTIFY)
    is_late = reported_at > notify_clock.due_at
    if is_late and not (late_reason or incident.late_reason).strip():
        raise ValidationError({"late_reason": LATE_REASON_REQUIRED})
    before = set_status(incident, IncidentStatus.REPORTED)
    incident.reported_at, incident.is_late = reported_at, is_late
    incident.late_reason = late_reason or incident.late_reason
    save(incident, ["status", "reported_at", "is_late", "late_reason"])
    clock_meet(incident, ClockKind.NOTIFY, at=reported_at)
    ruleset, kind = rule_data(incident), agency_kind(incident.agency)
    clock_put(
        incident,
        rules.review_deadline(ruleset, received_at=reported_at, level=incident.notified_level, agency_kind=kind),
        started_at=reported_at,
    )
    record_event(
        incident,
        IncidentEvent.Kind.REPORTED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={
            "reported_at": reported_at.isoformat(),
            "late": is_late,
            "channel": incident.channel,
            "level": incident.level,
        },
    )
    notify(incident, "reported", reviewer_emails(incident.agency), now=now)
    if rules.is_major(incident.level):
        major_alert(incident=incident, now=now)
    return incident


def major_alert(*, incident: Incident, now: datetime) -> None:
    """Level 3–4: the competent authority is alerted at once (once per review deadline)."""
    review = incident.clocks.get(kind=ClockKind.REVIEW)
    alert, created = IncidentAlert.objects.get_or_create(
        incident=incident, clock_kind=ClockKind.REVIEW, kind=IncidentAlert.Kind.MAJOR, due_at=review.due_at
    )
    if created:
        alert.notification = notify(incident, "major", competent_authority_emails(), now=now)
        alert.save(update_fields=["notification", "updated_at"])


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@transaction.atomic
def incident_attachment_add(
    *, incident: Incident, content: bytes, original_name: str, acting_user: "User | None", now: datetime
) -> IncidentAttachment:
    """Type decided by the bytes, never by the name or the browser's claim."""
    try:
        checked = uploads.upload_check(
            name=original_name, content=content, allowed=attachments.ALLOWED, max_bytes=MAX_ATTACHMENT_BYTES
        )
    except uploads.UploadRefused as refused:
        if refused.reason == uploads.TOO_LARGE:
            raise ValidationError(ATTACHMENT_TOO_LARGE) from None
        raise ValidationError(attachments.TYPE_NOT_ALLOWED, code="type") from None
    content_type, digest = checked.file_type.content_type, checked.sha256
    incident_lock(incident)
    attachment = IncidentAttachment(
        incident=incident,
        original_name=original_name[:255],
        content_type=content_type,
        size=checked.size,
        sha256=digest,
        uploaded_by=acting_user,
    )
    uploads.upload_store(attachment.file, checked, name_by="sha256")
    attachment.full_clean()
    attachment.save()
    record_event(
        incident,
        IncidentEvent.Kind.ATTACHMENT_ADDED,
        actor=acting_user,
        now=now,
        before=incident.status,
        data={"name": attachment.original_name, "sha256": digest, "type": content_type, "size": len(content)},
    )
    return attachment
