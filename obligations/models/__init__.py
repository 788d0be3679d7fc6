from obligations.models.events import NotificationPreference, ObligationEvent, ReminderDigest, ReminderLeadTime
from obligations.models.filings import AnnualFiling, FilingDeadline, FilingKind, FilingSection
from obligations.models.obligations import AdHocAssignment, AgencyFacts, EvidenceFile, EvidenceSubmission, Obligation
from obligations.models.people import Certificate, StaffingRecord, TrainingRecord
from obligations.models.rulesets import AgencyScope, Condition, Dimension, Marker, Requirement, RuleSet

__all__ = [
    "AdHocAssignment",
    "AgencyFacts",
    "AgencyScope",
    "AnnualFiling",
    "Certificate",
    "Condition",
    "Dimension",
    "EvidenceFile",
    "EvidenceSubmission",
    "FilingDeadline",
    "FilingKind",
    "FilingSection",
    "Marker",
    "NotificationPreference",
    "Obligation",
    "ObligationEvent",
    "ReminderDigest",
    "ReminderLeadTime",
    "Requirement",
    "RuleSet",
    "StaffingRecord",
    "TrainingRecord",
]
