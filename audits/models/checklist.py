"""Audit checklists as versioned data: a template per version, items with their applicability notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audits.rules import Applicability
from common.models import BaseModel


class ChecklistTemplate(BaseModel):
    """One version of an official checklist. Published → immutable; a change is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    class Audience(models.TextChoices):
        GOVERNMENT = "government", _("Government agencies")
        SNGA = "sngo", _("Specific non-government agencies")

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    audience = models.CharField(_("for"), max_length=12, choices=Audience.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from", "-version"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="checklist_name_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="checklist_effective_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class ChecklistItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    section = models.CharField(_("section"), max_length=120)
    item_no = models.CharField(_("item"), max_length=10)
    text = models.TextField(_("check item"))
    applicability = models.CharField(
        _("applies to"), max_length=20, choices=Applicability.choices, default=Applicability.ALL
    )

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["template", "item_no"], name="checklist_item_unique")]

    def __str__(self) -> str:
        return f"{self.item_no} {self.text[:40]}"
