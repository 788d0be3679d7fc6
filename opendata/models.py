"""Open-data releases: one anonymous aggregate dataset per period (ROC year or quarter) and version, its
immutable files (bytes + SHA-256, the pattern of reports.GeneratedReport) and its history (OpenDataEvent).

Lifecycle and rules in opendata/rules.py; writes in opendata/services.py; docs/open-data.md."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import AppendOnlyError, BaseModel, EventRecord
from opendata.rules import DEFAULT_MIN_CELL_SIZE, MAX_MIN_CELL_SIZE, ReleaseStatus, period_label


class DatasetRelease(BaseModel):
    """One version of the open-data release of one period. Its files are rendered when it is prepared and
    never change after it is sent for review; a correction of a published release is a new version."""

    year = models.PositiveSmallIntegerField(_("year"))  # Gregorian; pages show the ROC year
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, validators=[MaxValueValidator(4)], help_text=_("0 = the whole year")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=14, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT, db_index=True
    )
    min_cell_size = models.PositiveSmallIntegerField(
        _("minimum cell size"),
        default=DEFAULT_MIN_CELL_SIZE,
        validators=[MinValueValidator(2), MaxValueValidator(MAX_MIN_CELL_SIZE)],
    )
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    snapshot = models.JSONField(_("published tables"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("prepared at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent for review at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)

    class Meta:
        ordering = ["-year", "-quarter", "-version"]
        verbose_name = _("open-data release")
        verbose_name_plural = _("open-data releases")
        permissions = [("manage_open_data", "Can prepare, review and publish open-data releases")]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter", "version"], name="opendata_release_version_unique"),
            # One release of a period in preparation at a time (draft or under review).
            models.UniqueConstraint(
                fields=["year", "quarter"],
                condition=Q(status__in=["draft", "under_review"]),
                name="opendata_one_open_release_per_period",
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="opendata_quarter_0_to_4"),
        ]

    def __str__(self) -> str:
        period = f"{self.year}" if not self.quarter else f"{self.year}-Q{self.quarter}"
        return f"{period} v{self.version}"

    @property
    def period_label(self) -> str:
        return period_label(year=self.year, quarter=self.quarter)

    @property
    def period_code(self) -> str:
        """The period in file names: 2026 or 2026-Q1."""
        return f"{self.year}" if not self.quarter else f"{self.year}-Q{self.quarter}"


class ReleaseFile(BaseModel):
    """One file of a release: a dataset or its data dictionary, as CSV (UTF-8 with BOM) or JSON."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    release = models.ForeignKey(DatasetRelease, on_delete=models.PROTECT, related_name="files")
    dataset = models.CharField(_("dataset"), max_length=40)
    is_dictionary = models.BooleanField(_("data dictionary"), default=False)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    name = models.CharField(_("file name"), max_length=120)
    file = models.FileField(upload_to="opendata/%Y/")
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["dataset", "is_dictionary", "format"]
        verbose_name = _("open-data file")
        verbose_name_plural = _("open-data files")
        constraints = [models.UniqueConstraint(fields=["release", "name"], name="opendata_file_name_unique")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        """A file is written once; only a draft's files may be replaced (by regenerating the draft)."""
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("open-data files are written once")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if DatasetRelease.objects.filter(pk=self.release_id, status=ReleaseStatus.DRAFT).exists() is False:
            raise AppendOnlyError("the files of a release sent for review or published never change")
        self.file.delete(save=False)
        return super().delete(*args, **kwargs)


class OpenDataEvent(EventRecord):
    class Kind(models.TextChoices):
        PREPARED = "prepared", _("Open-data release prepared")
        REGENERATED = "regenerated", _("Open-data draft regenerated")
        SUBMITTED = "submitted", _("Open-data release sent for review")
        RETURNED = "returned", _("Open-data release returned to the preparer")
        PUBLISHED = "published", _("Open-data release published")
        WITHDRAWN = "withdrawn", _("Open-data release withdrawn")
        CORRECTION_OPENED = "correction_opened", _("Open-data correction opened")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    release = models.ForeignKey(DatasetRelease, on_delete=models.PROTECT, related_name="events")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("open-data event")
        verbose_name_plural = _("open-data events")

    def __str__(self) -> str:
        return f"{self.release_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"
