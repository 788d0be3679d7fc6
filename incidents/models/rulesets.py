"""Versioned rule data: the incident clocks of each version of the regulation, and the alert lead times
operators tune at runtime (STYLE §7 decisions 3 and 6). Seeded by migration 0002; a published version is
immutable and a change is a new version (incidents.services.rulesets, docs/legal-decisions.md)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, EventRecord, RuleVersion
from incidents.rules import ClockKind, RuleSetData

IMMUTABLE_ONCE_PUBLISHED = _("A published or retired incident rule set cannot be changed; create a new version.")
ONLY_DRAFTS_DELETED = _("Only a draft incident rule set can be deleted.")
TAKES_EFFECT_BEFORE_PROMULGATION = _("A rule set cannot take effect before it is promulgated.")


class IncidentRuleSetQuerySet(models.QuerySet):
    def in_force(self):
        """The versions lookups may choose: published and retired (a retired version still governs the past
        days it covers); never a draft."""
        return self.filter(status__in=IncidentRuleSet.LAW_STATUSES)

    def delete(self):
        if self.exclude(status=IncidentRuleSet.Status.DRAFT).exists():
            raise ValidationError(ONLY_DRAFTS_DELETED)
        return super().delete()


class IncidentRuleSet(RuleVersion):
    """One version of 資通安全事件通報及應變辦法 as data; an incident uses the one in force on its aware-at day.

    Draft → published → retired. Once published only the lifecycle fields change (the successor's
    publication ends ``effective_to``; retiring sets ``status``) and the administrator's verification notes;
    every field that decides a deadline or a citation is frozen, so no past incident's law changes."""

    LAW_STATUSES = (RuleVersion.Status.PUBLISHED, RuleVersion.Status.RETIRED)  # what lookups may choose
    MUTABLE_ONCE_PUBLISHED = frozenset({"status", "effective_to", "verification", "updated_at"})

    objects = IncidentRuleSetQuerySet.as_manager()

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    # "自發布日施行": in force from the third day counting the day of promulgation (中央法規標準法 §13).
    effective_from = models.DateField(_("effective from"))
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
            models.UniqueConstraint(fields=["name", "version"], name="incident_rule_set_name_version_unique"),
            # Two versions that are law never start on the same day (overlaps are refused by the publish service).
            models.UniqueConstraint(
                fields=["effective_from"],
                condition=Q(status__in=["published", "retired"]),
                name="incident_rule_set_one_start_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.effective_from})"

    def clean(self):
        super().clean()
        if self.promulgated_on and self.effective_from and self.effective_from < self.promulgated_on:
            raise ValidationError({"effective_from": TAKES_EFFECT_BEFORE_PROMULGATION})

    def save(self, *args, **kwargs):
        """Refuse any change of a published or retired version's legal fields (whatever the caller)."""
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None and stored.status != self.Status.DRAFT:
                changed = {
                    field.attname
                    for field in self._meta.concrete_fields
                    if getattr(stored, field.attname) != getattr(self, field.attname)
                }
                if changed - self.MUTABLE_ONCE_PUBLISHED or self.status == self.Status.DRAFT:
                    raise ValidationError(IMMUTABLE_ONCE_PUBLISHED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != self.Status.DRAFT:
            raise ValidationError(ONLY_DRAFTS_DELETED)
        return super().delete(*args, **kwargs)

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


class IncidentRuleSetEvent(EventRecord):
    """Every lifecycle change of an incident rule set (written by incidents.services.rulesets through
    common.events). IncidentEvent needs an incident and ObligationEvent points at obligations' rule sets, so
    rule-set history has its own rows. The rule set link carries no database constraint, so the history of a
    deleted draft stays (its code is kept in ``rule_set_code``)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Draft version created")
        UPDATED = "updated", _("Changed")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")
        DELETED = "deleted", _("Draft deleted")

    rule_set = models.ForeignKey(
        IncidentRuleSet,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="events",
    )
    rule_set_code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    channel = models.CharField(max_length=10, default="admin")  # changed in the admin

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("incident rule set event")
        verbose_name_plural = _("incident rule set events")

    def __str__(self) -> str:
        return f"{self.rule_set_code} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


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
