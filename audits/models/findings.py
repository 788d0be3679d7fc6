"""Checklist answers, findings, the improvement report and its progress (稽核辦法 Arts 7–8; 施行細則 Art 3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models.checklist import ChecklistItem
from audits.models.plans import Audit
from audits.rules import FindingKind, FindingStatus, Result, Severity
from common.models import BaseModel


class ChecklistAnswer(BaseModel):
    """One item of one audit: the auditee's self-assessment and the auditors' answer. ``version`` guards
    against two people overwriting each other (saved drafts carry the version they started from)."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    self_result = models.CharField(_("self-assessment"), max_length=16, choices=Result.choices, blank=True)
    self_note = models.TextField(_("self-assessment notes"), blank=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    evidence = models.TextField(_("evidence seen"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["audit", "item__position"]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [models.UniqueConstraint(fields=["audit", "item"], name="answer_per_audit_item")]


class Finding(BaseModel):
    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="findings")
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("checklist item"), null=True, blank=True, on_delete=models.PROTECT
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    description = models.TextField(_("finding"))
    status = models.CharField(_("status"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closing_note = models.TextField(_("verification"), blank=True)

    class Meta:
        ordering = ["audit", "number"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [models.UniqueConstraint(fields=["audit", "number"], name="finding_number_unique")]
        indexes = [models.Index(fields=["status", "audit"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.description[:40]}"


class ImprovementReport(BaseModel):
    """Art 8 I: due one month after the audit report is delivered; per finding the four contents of
    施行細則 Art 3 (finding, cause, measures, planned completion and tracking)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        EXPLANATION_REQUESTED = "explanation_requested", _("Explanation requested")
        ACCEPTED = "accepted", _("Accepted")

    audit = models.OneToOneField(Audit, on_delete=models.PROTECT, related_name="improvement")
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer_note = models.TextField(_("reviewer's request or note"), blank=True)

    class Meta:
        verbose_name = _("improvement report")
        verbose_name_plural = _("improvement reports")


class ImprovementMeasure(BaseModel):
    report = models.ForeignKey(ImprovementReport, on_delete=models.PROTECT, related_name="measures")
    finding = models.OneToOneField(Finding, on_delete=models.PROTECT, related_name="measure")
    cause = models.TextField(_("cause"))
    measures = models.TextField(_("measures (management, technical, staff or resources)"))
    planned_completion = models.DateField(_("planned completion"))
    tracking_method = models.TextField(_("how progress is tracked"))

    class Meta:
        ordering = ["finding__number"]
        verbose_name = _("improvement measure")
        verbose_name_plural = _("improvement measures")


class ProgressReport(BaseModel):
    """Art 8 II: the implementation status of the improvement report, until each finding is closed."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="progress")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("reported at"))
    percent_done = models.PositiveSmallIntegerField(_("percent done"))
    text = models.TextField(_("progress"))

    class Meta:
        ordering = ["finding", "-reported_at"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [models.CheckConstraint(condition=models.Q(percent_done__lte=100), name="progress_percent")]
