"""Registry representations: sectors, agencies with their current level, level history, contacts, systems."""

from rest_framework import serializers

from api.concurrency import version_of
from common.forms import validate_date_in_range
from infrastructure import rules
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    InformationSystem,
    LevelDecision,
    ResponsibilityLevel,
    Sector,
)
from infrastructure.services import SYSTEM_FIELDS


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


# Inputs of the registry writes: shape only; the services decide (分級辦法 checks, validity ranges) ------------

DATE_IN_RANGE = [validate_date_in_range]


class LevelDecisionDetailSerializer(LevelDecisionSerializer):
    """One decision with its agency, route and version (the ETag)."""

    version = serializers.SerializerMethodField()

    class Meta(LevelDecisionSerializer.Meta):
        fields = [*LevelDecisionSerializer.Meta.fields, "agency", "route", "deciding_agency", "filed_at", "version"]

    def get_version(self, obj) -> str:
        return version_of(obj)


class LevelProposeInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=ResponsibilityLevel.choices)
    criteria = serializers.ListField(
        child=serializers.ChoiceField(choices=[(c.code, f"{c.code} {c.article}") for c in rules.LEVEL_CRITERIA]),
        default=list,
        max_length=len(rules.LEVEL_CRITERIA),
        help_text="Codes of the criteria met (分級辦法 Arts 4-8), e.g. `A-3`.",
    )
    adjustment_reason = serializers.CharField(
        default="", allow_blank=True, max_length=2000, help_text="Required when the level differs (Art 10)."
    )


class LevelApproveInput(serializers.Serializer):
    effective_from = serializers.DateField(validators=DATE_IN_RANGE)


class LevelRejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class EmptyInput(serializers.Serializer):
    pass


class VersionedContactSerializer(ContactSerializer):
    version = serializers.SerializerMethodField()

    class Meta(ContactSerializer.Meta):
        fields = [*ContactSerializer.Meta.fields, "agency", "version"]

    def get_version(self, obj) -> str:
        return version_of(obj)


class ContactCreateInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=AgencyContact.Role.choices)
    name = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=100, default="", allow_blank=True)
    email = serializers.EmailField(default="", allow_blank=True)
    phone = serializers.CharField(max_length=60, default="", allow_blank=True)
    mobile = serializers.CharField(max_length=60, default="", allow_blank=True)
    valid_from = serializers.DateField(
        validators=DATE_IN_RANGE, help_text="The current holder of the same role ends the day before."
    )


class ContactEndInput(serializers.Serializer):
    valid_to = serializers.DateField(validators=DATE_IN_RANGE, help_text="Last day of validity.")


class VersionedSystemSerializer(SystemSerializer):
    version = serializers.SerializerMethodField()

    class Meta(SystemSerializer.Meta):
        fields = [*SystemSerializer.Meta.fields, "agency", "version"]

    def get_version(self, obj) -> str:
        return version_of(obj)


class SystemUpdateInput(serializers.ModelSerializer):
    """The recorded fields of a system (any subset on PATCH); the name identifies it and never changes."""

    class Meta:
        model = InformationSystem
        fields = SYSTEM_FIELDS
        extra_kwargs = {"max_tolerable_downtime_hours": {"max_value": 2**31 - 1}}


class SystemCreateInput(SystemUpdateInput):
    name = serializers.CharField(max_length=200)

    class Meta(SystemUpdateInput.Meta):
        fields = ["name", *SYSTEM_FIELDS]
