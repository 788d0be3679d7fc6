"""Audits (稽核辦法): plans and audits (read), the checklist (read; answer an item), findings (read; record),
the improvement report (read; save or submit; decide). The scope is audits.selectors (managers of the
plan's authority, the team members — only the audits they are assigned to —, the auditee once notified;
anything else is a 404) and each write is checked as on the audit pages (audits.selectors.audit_roles,
403) before its one service call. Writes on an audit take If-Match with the audit's ETag (412 if it
changed); an answer carries its own `version` (409 when someone else saved the item meanwhile)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action

from api.concurrency import etag_of
from api.filters import AuditFilter, AuditPlanFilter
from api.schema import IF_MATCH
from api.serializers import audits as serializers
from api.views.common import guarded_write, object_id, represent, require, validated
from audits import rules, selectors, services
from audits.models import Audit, AuditPlan, Finding, ImprovementReport
from audits.services import MeasureInput
from common import clock
from infrastructure.selectors import level_current_for

ANSWER_EXAMPLE = OpenApiExample(
    "AuditorAnswer",
    summary="An auditor answers an item during fieldwork",
    request_only=True,
    value={"item": 412, "version": 0, "result": "partial", "description": "備份未異地存放", "evidence": "備份紀錄"},
)
FINDING_EXAMPLE = OpenApiExample(
    "Deficiency",
    summary="A deficiency on a checklist item",
    request_only=True,
    value={"item": 412, "kind": "deficiency", "severity": "high", "description": "核心系統備份未異地存放。"},
)
IMPROVEMENT_EXAMPLE = OpenApiExample(
    "SubmitImprovement",
    summary="The auditee submits its improvement report (Art 8)",
    request_only=True,
    value={
        "measures": [
            {
                "finding": 7,
                "cause": "異地備份未納入程序",
                "measures": "建立異地備份並每月演練還原",
                "planned_completion": "2026-12-31",
                "tracking_method": "每月回報還原演練紀錄",
            }
        ],
        "submit": True,
    },
)


@extend_schema_view(
    list=extend_schema(summary="Audit plans of the authorities the user manages (all: the competent authority)"),
    retrieve=extend_schema(summary="One audit plan"),
)
class AuditPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.AuditPlanSerializer
    filterset_class = AuditPlanFilter
    ordering_fields = ["year", "id"]
    ordering = ["-year", "id"]

    def get_queryset(self):
        return selectors.plans_visible_to(user=self.request.user)

    def retrieve(self, request, pk=None):
        try:
            plan = self.get_queryset().get(pk=object_id(pk))
        except AuditPlan.DoesNotExist:
            raise Http404 from None
        return represent(self, plan, serializers.AuditPlanSerializer)


@extend_schema_view(
    list=extend_schema(summary="Audits the user may see (managers, the audit's team, the notified auditee)"),
    retrieve=extend_schema(summary="One audit"),
)
class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.AuditSerializer
    filterset_class = AuditFilter
    ordering_fields = ["starts_on", "id"]
    ordering = ["starts_on", "id"]

    def get_queryset(self):
        return selectors.audits_visible_to(user=self.request.user)

    def fetch(self, pk) -> Audit:
        try:
            return selectors.audit_detail(audit_id=object_id(pk), user=self.request.user)
        except Audit.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.AuditSerializer)

    def _granted(self, audit: Audit) -> dict[str, bool]:
        return selectors.audit_roles(user=self.request.user, audit=audit)

    @extend_schema(summary="The audit's checklist, item by item, with the answers")
    @action(detail=True, methods=["get"], serializer_class=serializers.ChecklistRowSerializer, filterset_class=None)
    def checklist(self, request, pk=None):
        audit = self.fetch(pk)
        rows = selectors.checklist_rows(audit=audit, level=level_current_for(agency=audit.auditee))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializers.ChecklistRowSerializer(page, many=True).data)

    @extend_schema(
        summary="Answer a checklist item: the auditee's self-assessment, or an auditor's answer during fieldwork",
        request=serializers.AnswerInput,
        examples=[ANSWER_EXAMPLE],
        responses=serializers.AnswerSerializer,
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.AnswerSerializer, filterset_class=None)
    def answers(self, request, pk=None):
        audit = self.fetch(pk)
        mode = selectors.checklist_mode(audit=audit, granted=self._granted(audit))
        require(mode is not None)
        data = validated(serializers.AnswerInput, request.data)
        common = {"audit": audit, "item_id": data["item"], "result": data["result"], "version": data["version"]}
        if mode == "auditor":
            answer = services.answer_save(
                **common, description=data["description"], evidence=data["evidence"], actor=request.user,
                now=clock.now(),
            )  # fmt: skip
        else:
            answer = services.self_assessment_save(
                **common, note=data["description"], actor=request.user, now=clock.now()
            )
        return represent(self, answer, serializers.AnswerSerializer)

    @extend_schema(summary="The audit's findings", responses=serializers.FindingSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=serializers.FindingSerializer, filterset_class=None)
    def findings(self, request, pk=None):
        audit = self.fetch(pk)
        page = self.paginate_queryset(list(audit.findings.select_related("measure").order_by("number")))
        return self.get_paginated_response(serializers.FindingSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a finding during fieldwork (a manager of the plan or a team member)",
        request=serializers.FindingInput,
        parameters=[IF_MATCH],
        examples=[FINDING_EXAMPLE],
        responses={201: serializers.FindingSerializer},
    )
    @findings.mapping.post
    def finding_record(self, request, pk=None):
        created = []

        def run(audit):
            data = validated(serializers.FindingInput, request.data)
            created.append(
                services.finding_record(
                    audit=audit,
                    item_id=data["item"],
                    kind=data["kind"],
                    severity=data["severity"],
                    description=data["description"],
                    actor=request.user,
                    now=clock.now(),
                )  # fmt: skip
            )

        self._write(request, pk, lambda g: g["may_manage"] or g["is_member"], run)
        finding = Finding.objects.select_related("measure").get(pk=created[0].pk)
        return represent(self, finding, serializers.FindingSerializer, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The improvement report (Art 8) with each finding's measure",
        responses=serializers.ImprovementReportSerializer,
    )
    @action(
        detail=True, methods=["get"], serializer_class=serializers.ImprovementReportSerializer, filterset_class=None
    )
    def improvement(self, request, pk=None):
        audit = self.fetch(pk)
        return self._improvement(audit)

    @extend_schema(
        summary="Save the improvement report's measures, and submit it with `submit: true` (the auditee)",
        request=serializers.ImprovementInput,
        parameters=[IF_MATCH],
        examples=[IMPROVEMENT_EXAMPLE],
        responses=serializers.ImprovementReportSerializer,
    )
    @improvement.mapping.post
    def improvement_save(self, request, pk=None):
        def run(audit):
            data = validated(serializers.ImprovementInput, request.data)
            entries = [
                MeasureInput(
                    finding_id=m["finding"],
                    cause=m["cause"],
                    measures=m["measures"],
                    planned_completion=m["planned_completion"],
                    tracking_method=m["tracking_method"],
                )  # fmt: skip
                for m in data["measures"]
            ]
            services.improvement_save(audit=audit, measures=entries, actor=request.user, now=clock.now())
            if data["submit"]:
                services.improvement_submit(audit=audit, actor=request.user, now=clock.now())

        # as the page: the auditee, while the report is issued and the improvement report not yet submitted
        audit = self._write(request, pk, lambda g: g["is_auditee"], run, state=rules.AuditStatus.REPORT_ISSUED)
        return self._improvement(audit)

    @extend_schema(
        summary="Accept the improvement report, or ask for an explanation (the plan's authority)",
        request=serializers.ImprovementDecisionInput,
        parameters=[IF_MATCH],
        responses=serializers.ImprovementReportSerializer,
    )
    @action(
        detail=True, methods=["post"], url_path="improvement/decision", serializer_class=serializers.ImprovementReportSerializer,
        filterset_class=None,
    )  # fmt: skip
    def improvement_decision(self, request, pk=None):
        def run(audit):
            data = validated(serializers.ImprovementDecisionInput, request.data)
            services.improvement_decide(audit=audit, accept=data["accept"], note=data["note"], actor=request.user,
                                        now=clock.now())  # fmt: skip

        audit = self._write(request, pk, lambda g: g["may_manage"], run)
        return self._improvement(audit)

    def _write(self, request, pk, allowed, run, *, state: str | None = None) -> Audit:
        def permitted(audit):
            return allowed(self._granted(audit)) and (state is None or audit.status == state)

        return guarded_write(request, model=Audit, pk=object_id(pk), fetch=self.fetch, allowed=permitted, action=run)

    def _improvement(self, audit: Audit):
        try:
            report = ImprovementReport.objects.select_related("audit").get(audit=audit)
        except ImprovementReport.DoesNotExist:
            raise Http404 from None
        response = represent(self, report, serializers.ImprovementReportSerializer)
        response["ETag"] = etag_of(audit)  # writes check the audit's version
        return response
