"""Every obligations write. Split by sub-domain; names re-exported here."""

from obligations.services.adhoc import obligation_assign_adhoc
from obligations.services.assignment import (
    AssignmentResult,
    assign_on_level_approved,
    obligation_assign_year,
    obligations_on_level_approved,
)
from obligations.services.evidence import evidence_check_files, evidence_review, evidence_submit, obligation_exempt
from obligations.services.filings import filing_deadline_set, filing_due_on, filing_review, filing_save, filing_submit
from obligations.services.people import certificate_add, staffing_record, training_record_add
from obligations.services.reminders import (
    ReminderResult,
    obligation_deliver_reminders,
    obligation_queue_reminders,
    obligation_send_reminders,
)
from obligations.services.rulesets import requirement_save, ruleset_new_version, ruleset_publish, ruleset_retire

__all__ = [
    "AssignmentResult",
    "ReminderResult",
    "assign_on_level_approved",
    "certificate_add",
    "evidence_check_files",
    "evidence_review",
    "evidence_submit",
    "filing_deadline_set",
    "filing_due_on",
    "filing_review",
    "filing_save",
    "filing_submit",
    "obligation_assign_adhoc",
    "obligation_assign_year",
    "obligation_exempt",
    "obligation_send_reminders",
    "obligation_queue_reminders",
    "obligation_deliver_reminders",
    "obligations_on_level_approved",
    "requirement_save",
    "ruleset_new_version",
    "ruleset_publish",
    "ruleset_retire",
    "staffing_record",
    "training_record_add",
]
