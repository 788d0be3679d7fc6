"""Rule sets (read), obligations with their evidence submissions, and the evidence inputs."""

from rest_framework import serializers

from api.concurrency import version_of
from obligations.models import EvidenceFile, EvidenceSubmission, Obligation, ObligationEvent, Requirement, RuleSet


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = [
            "id",
            "code",
            "level",
            "agency_scope",
            "dimension",
            "item_zh",
            "item_en",
            "text_zh",
            "text_en",
            "citation",
            "marker",
            "frequency_count",
            "frequency_years",
            "deadline_years",
        ]


class RuleSetSerializer(serializers.ModelSerializer):
    class Meta:
        model = RuleSet
        fields = ["id", "name", "version", "legal_basis", "effective_from", "effective_to", "status", "published_at"]


class RuleSetDetailSerializer(RuleSetSerializer):
    requirements = RequirementSerializer(source="requirement_rows", many=True, read_only=True)

    class Meta(RuleSetSerializer.Meta):
        fields = [*RuleSetSerializer.Meta.fields, "requirements"]


class EvidenceFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceFile
        fields = ["id", "original_name", "content_type", "size", "sha256"]


class SubmissionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    files = EvidenceFileSerializer(many=True, read_only=True)

    class Meta:
        model = EvidenceSubmission
        fields = [
            "id",
            "obligation",
            "number",
            "statement",
            "performed_on",
            "valid_until",
            "submitted_by",
            "submitted_at",
            "on_behalf_of",
            "review",
            "reviewed_by",
            "reviewed_at",
            "review_reason",
            "files",
        ]


class ObligationSerializer(serializers.ModelSerializer):
    display_status = serializers.CharField(read_only=True, help_text="Stored status, or upcoming / due_soon / overdue.")
    item_zh = serializers.SerializerMethodField()
    item_en = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = [
            "id",
            "agency",
            "year",
            "level",
            "requirement",
            "rule_set",
            "item_zh",
            "item_en",
            "sequence",
            "period_start",
            "due_on",
            "due_at",
            "due_rule",
            "due_citation",
            "status",
            "display_status",
            "status_changed_at",
            "exempt_basis",
            "version",
        ]

    def get_item_zh(self, obj) -> str:
        return obj.requirement.item_zh if obj.requirement_id else obj.adhoc.title if obj.adhoc_id else ""

    def get_item_en(self, obj) -> str:
        return obj.requirement.item_en if obj.requirement_id else obj.adhoc.title if obj.adhoc_id else ""

    def get_version(self, obj) -> str:
        return version_of(obj)


class ObligationDetailSerializer(ObligationSerializer):
    submissions = SubmissionSerializer(many=True, read_only=True)

    class Meta(ObligationSerializer.Meta):
        fields = [*ObligationSerializer.Meta.fields, "submissions"]


class EvidenceSubmitInput(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), min_length=1, max_length=20)
    statement = serializers.CharField(required=False, allow_blank=True, default="")
    performed_on = serializers.DateField(required=False, allow_null=True, default=None)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class EvidenceReviewInput(serializers.Serializer):
    accept = serializers.BooleanField(help_text="true: accept; false: return (a reason is then required).")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ObligationEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ObligationEvent
        fields = ["id", "kind", "occurred_at", "actor", "channel", "obligation", "submission", "data"]
