"""Open-data representations: a release (period, version, status) and its files with their hashes. No
business logic: the lifecycle is opendata/services.py."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from common.roc import roc_year
from opendata.models import DatasetRelease, ReleaseFile
from opendata.rules import ReleaseStatus
from opendata.selectors import may_manage


class ReleaseFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Download address (API).")

    class Meta:
        model = ReleaseFile
        fields = ["name", "dataset", "is_dictionary", "format", "size", "sha256", "url"]

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse(
            "api:opendata-release-file",
            kwargs={"pk": obj.release_id, "name": obj.name},
            request=self.context.get("request"),
        )


class ReleaseSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period_code", read_only=True, help_text="2026 or 2026-Q1.")
    roc_year = serializers.SerializerMethodField(help_text="The year in the ROC calendar (民國).")
    is_superseded = serializers.BooleanField(read_only=True, help_text="A later version of the period is published.")
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = DatasetRelease
        fields = [
            "id", "period", "year", "roc_year", "quarter", "version", "status", "min_cell_size", "supersedes",
            "correction_reason", "is_superseded", "published_at", "withdrawn_at", "withdrawal_reason", "files",
        ]  # fmt: skip

    def get_roc_year(self, obj) -> int:
        return roc_year(obj.year)

    @extend_schema_field(ReleaseFileSerializer(many=True))
    def get_files(self, obj) -> list:
        """The files of a published release (or any release, for the competent authority)."""
        request = self.context.get("request")
        if obj.status != ReleaseStatus.PUBLISHED and not may_manage(getattr(request, "user", None)):
            return []
        return ReleaseFileSerializer(obj.files.all(), many=True, context=self.context).data
