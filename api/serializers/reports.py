"""Generated reports and the all-sector export batches. Inputs check shape only; which reports a user may
generate and see is reports.documents_access (the same as the report pages)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.documents_access import batch_progress
from reports.forms_documents import year_choices
from reports.models import GeneratedReport, ReportBatch, ReportBatchItem, ReportKind, ReportLanguage

GENERATED_KINDS = [(k.value, k.label) for k in ReportKind if k != ReportKind.INCIDENT]


class GeneratedReportSerializer(serializers.ModelSerializer):
    downloadable = serializers.SerializerMethodField(help_text="Issued: the PDF is at `download/`.")

    class Meta:
        model = GeneratedReport
        fields = [
            "id",
            "kind",
            "status",
            "subject",
            "year",
            "language",
            "agency",
            "incident",
            "version",
            "supersedes",
            "correction_reason",
            "number",
            "sha256",
            "size",
            "generated_at",
            "downloadable",
            "created_at",
            "updated_at",
        ]

    def get_downloadable(self, obj) -> bool:
        return obj.is_issued and bool(obj.file)


class ReportRequestInput(serializers.Serializer):
    """What the report list page offers: a sector summary (opened as a draft for the issuing authority's
    observations), a subtree report, an agency scorecard or the national overview (issued at once)."""

    kind = serializers.ChoiceField(choices=GENERATED_KINDS)
    year = serializers.IntegerField(help_text="This year or one of the five before it.")
    language = serializers.ChoiceField(choices=ReportLanguage.choices, default=ReportLanguage.ZH_HANT)
    sector = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=60, help_text="Sector key (kind `sector`)."
    )
    agency = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=2**63 - 1,
        help_text="Agency id (kinds `subtree` and `scorecard`).",
    )  # fmt: skip

    def validate_year(self, value):
        if value not in {year for year, _label in year_choices()}:
            raise serializers.ValidationError(
                _("Select a valid choice. That choice is not one of the available choices.")
            )
        return value


class BatchItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportBatchItem
        fields = ["sector_key", "sector_name", "status", "attempts", "report", "finished_at"]


class ReportBatchSerializer(serializers.ModelSerializer):
    """A batch with its progress (reports.documents_access.batch_progress, as the batch page shows it)."""

    total = serializers.SerializerMethodField()
    finished = serializers.SerializerMethodField(help_text="Sectors finished (done or failed).")
    percent = serializers.SerializerMethodField(help_text="Sectors finished, in per cent.")
    items = serializers.SerializerMethodField()
    downloadable = serializers.SerializerMethodField(help_text="Finished: the zip is at `download/`.")

    class Meta:
        model = ReportBatch
        fields = [
            "id",
            "year",
            "language",
            "status",
            "started_at",
            "finished_at",
            "total",
            "finished",
            "percent",
            "items",
            "zip_sha256",
            "zip_size",
            "downloadable",
        ]

    def _progress(self, obj) -> dict:
        cache = self.context.setdefault("progress", {})
        if obj.pk not in cache:
            cache[obj.pk] = batch_progress(batch=obj)
        return cache[obj.pk]

    def get_total(self, obj) -> int:
        return self._progress(obj)["total"]

    def get_finished(self, obj) -> int:
        return self._progress(obj)["finished"]

    def get_percent(self, obj) -> int:
        return self._progress(obj)["percent"]

    def get_items(self, obj) -> BatchItemSerializer(many=True):  # type: ignore[valid-type]
        return BatchItemSerializer(self._progress(obj)["items"], many=True).data

    def get_downloadable(self, obj) -> bool:
        return bool(obj.zip_file)


class BatchRequestInput(serializers.Serializer):
    """Export every sector the user may summarise, for a year, as one zip (one task per sector)."""

    year = serializers.IntegerField(help_text="This year or one of the five before it.")
    language = serializers.ChoiceField(choices=ReportLanguage.choices, default=ReportLanguage.ZH_HANT)

    validate_year = ReportRequestInput.validate_year
