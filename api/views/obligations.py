"""Rule sets (read), obligations and their evidence: submit (the agency), review (its reviewers),
download (logged). Scope and checks are obligations.selectors.access, the same as the pages."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser

from access.audit import read_log
from access.models import ReadEvent
from api.filters import ObligationFilter, SubmissionFilter
from api.schema import IF_MATCH
from api.serializers import obligations as serializers
from api.views.common import guarded_write, object_id, represent, validated
from common.uploads import download_response
from obligations import services
from obligations.models import EvidenceFile, EvidenceSubmission, Obligation, ObligationEvent
from obligations.selectors import access
from obligations.selectors.obligations import ObligationFilters, obligation_get_detail, obligation_list
from obligations.selectors.rulesets import ruleset_list, ruleset_requirements

API = "api"


@extend_schema_view(list=extend_schema(summary="Rule sets (versions of the obligation tables)"))
class RuleSetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.RuleSetSerializer
    filterset_fields = ["status"]
    ordering_fields = ["effective_from", "id"]

    def get_queryset(self):
        return ruleset_list()

    @extend_schema(summary="One rule set with its requirements", responses=serializers.RuleSetDetailSerializer)
    def retrieve(self, request, pk=None):
        rule_set = self.get_object()
        rule_set.requirement_rows = list(ruleset_requirements(rule_set=rule_set))
        return represent(self, rule_set, serializers.RuleSetDetailSerializer)


@extend_schema_view(list=extend_schema(summary="Obligations of the agencies the user may see"))
class ObligationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ObligationSerializer
    filterset_class = ObligationFilter
    ordering_fields = ["due_on", "id", "year"]

    def get_queryset(self):
        base = access.obligations_visible_to(user=self.request.user)
        return obligation_list(base=base, filters=ObligationFilters(), today=timezone.localdate())

    def fetch(self, pk) -> Obligation:
        base = access.obligations_visible_to(user=self.request.user)
        try:
            return obligation_get_detail(obligation_id=object_id(pk), base=base, today=timezone.localdate())
        except Obligation.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        summary="One obligation with its evidence submissions", responses=serializers.ObligationDetailSerializer
    )
    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.ObligationDetailSerializer)

    @extend_schema(
        summary="Submit evidence (multipart: one or more `files`)",
        request={"multipart/form-data": serializers.EvidenceSubmitInput},
        parameters=[IF_MATCH],
        responses={201: serializers.ObligationDetailSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser], filterset_class=None)
    def evidence(self, request, pk=None):
        def run(obligation):
            data = validated(serializers.EvidenceSubmitInput, request.data)
            services.evidence_submit(
                obligation=obligation,
                uploads=data.pop("files"),
                acting_user=request.user,
                now=timezone.now(),
                channel=API,
                **data,
            )

        obligation = guarded_write(
            request, model=Obligation, pk=object_id(pk), fetch=self.fetch, action=run,
            allowed=lambda o: access.can_submit_for(user=request.user, agency=o.agency),
        )  # fmt: skip
        return represent(self, obligation, serializers.ObligationDetailSerializer, status=status.HTTP_201_CREATED)

    @extend_schema(summary="The obligation's events (newest first)")
    @action(detail=True, methods=["get"], serializer_class=serializers.ObligationEventSerializer, filterset_class=None)
    def events(self, request, pk=None):
        obligation = self.fetch(pk)
        rows = (
            ObligationEvent.objects.filter(obligation=obligation)
            .select_related("actor")
            .order_by("-occurred_at", "-id")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializers.ObligationEventSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Evidence submissions the user may see (filter review=pending for the queue)")
)
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["submitted_at", "id"]

    def get_queryset(self):
        visible = access.submissions_visible_to(user=self.request.user)
        return (
            visible.select_related("submitted_by", "reviewed_by")
            .prefetch_related("files")
            .order_by("-submitted_at", "-id")
        )

    def fetch(self, pk) -> EvidenceSubmission:
        try:
            return self.get_queryset().select_related("obligation__agency").get(pk=object_id(pk))
        except EvidenceSubmission.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.SubmissionSerializer)

    @extend_schema(
        summary="Accept or return the evidence", request=serializers.EvidenceReviewInput, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def review(self, request, pk=None):
        def run(submission):
            data = validated(serializers.EvidenceReviewInput, request.data)
            services.evidence_review(
                submission=submission, acting_user=request.user, now=timezone.now(), channel=API, **data
            )

        submission = guarded_write(
            request, model=EvidenceSubmission, pk=object_id(pk), fetch=self.fetch, action=run,
            allowed=lambda sub: access.can_review(user=request.user, agency=sub.obligation.agency),
        )  # fmt: skip
        return represent(self, submission, serializers.SubmissionSerializer)


class EvidenceFileViewSet(viewsets.GenericViewSet):
    queryset = EvidenceFile.objects.none()  # typing of the path parameter only; rows come from the scope

    @extend_schema(
        summary="Download one evidence file (logged)",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        try:
            stored = (
                access.evidence_files_visible_to(user=request.user).select_related("submission").get(pk=object_id(pk))
            )
        except EvidenceFile.DoesNotExist:
            raise Http404 from None
        read_log(
            user=request.user,
            action=ReadEvent.Action.DOWNLOAD,
            object_type="evidence_file",
            object_id=stored.pk,
            description=stored.original_name,
            data={"obligation": stored.submission.obligation_id, "channel": API},
        )
        return download_response(stored.file, filename=stored.original_name, content_type=stored.content_type)
