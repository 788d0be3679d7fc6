"""On-site audit: start, the checklist (self-assessment and auditors' answers), findings, completion."""

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from audits import rules
from audits.models import Audit, ChecklistAnswer, ChecklistItem, Finding
from audits.services.common import Kind, audit_event, local_day, lock_audit, month_after, set_status
from audits.services.team import team_ready_problems
from common.conflicts import conflict

STALE_ANSWER = _("Someone else saved this item in the meantime; reload to see their answer before you save again.")


@transaction.atomic
def fieldwork_start(*, audit: Audit, actor: AbstractUser, now: datetime) -> Audit:
    audit = lock_audit(audit)
    problems = team_ready_problems(audit)
    if problems:
        raise ValidationError(problems)
    if local_day(now) < audit.starts_on:
        raise ValidationError(_("The audit starts on its audit date."))
    before = set_status(audit, rules.AuditStatus.FIELDWORK)
    audit_event(audit, Kind.FIELDWORK_STARTED, actor=actor, now=now, before={"status": before})
    return audit


def _answer_for_update(audit: Audit, item_id: int) -> ChecklistAnswer:
    if not ChecklistItem.objects.filter(pk=item_id, template_id=audit.checklist_id).exists():
        raise ValidationError({"item": _("This item is not on the audit's checklist.")})
    answer, _created = ChecklistAnswer.objects.get_or_create(audit=audit, item_id=item_id)
    return ChecklistAnswer.objects.select_for_update(no_key=True).get(pk=answer.pk)


def _save_answer(answer: ChecklistAnswer, version: int, changes: dict, *, actor, now, who: str) -> ChecklistAnswer:
    if answer.version != version:
        raise conflict(STALE_ANSWER)
    before = {name: getattr(answer, name) for name in changes}
    if before == changes:
        return answer
    for name, value in changes.items():
        setattr(answer, name, value)
    if who == "auditor":
        answer.answered_by = actor
    answer.version = F("version") + 1
    answer.save()
    answer.refresh_from_db()
    item = {"item": answer.item.item_no, "by": who}
    audit_event(answer.audit, Kind.ANSWER_SAVED, actor=actor, now=now, before=before, after=changes, **item)
    return answer


@transaction.atomic
def answer_save(
    *,
    audit: Audit,
    item_id: int,
    result: str,
    description: str,
    evidence: str,
    version: int,
    actor: AbstractUser,
    now: datetime,
) -> ChecklistAnswer:
    """An auditor's answer (符合 / 部分符合 / 不符合 / 不適用); drafts save as they type."""
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.FIELDWORK:
        raise ValidationError(_("Answers are recorded while the audit is under way."))
    if result and result not in rules.Result.values:
        raise ValidationError({"result": _("Choose one of the listed results.")})
    answer = _answer_for_update(audit, item_id)
    changes = {"result": result, "description": description, "evidence": evidence}
    return _save_answer(answer, version, changes, actor=actor, now=now, who="auditor")


@transaction.atomic
def self_assessment_save(
    *, audit: Audit, item_id: int, result: str, note: str, version: int, actor: AbstractUser, now: datetime
) -> ChecklistAnswer:
    """The auditee's self-assessment, before the on-site audit."""
    audit = lock_audit(audit)
    if audit.status not in (rules.AuditStatus.NOTIFIED, rules.AuditStatus.RESCHEDULE_REQUESTED):
        raise ValidationError(_("The self-assessment is filled in between the notice and the audit."))
    if result and result not in rules.Result.values:
        raise ValidationError({"result": _("Choose one of the listed results.")})
    answer = _answer_for_update(audit, item_id)
    changes = {"self_result": result, "self_note": note}
    return _save_answer(answer, version, changes, actor=actor, now=now, who="auditee")


@transaction.atomic
def finding_record(
    *,
    audit: Audit,
    kind: str,
    severity: str,
    description: str,
    actor: AbstractUser,
    now: datetime,
    item_id: int | None = None,
) -> Finding:
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.FIELDWORK:
        raise ValidationError(_("Findings are recorded while the audit is under way."))
    if item_id is not None and not ChecklistItem.objects.filter(pk=item_id, template_id=audit.checklist_id).exists():
        raise ValidationError({"item": _("This item is not on the audit's checklist.")})
    number = (audit.findings.aggregate(n=Max("number"))["n"] or 0) + 1
    finding = Finding(
        audit=audit,
        item_id=item_id,
        number=number,
        kind=kind,
        severity=severity,
        description=description,
        recorded_by=actor,
        recorded_at=now,
    )
    finding.full_clean()
    finding.save()
    after = {"number": number, "kind": kind, "severity": severity, "description": description}
    audit_event(audit, Kind.FINDING_RECORDED, actor=actor, now=now, after=after, finding=number)
    return finding


@transaction.atomic
def fieldwork_complete(*, audit: Audit, actor: AbstractUser, now: datetime) -> Audit:
    """The on-site work is done. Once every audit of the plan's quarter is done, the report is due one
    month later (Art 7 I: 每季…稽核作業完成後一個月內), for all of them."""
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.FIELDWORK or audit.fieldwork_done_on is not None:
        raise ValidationError(_("Only an audit under way can be completed."))
    unanswered = audit.checklist.items.exclude(pk__in=audit.answers.exclude(result="").values("item_id")).count()
    if unanswered:
        raise ValidationError(_("%(count)d checklist items have no answer yet.") % {"count": unanswered})
    audit.fieldwork_done_on = local_day(now)
    audit.save(update_fields=["fieldwork_done_on", "updated_at"])
    audit_event(
        audit, Kind.FIELDWORK_COMPLETED, actor=actor, now=now, after={"fieldwork_done_on": audit.fieldwork_done_on}
    )
    _set_quarter_report_due(audit)
    return audit


def _set_quarter_report_due(audit: Audit) -> None:
    quarter = Audit.objects.filter(plan_id=audit.plan_id, quarter=audit.quarter).exclude(
        status=rules.AuditStatus.CANCELLED
    )
    if quarter.filter(fieldwork_done_on__isnull=True).exists():
        return
    last_done = quarter.aggregate(last=Max("fieldwork_done_on"))["last"]
    quarter.filter(report_issued_at__isnull=True).update(report_due_at=month_after(last_done))


@transaction.atomic
def answers_record(
    *, audit: Audit, results: dict[int, tuple[str, str, str]], actor: AbstractUser, now: datetime
) -> int:
    """Many answers at once (a checklist filled offline, or taken over from a file): item id →
    (result, description, evidence). Only items without an answer yet; one event for the batch."""
    audit = lock_audit(audit)
    if audit.status != rules.AuditStatus.FIELDWORK:
        raise ValidationError(_("Answers are recorded while the audit is under way."))
    valid = set(audit.checklist.items.values_list("pk", flat=True))
    if set(results) - valid:
        raise ValidationError({"item": _("This item is not on the audit's checklist.")})
    if any(result not in rules.Result.values for result, _d, _e in results.values()):
        raise ValidationError({"result": _("Choose one of the listed results.")})
    taken = set(audit.answers.filter(item_id__in=results).values_list("item_id", flat=True))
    rows = [
        ChecklistAnswer(
            audit=audit,
            item_id=item_id,
            result=result,
            description=description,
            evidence=evidence,
            answered_by=actor,
            version=1,
        )
        for item_id, (result, description, evidence) in results.items()
        if item_id not in taken
    ]
    ChecklistAnswer.objects.bulk_create(rows)
    audit_event(audit, Kind.ANSWER_SAVED, actor=actor, now=now, after={"answers": len(rows)}, by="auditor")
    return len(rows)
