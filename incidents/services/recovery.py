"""Recovery (Art 6 / 13 ¶1), the investigation report (¶2, 施行細則 Art 8) with its decision loop and
extension (¶3), improvement measures and closing."""

from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from common.calendar import taiwan_rest_day_check
from common.conflicts import conflict
from common.periods import TAIPEI
from incidents import rules
from incidents.models import ImprovementMeasure, Incident, IncidentEvent, InvestigationReport
from incidents.rules import ClockKind, IncidentStatus
from incidents.selectors.recipients import competent_authority_emails, officer_emails, reviewer_emails
from incidents.services.common import (
    ALREADY_COMPLETED,
    AUTHORITY_CONSENT_REQUIRED,
    EXTENSION_NOT_LATER,
    INCIDENT_CLOSED_NO_MEASURES,
    MEASURES_OPEN,
    NO_REPORT_CLOCK,
    REASON_REQUIRED,
    RECOVERED_TIME_INVALID,
    REGULATOR_CONSENT_REQUIRED,
    REPORT_ALREADY_DECIDED,
    SUPERIOR_CONSENT_REQUIRED,
    agency_kind,
    clock_meet,
    clock_put,
    incident_lock,
    record_event,
    rule_data,
    save,
    set_status,
)
from incidents.services.messages import notify

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def incident_mark_recovered(
    *, incident: Incident, recovered_at: datetime, acting_user: "User | None", now: datetime
) -> Incident:
    """Damage control or recovery done at ``recovered_at``; the report is due one calendar month later.
    Allowed while the review is pending: the duty runs from awareness (Art 6 ¶1 / 13 ¶1)."""
    incident_lock(incident)
    if not incident.aware_at <= recovered_at <= now:
        raise ValidationError({"recovered_at": RECOVERED_TIME_INVALID})
    before = set_status(incident, IncidentStatus.RECOVERED)
    incident.recovered_at = recovered_at
    save(incident, ["status", "recovered_at"])
    recover = clock_meet(incident, ClockKind.RECOVER, at=recovered_at)
    local_year = recovered_at.astimezone(TAIPEI).year
    deadline = rules.report_deadline(
        rule_data(incident),
        recovered_at=recovered_at,
        agency_kind=agency_kind(incident.agency),
        is_rest_day=taiwan_rest_day_check(years=[local_year], county=incident.agency.county),
    )
    clock_put(incident, deadline, started_at=recovered_at)
    record_event(
        incident,
        IncidentEvent.Kind.RECOVERED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={
            "recovered_at": recovered_at.isoformat(),
            "late": recovered_at > recover.due_at,
            "report_due_at": deadline.due_at.isoformat(),
        },
    )
    notify(incident, "recovered", reviewer_emails(incident.agency), now=now)
    return incident


@dataclass(frozen=True)
class ReportContents:
    """施行細則 2021 Art 8 (1)–(7)."""

    timeline: str
    impact: str
    recovery_course: str
    investigation_course: str
    root_cause: str
    prevention: str
    schedule: str


@transaction.atomic
def incident_report_submit(
    *, incident: Incident, contents: ReportContents, acting_user: "User | None", now: datetime
) -> InvestigationReport:
    incident_lock(incident)
    before = set_status(incident, IncidentStatus.REPORT_SUBMITTED)
    sequence = incident.reports.count() + 1
    report = InvestigationReport(
        incident=incident, sequence=sequence, submitted_by=acting_user, submitted_at=now, **asdict(contents)
    )
    report.full_clean()
    report.save()
    save(incident, ["status"])
    clock_meet(incident, ClockKind.REPORT, at=now)  # the first submission meets the deadline
    record_event(
        incident,
        IncidentEvent.Kind.REPORT_SUBMITTED,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={"sequence": sequence},
    )
    notify(incident, "report_submitted", reviewer_emails(incident.agency), now=now)
    return report


@transaction.atomic
def incident_report_decide(
    *, incident: Incident, accept: bool, note: str, acting_user: "User | None", now: datetime
) -> Incident:
    """Accept the report, or require explanations and adjustments (Art 6 ¶4 / 13 ¶4): a new submission."""
    incident_lock(incident)
    report = incident.reports.order_by("-sequence").first()
    if report is not None and report.decision != InvestigationReport.Decision.PENDING:
        raise conflict(REPORT_ALREADY_DECIDED)  # the other reviewer decided it while this one waited
    if not accept and not note.strip():
        raise ValidationError({"note": REASON_REQUIRED})
    new = IncidentStatus.REPORT_ACCEPTED if accept else IncidentStatus.EXPLANATION_REQUESTED
    before = set_status(incident, new)
    report.decision = (
        InvestigationReport.Decision.ACCEPTED if accept else InvestigationReport.Decision.EXPLANATION_REQUESTED
    )
    report.decided_by, report.decided_at, report.decision_note = acting_user, now, note
    report.save(update_fields=["decision", "decided_by", "decided_at", "decision_note", "updated_at"])
    if accept:
        incident.report_accepted_at = now
    save(incident, ["status", "report_accepted_at"])
    kind = IncidentEvent.Kind.REPORT_ACCEPTED if accept else IncidentEvent.Kind.EXPLANATION_REQUESTED
    record_event(
        incident,
        kind,
        actor=acting_user,
        now=now,
        before=before,
        after=incident.status,
        data={"sequence": report.sequence, "note": note},
    )
    notify(incident, "report_decided", officer_emails(incident.agency), now=now, note=note)
    if accept and agency_kind(incident.agency) == rules.SNGO and rules.is_major(incident.level):
        _report_send_on(incident, sequence=report.sequence, acting_user=acting_user, now=now)
    return incident


