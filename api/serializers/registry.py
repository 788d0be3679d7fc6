"""Registry representations: sectors, agencies with their current level, level history, contacts, systems."""

from rest_framework import serializers

from api.concurrency import version_of
from infrastructure.models import Agency, AgencyContact, AgencyEvent, InformationSystem, LevelDecision, Sector


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "code", "name_zh", "name_en", "sort_order", "is_active"]


class AgencySerializer(serializers.ModelSerializer):
    current_level = serializers.CharField(read_only=True, allow_null=True, help_text="Approved level in force today.")
    version = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "name_en",
            "oid",
            "org_code",
            "kind",
            "sngo_category",
            "parent",
            "regulator",
            "sectors",
            "current_level",
            "address",
            "phone",
            "is_active",
            "dissolved_on",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_version(self, obj) -> str:
        return version_of(obj)


class LevelDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = LevelDecision
        fields = [
            "id",
            "level",
            "status",
            "criteria",
            "adjustment_reason",
            "proposed_at",
            "submitted_at",
            "decided_at",
            "effective_from",
            "reapproval_due",
            "rejection_reason",
        ]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgencyContact
        fields = ["id", "role", "name", "title", "email", "phone", "mobile", "valid_from", "valid_to"]


class SystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = InformationSystem
        fields = [
            "id",
            "name",
            "is_core",
            "protection_level",
            "max_tolerable_downtime_hours",
            "is_outsourced",
            "contract_amount",
            "is_active",
        ]


class AgencyEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AgencyEvent
        fields = ["id", "kind", "occurred_at", "actor", "data"]
