"""Generated reports: stored bytes, their SHA-256 and the frozen snapshot they were rendered from; the
batches that export every sector of a year; and the append-only history of all of it (ReportEvent)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel, EventRecord


class ReportKind(models.TextChoices):
    SECTOR = "sector", _("Annual sector compliance summary")
    SUBTREE = "subtree", _("Superior agency's subtree report")
    NATIONAL = "national", _("National overview")
    SCORECARD = "scorecard", _("Agency compliance scorecard")
    INCIDENT = "incident", _("Incident report")


class ReportLanguage(models.TextChoices):
    ZH_HANT = "zh-hant", _("Traditional Chinese")
    EN = "en", _("English")


class GeneratedReport(BaseModel):
    """One version of one report. A draft holds the issuing authority's observations and can be previewed;
    issuing renders, numbers and stores it, after which it never changes (a correction is a new version)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    subject_key = models.CharField(_("subject"), max_length=60, editable=False)  # "sector:energy", "agency:12", …
    subject = models.CharField(_("subject"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=ReportLanguage.choices, default=ReportLanguage.ZH_HANT
    )
    sector = models.ForeignKey(
        "infrastructure.Sector", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "infrastructure.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    observations = models.TextField(_("observations"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    agency_notes = models.JSONField(_("notes on individual agencies"), default=list, blank=True)
    number = models.CharField(_("report number"), max_length=60, null=True, blank=True, unique=True)
    snapshot = models.JSONField(_("frozen data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    channel = models.CharField(max_length=10, default="web")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        permissions = [("view_all_reports", "Can generate and see every report (competent authority)")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key", "year", "language", "version"], name="report_version_unique"
            ),
            models.UniqueConstraint(
                fields=["subject_key", "year", "language"], condition=Q(status="draft"), name="report_one_open_draft"
            ),
            models.CheckConstraint(condition=Q(status="draft") | ~Q(sha256=""), name="report_issued_has_hash"),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(correction_reason=""), name="report_correction_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["kind", "year"]), models.Index(fields=["subject_key", "year", "language"])]

    def __str__(self) -> str:
        return self.number or f"{self.subject} ({self.get_status_display()})"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def filename(self) -> str:
        stem = self.number or f"draft-{self.pk}"
        return f"{stem}.pdf"


class ReportBatch(BaseModel):
    """ "Export every sector of a year": one task per sector, a zip when all have finished."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        PARTIAL = "partial", _("Finished with failures")

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=8, choices=ReportLanguage.choices)
    scope_key = models.CharField(max_length=200, editable=False)  # "all" or the sorted sector codes
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.RUNNING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    zip_file = models.FileField(upload_to="reports/batches/%Y/", blank=True)
    zip_sha256 = models.CharField(max_length=64, blank=True)
    zip_size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("report batch")
        verbose_name_plural = _("report batches")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "language", "scope_key"], condition=Q(status="running"), name="report_batch_one_running"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.language} {self.get_status_display()}"


class ReportBatchItem(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(ReportBatch, on_delete=models.CASCADE, related_name="items")
    sector_key = models.CharField(_("sector"), max_length=60)
    sector_name = models.CharField(_("sector"), max_length=200)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    report = models.ForeignKey(GeneratedReport, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "id"]
        verbose_name = _("report batch item")
        verbose_name_plural = _("report batch items")
        constraints = [models.UniqueConstraint(fields=["batch", "sector_key"], name="report_batch_item_unique")]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.sector_key} {self.status}"


class ReportEvent(EventRecord):
    """Every change, issue, preview, verification and download of a report, in the service's transaction."""

    class Kind(models.TextChoices):
        DRAFT_CREATED = "draft_created", _("Draft created")
        DRAFT_SAVED = "draft_saved", _("Observations saved")
        PREVIEWED = "previewed", _("Draft previewed")
        ISSUED = "issued", _("Report issued")
        CORRECTION_OPENED = "correction_opened", _("Correction started")
        DOWNLOADED = "downloaded", _("Report downloaded")
        VERIFIED = "verified", _("File verified")
        BATCH_STARTED = "batch_started", _("Export of all sectors started")
        BATCH_ITEM_DONE = "batch_item_done", _("Sector exported")
        BATCH_ITEM_FAILED = "batch_item_failed", _("Sector export failed")
        BATCH_FINISHED = "batch_finished", _("Export of all sectors finished")
        ZIP_DOWNLOADED = "zip_downloaded", _("Export archive downloaded")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    report = models.ForeignKey(GeneratedReport, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    batch = models.ForeignKey(ReportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        indexes = [models.Index(fields=["report", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"
