"""The law as versioned data: rule sets and their required items (分級辦法 Art 11 附表一～八)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, RuleVersion
from infrastructure.models import ResponsibilityLevel


class RuleSet(RuleVersion):
    """One version of the required-items tables. Published and used → immutable; a change is a new version."""

    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    promulgated_on = models.DateField(
        _("promulgated on"),
        null=True,
        blank=True,
        help_text=_(
            "The 發布 date. A text in force from its promulgation (自發布日施行) takes effect on the third day "
            "counting the promulgation day (中央法規標準法 §13)."
        ),
    )
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["effective_from", "version"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="ruleset_name_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="ruleset_effective_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.get_status_display()})"

    def clean(self):
        super().clean()
        if self.promulgated_on and self.effective_from and self.effective_from < self.promulgated_on:
            raise ValidationError({"effective_from": _("A rule set cannot take effect before it is promulgated.")})


class AgencyScope(models.TextChoices):
    GOVERNMENT = "government", _("Government agencies")
    SNGA = "sngo", _("Specific non-government agencies")
    BOTH = "both", _("Government and specific non-government agencies")
    CI_PROVIDERS = "ci_only", _("Critical-infrastructure providers only")


class Dimension(models.TextChoices):
    MANAGEMENT = "management", _("Management")  # 管理面
    TECHNICAL = "technical", _("Technical")  # 技術面
    AWARENESS = "awareness", _("Awareness and training")  # 認知與訓練


class Marker(models.TextChoices):
    PRIMARY = "[P]", _("[P] primary text")
    SECONDARY = "[S]", _("[S] reliable secondary source")
    WEAK = "[W]", _("[W] weak, single informal source")
    UNVERIFIED = "[?]", _("[?] unverified")


class Condition(models.TextChoices):
    HAS_MAIL_SERVER = "has_mail_server", _("Has a mail server")
    HAS_EXTERNAL_CORE_SYSTEM = "has_external_core_system", _("Has an externally facing core system")
    HAS_CORE_SYSTEM = "has_core_system", _("Has a core information system")  # from the system inventory


class Requirement(BaseModel):
    """One required item for one level and agency kind: a frequency (count per period) or a one-off
    deadline counted from the level's approval (初次受核定或等級變更後之N年內)."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="requirements")
    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable across versions, e.g. tech-pentest."))
    level = models.CharField(_("level"), max_length=1, choices=ResponsibilityLevel.choices)
    agency_scope = models.CharField(
        _("applies to"), max_length=10, choices=AgencyScope.choices, default=AgencyScope.BOTH
    )
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)
    item_zh = models.CharField(_("item (Chinese)"), max_length=200)
    item_en = models.CharField(_("item (English)"), max_length=200)
    text_zh = models.TextField(_("requirement (Chinese)"), blank=True)
    text_en = models.TextField(_("requirement (English)"), blank=True)
    citation = models.CharField(_("citation"), max_length=300)
    marker = models.CharField(_("verification"), max_length=3, choices=Marker.choices)
    frequency_count = models.PositiveSmallIntegerField(_("times per period"), null=True, blank=True)
    frequency_years = models.PositiveSmallIntegerField(_("period (years)"), null=True, blank=True)
    deadline_years = models.PositiveSmallIntegerField(_("within years of level approval"), null=True, blank=True)
    per_core_system = models.BooleanField(_("per core system"), default=False)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    quantity = models.PositiveSmallIntegerField(_("quantity (persons, certificates, hours)"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["rule_set", "sort_order", "code", "level"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "code", "level", "agency_scope"], name="requirement_unique_per_ruleset"
            ),
            models.CheckConstraint(
                condition=(
                    Q(frequency_count__isnull=False, frequency_years__isnull=False, deadline_years__isnull=True)
                    | Q(frequency_count__isnull=True, frequency_years__isnull=True, deadline_years__isnull=False)
                ),
                name="requirement_frequency_or_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.level} ({self.agency_scope})"
