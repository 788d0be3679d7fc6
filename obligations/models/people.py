"""Training and staffing records feeding the awareness obligations (分級辦法 附表 認知與訓練)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from infrastructure.models import Agency


class StaffingRecord(BaseModel):
    """Dedicated security staff headcount (資通安全專責人員) of an agency for a year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="staffing_records")
    year = models.PositiveSmallIntegerField(_("year"))
    dedicated_headcount = models.PositiveSmallIntegerField(_("dedicated security staff"))
    full_time_headcount = models.PositiveSmallIntegerField(_("of which full-time"), default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("staffing record")
        verbose_name_plural = _("staffing records")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="staffing_one_per_year"),
            models.CheckConstraint(
                condition=Q(full_time_headcount__lte=models.F("dedicated_headcount")),
                name="staffing_full_time_within_headcount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.dedicated_headcount}"


class TrainingRecord(BaseModel):
    """Hours one person trained (professional 523 / general 522, e-learning category codes)."""

    class Category(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        GENERAL = "general", _("General awareness")

    class PersonRole(models.TextChoices):
        DEDICATED = "dedicated", _("Dedicated security staff")
        IT = "it", _("Other IT staff")
        GENERAL = "general", _("General user or manager")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_records")
    person_name = models.CharField(_("person"), max_length=100)
    person_role = models.CharField(_("role"), max_length=10, choices=PersonRole.choices)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    course = models.CharField(_("course"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    completed_on = models.DateField(_("completed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agency", "-completed_on"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")]
        indexes = [models.Index(fields=["agency", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.person_name} {self.hours} h"


class Certificate(BaseModel):
    """A professional or competency-assessment certificate held by a person (資通安全專業證照／職能評量證書)."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional certificate")
        COMPETENCY = "competency", _("Competency-assessment certificate")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="certificates")
    person_name = models.CharField(_("person"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("certificate"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agency", "person_name"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="certificate_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.name}"
