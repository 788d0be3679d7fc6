"""Incidents (with their legal clocks), events, drills, and the inputs of each workflow step. Inputs check
shape only; the level table, deadlines and transitions are the incidents services' (same as the forms)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.concurrency import version_of
from incidents import rules
from incidents.models import Drill, DrillEvent, Incident, IncidentEvent, IncidentType, ReportChannel

MAX_ID = 2**63 - 1
LEVELS = [(level.value, level.label) for level in rules.IncidentLevel]


class ClockSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=rules.ClockKind.choices)
    started_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(help_text="Absolute deadline (ISO 8601 with offset, Asia/Taipei).")
    met_at = serializers.DateTimeField(allow_null=True)
    citation = serializers.CharField(help_text="Article and rule version that set the deadline.")
    state = serializers.ChoiceField(choices=rules.ClockState.choices)
    minutes = serializers.IntegerField(help_text="Minutes left (running) or late (missed / overdue).")


class IncidentSerializer(serializers.ModelSerializer):
    rule_set = serializers.SlugRelatedField(slug_field="code", read_only=True)
    clocks = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id",
            "agency",
            "title",
            "status",
            "incident_type",
            "occurred_at",
            "aware_at",
            "description",
            "confidentiality",
            "confidentiality_scope",
            "integrity",
            "integrity_scope",
            "availability",
            "availability_scope",
            "proposed_level",
            "level_criterion",
            "level",
            "level_reason",
            "measures_taken",
            "external_support_needed",
            "external_support",
            "other_matters",
            "affected_systems",
            "channel",
            "reported_at",
            "is_late",
            "late_reason",
            "rule_set",
            "reviewed_at",
            "review_note",
            "forwarded_at",
            "recovered_at",
            "report_accepted_at",
            "closed_at",
            "clocks",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(ClockSerializer(many=True))
    def get_clocks(self, obj):
        now = timezone.now()
        rows = []
        for clock in obj.clocks.all():  # prefetched, ordered by due_at
            status = rules.clock_status(due_at=clock.due_at, met_at=clock.met_at, now=now)
            rows.append(
                {
                    **{f: getattr(clock, f) for f in ("kind", "started_at", "due_at", "met_at", "citation")},
                    "state": status.state,
                    "minutes": status.minutes,
                }
            )
        return ClockSerializer(rows, many=True).data

    def get_version(self, obj) -> str:
        return version_of(obj)


class IncidentFileInput(serializers.Serializer):
    """The 7 statutory fields (通報及應變辦法 Art 3) and the Art 2 decision-table answers."""

    agency = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="Id of the agency filing (one the user acts for)."
    )
    title = serializers.CharField(max_length=200)
    incident_type = serializers.ChoiceField(choices=IncidentType.choices)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    aware_at = serializers.DateTimeField(help_text="Time of awareness: every legal clock starts here.")
    description = serializers.CharField()
    measures_taken = serializers.CharField()
    # Art 2 per dimension: how badly (severity) and what (scope), for leak, tampering and operation.
    confidentiality = serializers.ChoiceField(choices=rules.Severity.choices, default=rules.Severity.NONE)
    confidentiality_scope = serializers.ChoiceField(
        choices=rules.InformationScope.choices,
        default=rules.InformationScope.NON_CORE,
        help_text="What was leaked (Art 2 subparagraph 1).",
    )
    integrity = serializers.ChoiceField(choices=rules.Severity.choices, default=rules.Severity.NONE)
    integrity_scope = serializers.ChoiceField(
        choices=rules.InformationScope.choices,
        default=rules.InformationScope.NON_CORE,
        help_text="What information or system was tampered with (Art 2 subparagraph 2).",
    )
    availability = serializers.ChoiceField(choices=rules.Availability.choices, default=rules.Availability.NONE)
    availability_scope = serializers.ChoiceField(
        choices=rules.OperationScope.choices,
        default=rules.OperationScope.NON_CORE,
        help_text="Whose operation was affected or stopped (Art 2 subparagraph 3).",
    )
    level = serializers.ChoiceField(
        choices=LEVELS, required=False, allow_null=True, default=None, help_text="Omit to take the proposed level."
    )
    level_reason = serializers.CharField(required=False, allow_blank=True, default="")
    external_support_needed = serializers.BooleanField(default=False)
    external_support = serializers.CharField(required=False, allow_blank=True, default="")
    other_matters = serializers.CharField(required=False, allow_blank=True, default="")
    affected_system_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list, max_length=100
    )
    channel = serializers.ChoiceField(choices=ReportChannel.choices, default=ReportChannel.WEB)
    fallback_reason = serializers.CharField(required=False, allow_blank=True, default="")
    fallback_reported_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(default=True, help_text="false: save as a draft without reporting.")


class IncidentUpdateInput(serializers.Serializer):
    """The continued notification (續行通報); a new level needs its reason."""

    description = serializers.CharField()
    measures_taken = serializers.CharField()
    external_support_needed = serializers.BooleanField(default=False)
    external_support = serializers.CharField(required=False, allow_blank=True, default="")
    other_matters = serializers.CharField(required=False, allow_blank=True, default="")
    level = serializers.ChoiceField(choices=LEVELS, required=False, allow_null=True, default=None)
    level_reason = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitInput(serializers.Serializer):
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=LEVELS)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    forward = serializers.BooleanField(default=False)


class LevelChangeInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=LEVELS)
    reason = serializers.CharField()


class RecoverInput(serializers.Serializer):
    recovered_at = serializers.DateTimeField()


class ReportInput(serializers.Serializer):
    """施行細則 2021 Art 8 (1)–(7)."""

    timeline = serializers.CharField()
    impact = serializers.CharField()
    recovery_course = serializers.CharField()
    investigation_course = serializers.CharField()
    root_cause = serializers.CharField()
    prevention = serializers.CharField()
    schedule = serializers.CharField()


class ReportDecisionInput(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EmptyInput(serializers.Serializer):
    pass


class IncidentEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = IncidentEvent
        fields = ["id", "kind", "occurred_at", "actor", "status_before", "status_after", "data"]


class DrillSerializer(serializers.ModelSerializer):
    version = serializers.SerializerMethodField()

    class Meta:
        model = Drill
        fields = [
            "id",
            "agency",
            "kind",
            "starts_on",
            "ends_on",
            "conducted_on",
            "participants",
            "results_due_at",
            "results_submitted_at",
            "summary",
            "version",
        ]

    def get_version(self, obj) -> str:
        return version_of(obj)


class DrillConductedInput(serializers.Serializer):
    conducted_on = serializers.DateField()
    participants = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True, default=None
    )


class DrillResultsInput(serializers.Serializer):
    summary = serializers.CharField()


class DrillEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = DrillEvent
        fields = ["id", "kind", "occurred_at", "actor", "data"]
