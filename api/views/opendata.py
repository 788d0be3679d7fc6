"""Open data, read-only: the releases (published ones for everybody, without a login; drafts and releases
under review for the competent authority only, anyone else 404) and their files. The same selectors as
the pages (opendata/selectors.py)."""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny

from api.serializers import opendata as serializers
from api.views.common import object_id, represent
from opendata import selectors
from opendata.models import DatasetRelease, ReleaseFile

# The release id as an integer in the schema (documented 404 for anything else), so clients and the
# conformance fuzzing know its type; the path itself accepts any text and answers 404 (api.views.common.object_id).
RELEASE_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The release id.")


@extend_schema_view(
    list=extend_schema(summary="Open-data releases (published ones are public: no token needed)"),
    retrieve=extend_schema(summary="One open-data release with its files", parameters=[RELEASE_ID]),
)
class ReleaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ReleaseSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["year", "quarter", "status"]
    ordering_fields = ["year", "quarter", "version", "published_at", "id"]
    queryset = DatasetRelease.objects.none()  # typing of the path parameter only; rows come from the selector

    def get_queryset(self):
        return selectors.release_list_for(user=self.request.user)

    def fetch(self, pk) -> DatasetRelease:
        try:
            return selectors.release_get_for(user=self.request.user, release_id=object_id(pk))
        except DatasetRelease.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.ReleaseSerializer)

    @extend_schema(
        summary="Download one file of a release (CSV in UTF-8 with BOM, or JSON)",
        parameters=[
            RELEASE_ID,
            OpenApiParameter("name", str, OpenApiParameter.PATH, description="The file name, as listed."),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="files/<str:name>",
        url_name="file",
        filterset_fields=[],
        ordering_fields=[],
    )
    def file(self, request, pk=None, name=None):
        release = self.fetch(pk)
        try:
            stored = selectors.file_get_for(user=request.user, release=release, name=name)
        except ReleaseFile.DoesNotExist:
            raise Http404 from None
        content_type = "text/csv" if stored.format == "csv" else "application/json"
        response = FileResponse(
            stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
