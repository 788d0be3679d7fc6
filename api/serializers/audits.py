"""Audits (稽核辦法): plans, audits, the checklist with its answers, findings and the improvement report.
Inputs check shape only; who may do what, the states and the deadlines are the audits services' and
selectors' (the same as the pages)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.concurrency import version_of
from audits import rules
from audits.forms import MAX_DAY, MIN_DAY
from audits.models import Audit, AuditPlan, Finding, ImprovementMeasure, ImprovementReport
from audits.services.plans import PLAN_FIELDS

MAX_ID = 2**31 - 1  # the checklist's item ids and answer versions (as the page's form)
RESULTS = [("", "—"), *rules.Result.choices]


class AuditPlanSerializer(serializers.ModelSerializer):
    version = serializers.SerializerMethodField()

    class Meta:
        model = AuditPlan
        fields = ["id", "authority", "year", *PLAN_FIELDS, "status", "version", "created_at", "updated_at"]

    def get_version(self, obj) -> str:
        return version_of(obj)


class AuditSerializer(serializers.ModelSerializer):
    version = serializers.SerializerMethodField()

    class Meta:
        model = Audit
        fields = [
            "id",
            "plan",
            "auditee",
            "quarter",
            "starts_on",
            "ends_on",
            "place",
            "checklist",
            "status",
            "notice_sent_on",
            "notice_received_on",
            "reschedule_due_at",
            "fieldwork_done_on",
            "report_due_at",
            "report_issued_at",
            "improvement_due_at",
            "closed_at",
            "scope",
            "refusals",
            "report_notes",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_version(self, obj) -> str:
        return version_of(obj)


class ChecklistRowSerializer(serializers.Serializer):
    """One item of the audit's checklist and its answer (empty until someone answers)."""

    item = serializers.IntegerField(source="item.pk")
    position = serializers.IntegerField(source="item.position")
    section = serializers.CharField(source="item.section")
    item_no = serializers.CharField(source="item.item_no")
    text = serializers.CharField(source="item.text")
    applicability = serializers.ChoiceField(source="item.applicability", choices=rules.Applicability.choices)
    applies = serializers.BooleanField(help_text="Whether the item applies to the auditee (marked, never hidden).")
    self_result = serializers.SerializerMethodField()
    self_note = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    answer_version = serializers.SerializerMethodField(help_text="Send it back as `version` when you answer.")

    def _answer(self, row, name, empty=""):
        return getattr(row["answer"], name) if row["answer"] is not None else empty

    def get_self_result(self, row) -> str:
        return self._answer(row, "self_result")

    def get_self_note(self, row) -> str:
        return self._answer(row, "self_note")

    def get_result(self, row) -> str:
        return self._answer(row, "result")

    def get_description(self, row) -> str:
        return self._answer(row, "description")

    def get_evidence(self, row) -> str:
        return self._answer(row, "evidence")

    def get_answer_version(self, row) -> int:
        return self._answer(row, "version", 0)


class AnswerSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    self_result = serializers.ChoiceField(choices=RESULTS)
    self_note = serializers.CharField()
    result = serializers.ChoiceField(choices=RESULTS)
    description = serializers.CharField()
    evidence = serializers.CharField()
    version = serializers.IntegerField()


class AnswerInput(serializers.Serializer):
    """The auditee's self-assessment (between notice and audit) or an auditor's answer (during fieldwork):
    who you are to the audit decides which one is saved, as on the checklist page."""

    item = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Id of the checklist item.")
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, help_text="The `answer_version` last read; another answers 409."
    )
    result = serializers.ChoiceField(choices=RESULTS, required=False, default="", allow_blank=True)
    description = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=5000, help_text="For the auditee: the note."
    )
    evidence = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=5000, help_text="Auditors only: evidence seen."
    )


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImprovementMeasure
        fields = ["cause", "measures", "planned_completion", "tracking_method"]


class FindingSerializer(serializers.ModelSerializer):
    measure = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "audit",
            "number",
            "item",
            "kind",
            "severity",
            "description",
            "status",
            "recorded_at",
            "closed_at",
            "closing_note",
            "measure",
            "created_at",
            "updated_at",
        ]

    def get_measure(self, obj) -> MeasureSerializer(allow_null=True):  # type: ignore[valid-type]
        measure = getattr(obj, "measure", None)
        return None if measure is None else MeasureSerializer(measure).data


class FindingInput(serializers.Serializer):
    item = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None, help_text="Checklist item."
    )
    kind = serializers.ChoiceField(choices=rules.FindingKind.choices)
    severity = serializers.ChoiceField(choices=rules.Severity.choices)
    description = serializers.CharField()


class ImprovementReportSerializer(serializers.ModelSerializer):
    due_at = serializers.DateTimeField(source="audit.improvement_due_at", allow_null=True)
    findings = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = ImprovementReport
        fields = ["audit", "status", "due_at", "submitted_at", "reviewer_note", "findings", "version", "updated_at"]

    def get_findings(self, obj) -> FindingSerializer(many=True):  # type: ignore[valid-type]
        findings = obj.audit.findings.filter(kind__in=rules.NEEDS_IMPROVEMENT).select_related("measure")
        return FindingSerializer(findings.order_by("number"), many=True).data

    def get_version(self, obj) -> str:
        return version_of(obj.audit)


def _bounded(day):
    if not MIN_DAY <= day <= MAX_DAY:
        raise serializers.ValidationError(_("Give a date between 2019 and 2100."))
    return day


class MeasureInput(serializers.Serializer):
    finding = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Id of the finding.")
    cause = serializers.CharField()
    measures = serializers.CharField()
    planned_completion = serializers.DateField(validators=[_bounded])
    tracking_method = serializers.CharField()


class ImprovementInput(serializers.Serializer):
    measures = serializers.ListField(child=MeasureInput(), max_length=500)
    submit = serializers.BooleanField(default=False, help_text="true: save and submit (Art 8); false: a draft.")


class ImprovementDecisionInput(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="Required when asking for an explanation."
    )
