"""Versioned rule data: the incident clocks of each version of the regulation, and the alert lead times
operators tune at runtime (STYLE §7 decisions 3 and 6). Seeded by migration 0002; admin-editable."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from incidents.rules import ClockKind, RuleSetData


class IncidentRuleSet(BaseModel):
    """One version of 資通安全事件通報及應變辦法 as data; an incident uses the one in force on its aware-at day."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    # "自發布日施行": in force from the third day counting the day of promulgation (中央法規標準法 §13).
    effective_from = models.DateField(_("effective from"), unique=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    notify_hours = models.PositiveSmallIntegerField(_("notify within (hours of awareness)"), default=1)
    renotify_hours = models.PositiveSmallIntegerField(
        _("renewed notification within (hours of a level change)"), default=1
    )
    review_hours_minor = models.PositiveSmallIntegerField(_("review within, levels 1–2 (hours)"), default=8)
    review_hours_major = models.PositiveSmallIntegerField(_("review within, levels 3–4 (hours)"), default=2)
    forward_hours = models.PositiveSmallIntegerField(_("forward within (hours of the review)"), default=1)
    forward_levels_government = models.JSONField(_("levels forwarded individually (government)"), default=list)
    forward_levels_sngo = models.JSONField(_("levels forwarded individually (SNGA)"), default=list)
    recover_hours_minor = models.PositiveSmallIntegerField(_("recover within, levels 1–2 (hours)"), default=72)
    recover_hours_major = models.PositiveSmallIntegerField(_("recover within, levels 3–4 (hours)"), default=36)
    report_months = models.PositiveSmallIntegerField(_("investigation report within (months)"), default=1)
    citations = models.JSONField(_("legal basis per clock"), default=dict, blank=True)
    verification = models.TextField(_("verification notes ([P]/[S]/[W]/[?])"), blank=True)

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("incident rule set")
        verbose_name_plural = _("incident rule sets")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="incident_rule_set_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from})"

    def as_data(self) -> RuleSetData:
        return RuleSetData(
            code=self.code,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            notify_hours=self.notify_hours,
            renotify_hours=self.renotify_hours,
            review_hours_minor=self.review_hours_minor,
            review_hours_major=self.review_hours_major,
            forward_hours=self.forward_hours,
            forward_levels_government=tuple(self.forward_levels_government),
            forward_levels_sngo=tuple(self.forward_levels_sngo),
            recover_hours_minor=self.recover_hours_minor,
            recover_hours_major=self.recover_hours_major,
            report_months=self.report_months,
            citations=self.citations,
        )


class AlertLeadTime(BaseModel):
    """How long before a deadline the sweep warns (e.g. 15 minutes before notify/review, 6 hours before
    recovery). Operators edit these rows; no code change."""

    clock_kind = models.CharField(_("clock"), max_length=12, choices=ClockKind.choices, unique=True)
    lead_minutes = models.PositiveIntegerField(_("warn this many minutes before"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["clock_kind"]
        verbose_name = _("alert lead time")
        verbose_name_plural = _("alert lead times")

    def __str__(self) -> str:
        return f"{self.get_clock_kind_display()}: {self.lead_minutes} min"
