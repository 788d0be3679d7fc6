"""The audit report (Art 7), the improvement report and its progress (Art 8), closing findings and audits."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits import rules
from audits.models import Audit, Finding, ImprovementMeasure, ImprovementReport, ProgressReport
from audits.services.common import Kind, audit_event, local_day, lock_audit, month_after, set_status
from audits.services.team import revoke_team_access

IR = ImprovementReport.Status


def _needs_improvement(audit: Audit):
    return audit.findings.filter(kind__in=rules.NEEDS_IMPROVEMENT)


@transaction.atomic
def report_issue(*, audit: Audit, scope: str, refusals: str, notes: str, actor: AbstractUser, now: datetime) -> Audit:
    """Art 7 II: scope, deficiencies and items to improve, refusals with reasons and decision, other."""
    audit = lock_audit(audit)
    if audit.fieldwork_done_on is None:
        raise ValidationError(_("Complete the on-site work before issuing the report."))
    if not scope.strip():
        raise ValidationError({"scope": _("Describe the scope of the audit.")})
    audit.scope, audit.refusals, audit.report_notes, audit.report_issued_at = scope, refusals, notes, now
    audit.improvement_due_at = month_after(local_day(now)) if _needs_improvement(audit).exists() else None
    fields = ("scope", "refusals", "report_notes", "report_issued_at", "improvement_due_at")
    before = set_status(audit, rules.AuditStatus.REPORT_ISSUED, fields=fields)
    after = {"report_issued_at": now, "improvement_due_at": audit.improvement_due_at, "late": _late(audit, now)}
    audit_event(audit, Kind.REPORT_ISSUED, actor=actor, now=now, before={"status": before}, after=after)
    return audit


def _late(audit: Audit, now: datetime) -> bool:
    return audit.report_due_at is not None and now > audit.report_due_at


@dataclass(frozen=True)
class MeasureInput:
    finding_id: int
    cause: str
    measures: str
    planned_completion: date
    tracking_method: str


@transaction.atomic
def improvement_save(
    *, audit: Audit, measures: list[MeasureInput], actor: AbstractUser, now: datetime
) -> ImprovementReport:
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.REPORT_ISSUED:
        raise ValidationError(_("The improvement report follows the audit report."))
    report, _created = ImprovementReport.objects.get_or_create(audit=audit)
    if report.status == IR.ACCEPTED:
        raise ValidationError(_("An accepted improvement report cannot change."))
    findings = {f.pk: f for f in _needs_improvement(audit)}
    for entry in measures:
        if entry.finding_id not in findings:
            raise ValidationError(_("A measure names a finding that does not need one."))
        ImprovementMeasure.objects.update_or_create(
            finding_id=entry.finding_id,
            defaults={
                "report": report,
                "cause": entry.cause,
                "measures": entry.measures,
                "planned_completion": entry.planned_completion,
                "tracking_method": entry.tracking_method,
            },
        )
    audit_event(audit, Kind.IMPROVEMENT_SAVED, actor=actor, now=now, after={"measures": len(measures)})
    return report


@transaction.atomic
def improvement_submit(*, audit: Audit, actor: AbstractUser, now: datetime) -> ImprovementReport:
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.REPORT_ISSUED:
        raise ValidationError(_("There is no improvement report to submit."))
    report, _created = ImprovementReport.objects.get_or_create(audit=audit)
    if report.status not in (IR.DRAFT, IR.EXPLANATION_REQUESTED):
        raise ValidationError(_("There is no improvement report to submit."))
    missing = _needs_improvement(audit).filter(measure__isnull=True).values_list("number", flat=True)
    if missing:
        numbers = "、".join(str(n) for n in missing)
        raise ValidationError(_("Findings %(numbers)s still need their measures.") % {"numbers": numbers})
    report.status, report.submitted_at, report.submitted_by = IR.SUBMITTED, now, actor
    report.save()
    set_status(audit, rules.AuditStatus.IMPROVEMENT_SUBMITTED)
    late = audit.improvement_due_at is not None and now > audit.improvement_due_at
    audit_event(audit, Kind.IMPROVEMENT_SUBMITTED, actor=actor, now=now, after={"submitted_at": now, "late": late})
    return report


@transaction.atomic
def improvement_decide(
    *, audit: Audit, accept: bool, note: str, actor: AbstractUser, now: datetime
) -> ImprovementReport:
    """Art 8 I: the authority accepts, or asks for an explanation or an adjustment (loops back)."""
    audit = lock_audit(audit)
    report = ImprovementReport.objects.select_for_update(no_key=True).get(audit=audit)
    if report.status != IR.SUBMITTED:
        raise ValidationError(_("Only a submitted improvement report can be decided."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say what needs explaining or adjusting.")})
    report.status, report.reviewer_note = (IR.ACCEPTED if accept else IR.EXPLANATION_REQUESTED), note
    report.save(update_fields=["status", "reviewer_note", "updated_at"])
    if not accept:
        set_status(audit, rules.AuditStatus.REPORT_ISSUED)
    kind = Kind.IMPROVEMENT_ACCEPTED if accept else Kind.EXPLANATION_REQUESTED
    audit_event(audit, kind, actor=actor, now=now, after={"status": report.status}, note=note)
    return report


@transaction.atomic
def progress_report(
    *, finding: Finding, percent_done: int, text: str, actor: AbstractUser, now: datetime
) -> ProgressReport:
    """Art 8 II: implementation status of the improvement report, finding by finding."""
    audit = lock_audit(finding.audit)
    finding = Finding.objects.select_for_update(no_key=True).get(pk=finding.pk)
    report = getattr(audit, "improvement", None)
    if report is None or report.status != IR.ACCEPTED or finding.status == rules.FindingStatus.CLOSED:
        raise ValidationError(_("Progress is reported on open findings of an accepted improvement report."))
    if not 0 <= percent_done <= 100:
        raise ValidationError({"percent_done": _("Give a percentage from 0 to 100.")})
    entry = ProgressReport.objects.create(
        finding=finding, reported_by=actor, reported_at=now, percent_done=percent_done, text=text
    )
    if finding.status == rules.FindingStatus.OPEN:
        finding.status = rules.FindingStatus.IN_PROGRESS
        finding.save(update_fields=["status", "updated_at"])
    audit_event(
        audit,
        Kind.PROGRESS_REPORTED,
        actor=actor,
        now=now,
        after={"percent_done": percent_done},
        finding=finding.number,
    )
    return entry


@transaction.atomic
def finding_close(*, finding: Finding, note: str, actor: AbstractUser, now: datetime) -> Finding:
    """The authority verifies the improvement and closes the finding; the last one closes the audit."""
    audit = lock_audit(finding.audit)
    finding = Finding.objects.select_for_update(no_key=True).get(pk=finding.pk)
    if finding.status == rules.FindingStatus.CLOSED:
        raise ValidationError(_("This finding is already closed."))
    if audit.status not in (rules.AuditStatus.REPORT_ISSUED, rules.AuditStatus.IMPROVEMENT_SUBMITTED):
        raise ValidationError(_("Findings are closed after the audit report is issued."))
    if not note.strip():
        raise ValidationError({"note": _("Say how the improvement was verified.")})
    before = finding.status
    finding.status, finding.closed_at, finding.closed_by, finding.closing_note = (
        rules.FindingStatus.CLOSED,
        now,
        actor,
        note,
    )
    finding.save()
    audit_event(
        audit,
        Kind.FINDING_CLOSED,
        actor=actor,
        now=now,
        before={"status": before},
        after={"status": "closed"},
        finding=finding.number,
        note=note,
    )
    if not audit.findings.exclude(status=rules.FindingStatus.CLOSED).exists():
        _close(audit, actor=actor, now=now)
    return finding


@transaction.atomic
def audit_close(*, audit: Audit, actor: AbstractUser, now: datetime) -> Audit:
    """Close an audit whose report is issued and whose findings are all closed (or had none)."""
    audit = lock_audit(audit)
    if audit.findings.exclude(status=rules.FindingStatus.CLOSED).exists():
        raise ValidationError(_("Close every finding before closing the audit."))
    return _close(audit, actor=actor, now=now)


def _close(audit: Audit, *, actor, now: datetime) -> Audit:
    audit.closed_at = now
    before = set_status(audit, rules.AuditStatus.CLOSED, fields=("closed_at",))
    revoke_team_access(audit=audit, actor=actor, now=now)
    audit_event(audit, Kind.CLOSED, actor=actor, now=now, before={"status": before}, after={"status": "closed"})
    return audit
