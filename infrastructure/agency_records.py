"""What the registry records about an agency beside its name and level: contacts, reorganisations and
information systems (施行細則 2021 Art 7 for core systems). Re-exported by ``infrastructure.models``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel


class AgencyContact(BaseModel):
    class Role(models.TextChoices):
        CISO = "ciso", _("Chief information security officer")  # 資通安全長
        SECURITY_OFFICER = "security_officer", _("Security officer")  # 資安聯絡人/專責人員
        INCIDENT_24H = "incident_24h", _("24-hour incident contact")

    agency = models.ForeignKey("infrastructure.Agency", on_delete=models.PROTECT, related_name="contacts")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    mobile = models.CharField(_("mobile"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["role", "-valid_from"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="contact_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def clean(self) -> None:
        """The range constraint, as an error on the field (admin form and API name ``valid_to``)."""
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A contact's validity cannot end before it starts.")})


class Reorganisation(BaseModel):
    """Renamed / merged / split / dissolved, so history survives (one row per predecessor → successor)."""

    class Kind(models.TextChoices):
        RENAMED = "renamed", _("Renamed")
        MERGED = "merged", _("Merged")
        SPLIT = "split", _("Split")
        DISSOLVED = "dissolved", _("Dissolved")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    agency = models.ForeignKey("infrastructure.Agency", on_delete=models.PROTECT, related_name="reorganisations")
    successor = models.ForeignKey(
        "infrastructure.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessor_reorganisations",
    )
    effective_on = models.DateField(_("effective on"))
    previous_name = models.CharField(_("previous name"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-effective_on"]
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()} {self.effective_on}"


class InformationSystem(BaseModel):
    """An information system (資通系統) of an agency; protection need per 分級辦法 附表九."""

    class ProtectionLevel(models.TextChoices):
        NORMAL = "normal", _("Normal")  # 普
        MEDIUM = "medium", _("Medium")  # 中
        HIGH = "high", _("High")  # 高

    agency = models.ForeignKey("infrastructure.Agency", on_delete=models.PROTECT, related_name="systems")
    name = models.CharField(_("name"), max_length=200)
    is_core = models.BooleanField(_("core system"), default=False)
    protection_level = models.CharField(
        _("protection level"), max_length=10, choices=ProtectionLevel.choices, default=ProtectionLevel.NORMAL
    )
    max_tolerable_downtime_hours = models.PositiveIntegerField(
        _("maximum tolerable downtime (hours)"), null=True, blank=True
    )
    is_outsourced = models.BooleanField(_("outsourced"), default=False)
    contract_amount = models.DecimalField(
        _("contract amount (NT$)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_core", "name"]
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="system_name_unique_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name
