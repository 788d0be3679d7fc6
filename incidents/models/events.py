"""Append-only history and alerts (their notifications go through the common outbox, common/outbox.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, EventRecord
from incidents.models.incident import Incident
from incidents.rules import ClockKind


class IncidentEvent(EventRecord):
    """Every state change of an incident, written by the service in the same transaction."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Draft saved")
        REPORTED = "reported", _("Reported")
        RENOTIFIED = "renotified", _("Notification updated")
        REVIEW_STARTED = "review_started", _("Review started")
        LEVEL_CONFIRMED = "level_confirmed", _("Level confirmed")
        LEVEL_CHANGED = "level_changed", _("Level changed")
        FORWARDED = "forwarded", _("Forwarded to the competent authority")
        CONTAINING = "containing", _("Damage control under way")
        RECOVERED = "recovered", _("Recovered")
        REPORT_SUBMITTED = "report_submitted", _("Investigation report submitted")
        REPORT_ACCEPTED = "report_accepted", _("Investigation report accepted")
        EXPLANATION_REQUESTED = "explanation_requested", _("Explanation requested")
        REPORT_EXTENDED = "report_extended", _("Report deadline extended")
        REPORT_FORWARDED = "report_forwarded", _("Investigation report sent on to the competent authority")
        CLOSED = "closed", _("Closed")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        MEASURE_ADDED = "measure_added", _("Improvement measure added")
        MEASURE_COMPLETED = "measure_completed", _("Improvement measure completed")
        ALERTED = "alerted", _("Alert sent")
        CLOCKS_RECOMPUTED = "clocks_recomputed", _("Deadlines recomputed (legal correction)")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # The incident's status before and after the change (IncidentStatus): its own columns, beside the generic
    # before/after, because the timeline, the API and the sweep read them as plain values.
    status_before = models.CharField(max_length=24, blank=True)
    status_after = models.CharField(max_length=24, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("incident event")
        verbose_name_plural = _("incident events")
        indexes = [models.Index(fields=["incident", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


class IncidentAlert(BaseModel):
    """A warning before a deadline, an escalation after it, or the immediate alert of a major incident.
    Unique per (incident, clock, kind, deadline): a sweep that runs twice or late sends nothing twice;
    a recomputed deadline (level change) may be warned about again."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Deadline approaching")
        ESCALATION = "escalation", _("Deadline missed: escalated to the competent authority")
        MAJOR = "major", _("Major incident: competent authority alerted")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="alerts")
    clock_kind = models.CharField(max_length=12, choices=ClockKind.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    due_at = models.DateTimeField()
    notification = models.ForeignKey(
        "common.OutboundNotification", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("incident alert")
        verbose_name_plural = _("incident alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "clock_kind", "kind", "due_at"], name="one_alert_per_clock_kind_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.clock_kind} {self.kind}"
