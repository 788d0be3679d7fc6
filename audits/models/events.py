"""History of every audit state change, written only by services in the same transaction."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import EventRecord
from infrastructure.models import Agency


class AuditEvent(EventRecord):
    class Kind(models.TextChoices):
        PLAN_CREATED = "plan_created", _("Audit plan created")
        PLAN_UPDATED = "plan_updated", _("Audit plan changed")
        PLAN_APPROVED = "plan_approved", _("Audit plan approved")
        SCHEDULED = "scheduled", _("Audit scheduled")
        TARGET_OVERRIDDEN = "target_overridden", _("Agency chosen against the suggestion")
        MEMBER_ADDED = "member_added", _("Team member added")
        MEMBER_REMOVED = "member_removed", _("Team member removed")
        DECLARATION_SIGNED = "declaration_signed", _("Declaration signed")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        NOTICE_RECEIVED = "notice_received", _("Notice received")
        RESCHEDULE_REQUESTED = "reschedule_requested", _("New date requested")
        RESCHEDULE_DECIDED = "reschedule_decided", _("Request for a new date decided")
        FIELDWORK_STARTED = "fieldwork_started", _("Audit started")
        FIELDWORK_COMPLETED = "fieldwork_completed", _("On-site work completed")
        ANSWER_SAVED = "answer_saved", _("Checklist answer saved")
        FINDING_RECORDED = "finding_recorded", _("Finding recorded")
        REPORT_ISSUED = "report_issued", _("Audit report issued")
        IMPROVEMENT_SAVED = "improvement_saved", _("Improvement report saved")
        IMPROVEMENT_SUBMITTED = "improvement_submitted", _("Improvement report submitted")
        EXPLANATION_REQUESTED = "explanation_requested", _("Explanation requested")
        IMPROVEMENT_ACCEPTED = "improvement_accepted", _("Improvement report accepted")
        PROGRESS_REPORTED = "progress_reported", _("Progress reported")
        FINDING_CLOSED = "finding_closed", _("Finding closed")
        CLOSED = "closed", _("Audit closed")
        CANCELLED = "cancelled", _("Audit cancelled")
        FEED_CREATED = "feed_created", _("Calendar feed created")
        FEED_REVOKED = "feed_revoked", _("Calendar feed revoked")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    plan = models.ForeignKey("audits.AuditPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    audit = models.ForeignKey("audits.Audit", null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    finding = models.ForeignKey(
        "audits.Finding", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["audit", "-occurred_at"]), models.Index(fields=["agency", "-occurred_at"])]


class AuditReminder(models.Model):
    """A reminder before, or an escalation after, one audit deadline: unique, so the daily job never
    sends the same one twice, and a moved deadline (a new date) is reminded of again."""

    audit = models.ForeignKey("audits.Audit", on_delete=models.CASCADE, related_name="reminders")
    deadline = models.CharField(max_length=30)
    due_at = models.DateTimeField()
    days_before = models.SmallIntegerField()  # negative: an escalation after the deadline
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audit", "deadline", "due_at", "days_before"], name="audit_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.audit_id} {self.deadline} {self.days_before}"
