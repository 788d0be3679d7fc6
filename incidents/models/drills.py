"""Drills (演練, 通報及應變辦法 2021 Art 8), tracked like obligations: one row per agency, kind and period."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, EventRecord
from incidents.rules import DrillKind


class Drill(BaseModel):
    agency = models.ForeignKey("infrastructure.Agency", on_delete=models.PROTECT, related_name="drills")
    kind = models.CharField(_("kind"), max_length=20, choices=DrillKind.choices)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("run by"))
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)
    results_due_at = models.DateTimeField(_("results due at"), null=True, blank=True)
    results_submitted_at = models.DateTimeField(_("results submitted at"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    summary = models.TextField(_("results"), blank=True)

    class Meta:
        ordering = ["ends_on", "agency_id", "kind"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "starts_on"], name="one_drill_per_period"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="drill_period_range"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.kind} {self.starts_on}"


class DrillEvent(EventRecord):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        CONDUCTED = "conducted", _("Conducted")
        RESULTS_SUBMITTED = "results_submitted", _("Results submitted")

    drill = models.ForeignKey(Drill, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("drill event")
        verbose_name_plural = _("drill events")
