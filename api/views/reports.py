"""Reports: request generation of what the report list page offers, read the status, download the PDF;
export every sector of a year as one zip (the same Celery task per sector as the page) and poll its
progress. Scope, kinds and choices are reports.documents_access (the report pages'); a download is
logged exactly as the page's (a ReportEvent and the access trail)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action

from access.selectors import agencies_visible_to
from api.filters import GeneratedReportFilter
from api.serializers import reports as serializers
from api.views.common import object_id, represent, require, validated
from reports import documents_access as selectors
from reports import services
from reports.models import GeneratedReport, ReportBatch
from reports.views_documents.batches import stream_batch
from reports.views_documents.common import stream_report

API = "api"
REQUEST_EXAMPLE = OpenApiExample(
    "Scorecard",
    summary="An agency's compliance scorecard for this year, in Chinese",
    request_only=True,
    value={"kind": "scorecard", "year": 2026, "language": "zh-hant", "agency": 16},
)
PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The issued PDF.")}
ZIP = {(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The export archive.")}


@extend_schema_view(
    list=extend_schema(summary="Generated reports the user may see (every version, newest first)"),
    retrieve=extend_schema(summary="One generated report: its status (draft / issued), number and hash"),
)
class GeneratedReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.GeneratedReportSerializer
    filterset_class = GeneratedReportFilter
    ordering_fields = ["created_at", "year", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.report_list_visible_to(user=self.request.user)

    def fetch(self, pk) -> GeneratedReport:
        try:
            return selectors.report_get_for_user(user=self.request.user, report_id=object_id(pk))
        except GeneratedReport.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.GeneratedReportSerializer)

    @extend_schema(
        summary="Request a report: a sector summary opens as a draft (for the observations), the others are "
        "issued at once (201)",
        request=serializers.ReportRequestInput,
        examples=[REQUEST_EXAMPLE],
        responses={201: serializers.GeneratedReportSerializer},
    )
    def create(self, request):
        data = validated(serializers.ReportRequestInput, request.data)
        choices = selectors.generation_choices(user=request.user)
        require(data["kind"] in choices)
        agency = None
        if data["kind"] == "sector" and data["sector"] not in choices["sector"]:
            raise ValidationError(
                {
                    "sector": ValidationError(
                        _("Select a valid choice. That choice is not one of the available choices.")
                    )
                }
            )
        if data["kind"] in ("subtree", "scorecard"):
            if data["agency"] is None:
                raise ValidationError({"agency": ValidationError(_("This field is required."))})
            agency = get_object_or_404(agencies_visible_to(user=request.user), pk=data["agency"])  # another's: 404
            require(choices[data["kind"]].filter(pk=agency.pk).exists())
        subject = selectors.generation_subject(
            kind=data["kind"], user=request.user, year=data["year"], language=data["language"],
            sector_key=data["sector"], agency=agency,
        )  # fmt: skip
        generate = services.report_draft_open if data["kind"] == "sector" else services.report_generate
        report = generate(acting_user=request.user, now=timezone.now(), channel=API, **subject)
        headers = {"Location": f"/api/v1/reports/{report.pk}/"}
        return represent(
            self,
            self.fetch(report.pk),
            serializers.GeneratedReportSerializer,
            status=status.HTTP_201_CREATED,
            headers=headers,
        )

    @extend_schema(
        summary="Issue a draft sector summary, as the page's 'Issue' button: it gets its number, its PDF and its "
        "hash, and is immutable from then on (a correction is a new version, on the page)",
        request=None,
        responses={200: serializers.GeneratedReportSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def issue(self, request, pk=None):
        report = self.fetch(pk)
        require(selectors.may_write_observations(user=request.user, report=report))  # the issuing authority
        services.report_issue(report=report, acting_user=request.user, now=timezone.now(), channel=API)
        return represent(self, self.fetch(report.pk), serializers.GeneratedReportSerializer)

    @extend_schema(summary="Download the issued PDF (logged as the page's download)", responses=PDF)
    @action(detail=True, methods=["get"], filterset_class=None)
    def download(self, request, pk=None):
        response = stream_report(request, self.fetch(pk), channel=API)
        response["X-Content-Type-Options"] = "nosniff"
        return response


@extend_schema_view(
    list=extend_schema(summary="Exports of every sector the user started (all: the competent authority)"),
    retrieve=extend_schema(summary="One export with its progress (running / done / partial, per sector)"),
)
class ReportBatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ReportBatchSerializer
    ordering_fields = ["started_at", "id"]
    ordering = ["-started_at", "-id"]

    def get_queryset(self):
        return selectors.batch_list_visible_to(user=self.request.user).prefetch_related("items")

    def fetch(self, pk) -> ReportBatch:
        try:
            return self.get_queryset().get(pk=object_id(pk))
        except ReportBatch.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.ReportBatchSerializer)

    @extend_schema(
        summary="Export every sector the user may summarise, for a year (one task per sector; a running export "
        "of the same year and language is returned instead, 200)",
        request=serializers.BatchRequestInput,
        responses={
            201: serializers.ReportBatchSerializer,
            200: OpenApiResponse(serializers.ReportBatchSerializer, description="Running."),
        },
    )
    def create(self, request):
        sector_keys = selectors.sector_keys_for(user=request.user)
        require(bool(sector_keys))
        data = validated(serializers.BatchRequestInput, request.data)
        batch, created = services.batch_start(
            year=data["year"], language=data["language"], sector_keys=sector_keys, acting_user=request.user,
            issuer=selectors.issuer_for(user=request.user, language=data["language"]), now=timezone.now(),
            channel=API,
        )  # fmt: skip
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        headers = {"Location": f"/api/v1/report-batches/{batch.pk}/"}
        return represent(self, self.fetch(batch.pk), serializers.ReportBatchSerializer, status=code, headers=headers)

    @extend_schema(summary="Download the export's zip (logged as the page's download)", responses=ZIP)
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        response = stream_batch(request, self.fetch(pk), channel=API)
        response["X-Content-Type-Options"] = "nosniff"
        return response
