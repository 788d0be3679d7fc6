"""Annual filings: the security maintenance plan (資通安全維護計畫, 13 sections, 施行細則 Art 6 ¶1) and the
implementation report (實施情形, results per section, Art 6 ¶2); delegated filing per Art 6 ¶3."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from infrastructure.models import Agency
from obligations.rules.workflow import FilingStatus


class FilingKind(models.TextChoices):
    PLAN = "plan", _("Security maintenance plan")
    REPORT = "report", _("Implementation report")


class FilingDeadline(BaseModel):
    """When a receiving authority wants filings: month/day of the year after the reported year (or of the
    plan year). No row → the default, end of March (行政院資通安全處 2020-02-24 letter) [S]."""

    authority = models.ForeignKey(
        Agency, verbose_name=_("receiving authority"), on_delete=models.CASCADE, related_name="filing_deadlines"
    )
    kind = models.CharField(_("filing"), max_length=10, choices=FilingKind.choices)
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("filing due date")
        verbose_name_plural = _("filing due dates")
        constraints = [
            models.UniqueConstraint(fields=["authority", "kind"], name="filing_deadline_unique"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31), name="filing_deadline_valid_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority_id} {self.kind} {self.month}/{self.day}"


class AnnualFiling(BaseModel):
    """One version of a plan or report for one agency and year; a returned filing is revised as a new version."""

    Status = FilingStatus  # the one vocabulary: obligations/rules/workflow.py

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="annual_filings")
    kind = models.CharField(_("filing"), max_length=10, choices=FilingKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    receiving_authority = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="received_filings"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_on_behalf = models.BooleanField(_("filed by the superior agency (施行細則 Art 6 ¶3)"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["agency", "-year", "kind", "-version"]
        verbose_name = _("annual filing")
        verbose_name_plural = _("annual filings")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year", "version"], name="filing_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind} {self.year} v{self.version}"


class FilingSection(BaseModel):
    """One of the 13 sections: the plan's content, or the report's result and explanation."""

    filing = models.ForeignKey(AnnualFiling, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("section"))
    content = models.TextField(_("content"), blank=True)
    result = models.TextField(_("result and explanation"), blank=True)

    class Meta:
        ordering = ["filing", "number"]
        constraints = [models.UniqueConstraint(fields=["filing", "number"], name="filing_section_unique")]

    def __str__(self) -> str:
        return f"{self.filing_id} §{self.number}"
