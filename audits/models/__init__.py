from django.db import models
from guardian.models import UserObjectPermissionBase

from audits.models.calendar import CalendarFeed
from audits.models.checklist import ChecklistItem, ChecklistTemplate
from audits.models.events import AuditEvent, AuditReminder
from audits.models.findings import ChecklistAnswer, Finding, ImprovementMeasure, ImprovementReport, ProgressReport
from audits.models.plans import Audit, AuditPlan, Employment, RescheduleRequest, TeamMember


class AuditUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian table: the per-audit grants of team members (granted only in access/grants.py)."""

    content_object = models.ForeignKey(Audit, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        pass


__all__ = [
    "Audit",
    "AuditEvent",
    "AuditReminder",
    "AuditPlan",
    "AuditUserObjectPermission",
    "CalendarFeed",
    "ChecklistAnswer",
    "ChecklistItem",
    "ChecklistTemplate",
    "Employment",
    "Finding",
    "ImprovementMeasure",
    "ImprovementReport",
    "ProgressReport",
    "RescheduleRequest",
    "TeamMember",
]