def _report_send_on(incident: Incident, *, sequence: int, acting_user: "User | None", now: datetime) -> None:
    """SNGA level 3–4: after its review the sector regulator sends the report on to the competent authority
    (通報及應變辦法第13條第5項), which may then require explanations and adjustments."""
    incident.report_forwarded_at = now
    save(incident, ["report_forwarded_at"])
    record_event(
        incident,
        IncidentEvent.Kind.REPORT_FORWARDED,
        actor=acting_user,
        now=now,
        before=incident.status,
        data={"sequence": sequence, "citation": "資通安全事件通報及應變辦法第13條第5項"},
    )
    notify(incident, "report_forwarded", competent_authority_emails(), now=now)


def _extension_consents(incident: Incident, *, superior: str, authority: str) -> dict[str, str]:
    """Government: the superior or supervisory agency **and** the competent authority consent (Art 6 ¶3);
    SNGA: the sector regulator (Art 13 ¶3). Each consent names who, when and the reference."""
    if agency_kind(incident.agency) == rules.SNGO:
        if not superior.strip():
            raise ValidationError({"superior_consent": REGULATOR_CONSENT_REQUIRED})
        return {"sector_regulator": superior.strip(), "citation": "資通安全事件通報及應變辦法第13條第3項"}
    errors = {}
    if not superior.strip():
        errors["superior_consent"] = SUPERIOR_CONSENT_REQUIRED
    if not authority.strip():
        errors["authority_consent"] = AUTHORITY_CONSENT_REQUIRED
    if errors:
        raise ValidationError(errors)
    return {
        "superior_agency": superior.strip(),
        "competent_authority": authority.strip(),
        "citation": "資通安全事件通報及應變辦法第6條第3項",
    }


@transaction.atomic
def incident_report_extend(
    *,
    incident: Incident,
    due_on: date,
    reason: str,
    acting_user: "User | None",
    now: datetime,
    superior_consent: str = "",
    authority_consent: str = "",
) -> Incident:
    """Extension with the consents the law requires (Art 6 ¶3 / 13 ¶3): due at the end of ``due_on``."""
    incident_lock(incident)
    clock = incident.clocks.filter(kind=ClockKind.REPORT, met_at__isnull=True).first()
    if clock is None:
        raise ValidationError(NO_REPORT_CLOCK)
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    consents = _extension_consents(incident, superior=superior_consent, authority=authority_consent)
    due_at = datetime.combine(due_on, time(23, 59, 59), tzinfo=TAIPEI)
    if due_at <= clock.due_at:
        raise ValidationError({"due_on": EXTENSION_NOT_LATER})
    before_due = clock.due_at
    clock.due_at, clock.warned_at, clock.escalated_at = due_at, None, None
    clock.citation = f"{clock.citation}; {consents['citation']}"[:300]
    clock.save(update_fields=["due_at", "warned_at", "escalated_at", "citation", "updated_at"])
    record_event(
        incident,
        IncidentEvent.Kind.REPORT_EXTENDED,
        actor=acting_user,
        now=now,
        before=incident.status,
        data={"due_before": before_due.isoformat(), "due": due_at.isoformat(), "reason": reason, "consents": consents},
    )
    return incident


@transaction.atomic
def incident_close(*, incident: Incident, acting_user: "User | None", now: datetime) -> Incident:
    incident_lock(incident)
    if incident.measures.filter(completed_on__isnull=True).exists():
        raise ValidationError(MEASURES_OPEN)
    before = set_status(incident, IncidentStatus.CLOSED)
    incident.closed_at = now
    save(incident, ["status", "closed_at"])
    record_event(incident, IncidentEvent.Kind.CLOSED, actor=acting_user, now=now, before=before, after=incident.status)
    return incident


@transaction.atomic
def improvement_measure_add(
    *,
    incident: Incident,
    category: str,
    description: str,
    owner: str,
    due_on: date,
    acting_user: "User | None",
    now: datetime,
) -> ImprovementMeasure:
    incident_lock(incident)  # incident_close checks the open measures under the same lock
    if incident.status == IncidentStatus.CLOSED:
        raise conflict(INCIDENT_CLOSED_NO_MEASURES)
    measure = ImprovementMeasure(
        incident=incident,
        category=category,
        description=description,
        owner=owner,
        due_on=due_on,
        created_by=acting_user,
    )
    measure.full_clean()
    measure.save()
    record_event(
        incident,
        IncidentEvent.Kind.MEASURE_ADDED,
        actor=acting_user,
        now=now,
        before=incident.status,
        data={"measure": measure.pk, "description": description[:200], "owner": owner, "due_on": due_on.isoformat()},
    )
    return measure


@transaction.atomic
def improvement_measure_complete(
    *, measure: ImprovementMeasure, completed_on: date, note: str, acting_user: "User | None", now: datetime
) -> ImprovementMeasure:
    incident_lock(measure.incident)  # the incident first (as incident_close), then the measure
    measure.refresh_from_db(from_queryset=ImprovementMeasure.objects.select_for_update(no_key=True))
    if measure.completed_on is not None:
        raise conflict(ALREADY_COMPLETED)
    measure.completed_on, measure.completion_note = completed_on, note
    measure.full_clean()
    measure.save(update_fields=["completed_on", "completion_note", "updated_at"])
    record_event(
        measure.incident,
        IncidentEvent.Kind.MEASURE_COMPLETED,
        actor=acting_user,
        now=now,
        before=measure.incident.status,
        data={"measure": measure.pk, "completed_on": completed_on.isoformat(), "late": completed_on > measure.due_on},
    )
    return measure
