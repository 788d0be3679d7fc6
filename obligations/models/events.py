"""History of every obligations state change, and the reminder digests (one per person per day)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, EventRecord
from infrastructure.models import Agency


class ObligationEvent(EventRecord):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Obligations assigned")
        SUPERSEDED = "superseded", _("Obligations superseded")
        DUE_RECOMPUTED = "due_recomputed", _("Due date recomputed")
        WITHDRAWN = "withdrawn", _("Obligation withdrawn (does not apply)")
        ADHOC_ASSIGNED = "adhoc_assigned", _("Ad-hoc obligation assigned")
        EVIDENCE_SUBMITTED = "evidence_submitted", _("Evidence submitted")
        EVIDENCE_ACCEPTED = "evidence_accepted", _("Evidence accepted")
        EVIDENCE_RETURNED = "evidence_returned", _("Evidence returned")
        EXEMPTED = "exempted", _("Exempted")
        RULESET_CREATED = "ruleset_created", _("Rule set version created")
        RULESET_PUBLISHED = "ruleset_published", _("Rule set published")
        RULESET_RETIRED = "ruleset_retired", _("Rule set retired")
        FILING_SAVED = "filing_saved", _("Filing saved")
        FILING_SUBMITTED = "filing_submitted", _("Filing submitted")
        FILING_ACCEPTED = "filing_accepted", _("Filing accepted")
        FILING_RETURNED = "filing_returned", _("Filing returned")
        FILING_DEADLINE_SET = "filing_deadline_set", _("Filing due date set")
        STAFFING_RECORDED = "staffing_recorded", _("Staffing recorded")
        TRAINING_RECORDED = "training_recorded", _("Training recorded")
        CERTIFICATE_RECORDED = "certificate_recorded", _("Certificate recorded")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    obligation = models.ForeignKey(
        "obligations.Obligation", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    submission = models.ForeignKey(
        "obligations.EvidenceSubmission", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    filing = models.ForeignKey(
        "obligations.AnnualFiling", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    rule_set = models.ForeignKey(
        "obligations.RuleSet", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    channel = models.CharField(max_length=10, default="system")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("obligation event")
        verbose_name_plural = _("obligation events")
        indexes = [models.Index(fields=["agency", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


class ReminderDigest(BaseModel):
    """The one reminder e-mail a person gets on a day; the unique constraint makes re-runs send nothing."""

    email = models.EmailField(_("e-mail"))
    day = models.DateField(_("day"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10)
    reminder_count = models.PositiveIntegerField(default=0)
    escalation_count = models.PositiveIntegerField(default=0)
    items = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    run_token = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "email"]
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        constraints = [models.UniqueConstraint(fields=["email", "day"], name="reminder_digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.email} {self.day}"


class NotificationPreference(BaseModel):
    """The language a user wants obligation e-mails in (zh-Hant unless set)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10, default="zh-hant")

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class ReminderLeadTime(models.Model):
    """When reminders go out (days before a due date) and overdue items escalate (days after): data an
    administrator tunes, not schedule code (STYLE §7.6). Seeded with 30/7/1 before and 1/7/30 after."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before", _("Reminder before the due date")
        AFTER_DUE = "after", _("Escalation after the due date")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta:
        ordering = ["kind", "-days"]
        verbose_name = _("reminder lead time")
        verbose_name_plural = _("reminder lead times")
        constraints = [models.UniqueConstraint(fields=["kind", "days"], name="unique_reminder_lead_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days}"
