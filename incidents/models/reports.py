"""Attachments, the investigation, handling and improvement report (施行細則 2021 Art 8) and the
improvement measures tracked to completion."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from incidents.models.incident import Incident


class IncidentAttachment(BaseModel):
    """Stored under MEDIA_ROOT (outside the web root); served only by a permission-checked view."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="incidents/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class InvestigationReport(BaseModel):
    """One submission of the report; an explanation request asks for a new submission (a loop)."""

    class Decision(models.TextChoices):
        PENDING = "", _("Awaiting decision")
        ACCEPTED = "accepted", _("Accepted")
        EXPLANATION_REQUESTED = "explanation", _("Explanation requested")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reports")
    sequence = models.PositiveSmallIntegerField(_("submission"))
    # 施行細則 Art 8 (1)–(7)
    timeline = models.TextField(_("times of occurrence/awareness and of completing damage control or recovery"))
    impact = models.TextField(_("scope of impact and damage assessment"))
    recovery_course = models.TextField(_("course of damage control and recovery"))
    investigation_course = models.TextField(_("course of investigation and handling"))
    root_cause = models.TextField(_("root-cause analysis"))
    prevention = models.TextField(_("management, technical, manpower or resource measures against recurrence"))
    schedule = models.TextField(_("planned completion dates and effectiveness tracking of those measures"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["incident", "sequence"]
        verbose_name = _("investigation report")
        verbose_name_plural = _("investigation reports")
        constraints = [models.UniqueConstraint(fields=["incident", "sequence"], name="report_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.incident_id} #{self.sequence}"


class ImprovementMeasure(BaseModel):
    class Category(models.TextChoices):
        MANAGEMENT = "management", _("Management")
        TECHNICAL = "technical", _("Technical")
        MANPOWER = "manpower", _("Manpower")
        RESOURCES = "resources", _("Resources")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="measures")
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    description = models.TextField(_("measure"))
    owner = models.CharField(_("owner"), max_length=120)
    due_on = models.DateField(_("due on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_note = models.TextField(_("how it was completed"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("improvement measure")
        verbose_name_plural = _("improvement measures")

    def __str__(self) -> str:
        return self.description[:60]
