"""Annual audit plans of an auditing authority and the audits in them (稽核辦法 Arts 3–7)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audits.models.checklist import ChecklistTemplate
from audits.rules import AuditStatus
from common.models import BaseModel
from infrastructure.models import Agency


class AuditPlan(BaseModel):
    """Art 3 III: basis and purpose, period, focus areas, team composition, confidentiality, method,
    criteria and items, and the help asked of sector regulators."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    authority = models.ForeignKey(
        Agency, verbose_name=_("auditing authority"), on_delete=models.PROTECT, related_name="audit_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("basis and purpose"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    focus_areas = models.TextField(_("focus areas"))
    on_site = models.BooleanField(_("on-site audit"), default=True)
    document_review = models.BooleanField(_("document review"), default=True)
    technical_testing = models.BooleanField(_("technical testing"), default=False)
    criteria = models.TextField(_("criteria and items"))
    team_composition = models.TextField(_("team composition"), blank=True)
    confidentiality_terms = models.TextField(_("confidentiality terms"))
    regulator_assistance = models.TextField(_("help asked of sector regulators"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "authority__name"]
        verbose_name = _("audit plan")
        verbose_name_plural = _("audit plans")
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="audit_plan_per_authority_year")]

    def __str__(self) -> str:
        return self.title


class Audit(BaseModel):
    plan = models.ForeignKey(AuditPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="audits")
    auditee = models.ForeignKey(Agency, verbose_name=_("auditee"), on_delete=models.PROTECT, related_name="audits")
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    starts_on = models.DateField(_("audit date"))
    ends_on = models.DateField(_("last audit day"))
    place = models.CharField(_("place"), max_length=300)
    checklist = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="audits"
    )
    status = models.CharField(_("status"), max_length=24, choices=AuditStatus.choices, default=AuditStatus.PLANNED)
    selection_reason = models.TextField(_("why this agency"), blank=True)
    risk_score = models.PositiveSmallIntegerField(_("risk score"), null=True, blank=True)
    risk_parts = models.JSONField(_("risk score parts"), default=list, blank=True)
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    notice_received_on = models.DateField(_("notice received on"), null=True, blank=True)
    reschedule_due_at = models.DateTimeField(_("new date may be asked until"), null=True, blank=True)
    fieldwork_done_on = models.DateField(_("fieldwork completed on"), null=True, blank=True)
    report_due_at = models.DateTimeField(_("audit report due"), null=True, blank=True)
    report_issued_at = models.DateTimeField(_("audit report issued at"), null=True, blank=True)
    improvement_due_at = models.DateTimeField(_("improvement report due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    scope = models.TextField(_("scope of the audit"), blank=True)
    refusals = models.TextField(_("documents refused, reasons and decision"), blank=True)
    report_notes = models.TextField(_("other findings of the report"), blank=True)

    class Meta:
        ordering = ["starts_on", "auditee__name"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        permissions = [
            ("conduct_audit", _("Conduct this audit (team member)")),
            ("manage_audits", _("Plan and manage audits of any agency")),
            ("view_all_audits", _("See every audit")),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="audit_quarter_1_4"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="audit_dates_order"),
        ]
        indexes = [models.Index(fields=["status", "report_due_at"]), models.Index(fields=["auditee", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.auditee} {self.starts_on}"


class TeamMember(BaseModel):
    """Art 6: members, government representatives, signed undertakings (conflict of interest, secrecy)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead auditor")
        MEMBER = "member", _("Member")

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_government_representative = models.BooleanField(_("government representative"))
    organisation = models.CharField(_("organisation"), max_length=200)
    conflict_declared_at = models.DateTimeField(_("conflict-of-interest declaration signed"), null=True, blank=True)
    secrecy_declared_at = models.DateTimeField(_("confidentiality declaration signed"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        ordering = ["audit", "role", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "user"], condition=models.Q(removed_at__isnull=True), name="team_member_once"
            )
        ]


class Employment(BaseModel):
    """Where an auditor works or worked: the basis of csma's conflict warnings (Art 6 IV(2))."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employments")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")


class RescheduleRequest(BaseModel):
    """Art 4 II–III: the auditee's one request for another date, within five days of the notice."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="reschedule_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    proposed_starts_on = models.DateField(_("proposed date"))
    proposed_ends_on = models.DateField(_("proposed last day"))
    reasons = models.TextField(_("reasons"))
    force_majeure = models.BooleanField(_("force majeure"), default=False)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("request for a new date")
        verbose_name_plural = _("requests for a new date")
