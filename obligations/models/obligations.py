"""Obligation occurrences per agency and year, ad-hoc assignments, evidence and its review."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from infrastructure.models import Agency, InformationSystem, LevelDecision, ResponsibilityLevel
from obligations.models.rulesets import Requirement, RuleSet
from obligations.rules.workflow import EvidenceReview, ObligationStatus


class AdHocAssignment(BaseModel):
    """A regulator's own obligation for one agency or a filtered set ("all level B hospitals …")."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    due_on = models.DateField(_("due on (as set)"))
    filters = models.JSONField(_("filters"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ad-hoc assignment")
        verbose_name_plural = _("ad-hoc assignments")

    def __str__(self) -> str:
        return self.title


class AgencyFacts(BaseModel):
    """Facts the requirement conditions need (unknown → the requirement applies)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="obligation_facts")
    has_mail_server = models.BooleanField(_("has a mail server"), default=True)
    has_external_core_system = models.BooleanField(_("has an externally facing core system"), default=True)

    class Meta:
        verbose_name = _("agency facts")
        verbose_name_plural = _("agency facts")

    def __str__(self) -> str:
        return str(self.agency_id)


class Obligation(BaseModel):
    """One occurrence an agency owes, with its concrete due date and the rule it came from."""

    Status = ObligationStatus  # the one vocabulary: obligations/rules/workflow.py

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="obligations")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=1, choices=ResponsibilityLevel.choices, blank=True)
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    rule_set = models.ForeignKey(RuleSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level_decision = models.ForeignKey(
        LevelDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    adhoc = models.ForeignKey(
        AdHocAssignment, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    core_system = models.ForeignKey(
        InformationSystem, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    sequence = models.PositiveSmallIntegerField(_("occurrence"), default=1)
    assignment_key = models.CharField(max_length=80, unique=True, editable=False)
    period_start = models.DateField(_("counted from"))
    due_on = models.DateField(_("due on"))
    due_at = models.DateTimeField(_("due at"))
    nominal_due_on = models.DateField(_("nominal end (before the rest-day rule)"))
    due_rule = models.CharField(_("due-date rule"), max_length=200)
    due_citation = models.CharField(_("due-date article"), max_length=400)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    exempt_basis = models.CharField(_("legal basis of the exemption"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        permissions = [
            ("review_obligation", "Can review evidence and exempt obligations of any agency"),
            ("assign_adhoc_obligation", "Can assign ad-hoc obligations to any agency"),
            ("set_filing_deadline", "Can set annual-filing due dates of any receiving authority"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["agency", "year"]),
            models.Index(fields=["year", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(requirement__isnull=False) | Q(adhoc__isnull=False),
                name="obligation_from_requirement_or_adhoc",
            ),
            models.CheckConstraint(
                condition=~Q(status=ObligationStatus.EXEMPT) | ~Q(exempt_basis=""), name="obligation_exempt_has_basis"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.assignment_key}"


class EvidenceSubmission(BaseModel):
    """What an agency hands in for one obligation; reviewed as a whole (accept / return with a reason)."""

    Review = EvidenceReview  # obligations/rules/workflow.py

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission"), default=1)
    statement = models.TextField(_("statement"), blank=True)
    performed_on = models.DateField(_("performed on (e.g. scan date)"), null=True, blank=True)
    valid_until = models.DateField(_("valid until (e.g. certificate)"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    on_behalf_of = models.BooleanField(_("filed by a superior agency"), default=False)
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default=Review.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["obligation", "-number"]
        verbose_name = _("evidence submission")
        verbose_name_plural = _("evidence submissions")
        constraints = [
            models.UniqueConstraint(fields=["obligation", "number"], name="submission_number_unique"),
            models.CheckConstraint(
                condition=~Q(review=EvidenceReview.RETURNED) | ~Q(review_reason=""), name="submission_return_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["review", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.obligation_id} #{self.number}"


class EvidenceFile(BaseModel):
    """A file stored under MEDIA_ROOT (outside the web root); served only by the download view."""

    submission = models.ForeignKey(EvidenceSubmission, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to="obligations/evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name
