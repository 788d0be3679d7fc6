"""Every write of the audits app. Each takes ``now`` and the acting user and writes its AuditEvent."""

from audits.services.closing import (
    MeasureInput,
    audit_close,
    finding_close,
    improvement_decide,
    improvement_save,
    improvement_submit,
    progress_report,
    report_issue,
)
from audits.services.fieldwork import (
    answer_save,
    answers_record,
    fieldwork_complete,
    fieldwork_start,
    finding_record,
    self_assessment_save,
)
from audits.services.plans import plan_approve, plan_create, plan_update
from audits.services.scheduling import (
    audit_cancel,
    audit_notice_acknowledge,
    audit_notice_send,
    audit_schedule,
    reschedule_decide,
    reschedule_request,
)
from audits.services.team import MemberAdded, conflict_warnings, declaration_sign, member_add, member_remove

__all__ = [
    "MeasureInput",
    "MemberAdded",
    "answer_save",
    "answers_record",
    "audit_cancel",
    "audit_close",
    "audit_notice_acknowledge",
    "audit_notice_send",
    "audit_schedule",
    "conflict_warnings",
    "declaration_sign",
    "fieldwork_complete",
    "fieldwork_start",
    "finding_close",
    "finding_record",
    "improvement_decide",
    "improvement_save",
    "improvement_submit",
    "member_add",
    "member_remove",
    "plan_approve",
    "plan_create",
    "plan_update",
    "progress_report",
    "report_issue",
    "reschedule_decide",
    "reschedule_request",
    "self_assessment_save",
]
