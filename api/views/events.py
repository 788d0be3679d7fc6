"""The audit trail (read-only), exactly as the trail page: the holders of ``access.view_event_log`` see it
whole (anyone else: 403, as on the page), filtered through the trail's own search, newest first."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError

from access.trail import trail_search, with_labels
from access.trail_display import readable
from api.filters import TrailEventFilter
from api.serializers.events import TrailEventSerializer
from api.views.common import require
from infrastructure.models import AgencyEvent


class TrailEventViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TrailEventSerializer
    filterset_class = TrailEventFilter
    filter_backends = [DjangoFilterBackend]  # newest first, as the page: no other ordering

    def get_queryset(self):
        return AgencyEvent.objects.none()  # for the schema only: ``list`` reads the trail search

    @extend_schema(
        summary="The audit trail: every registered event source, newest first (competent authority)",
        description="The same rows and filters as the audit-trail page; `changes` are the page's readable details.",
    )
    def list(self, request):
        require(request.user.has_perm("access.view_event_log"))
        filters = TrailEventFilter(request.query_params, queryset=self.get_queryset(), request=request)
        if not filters.is_valid():
            raise ValidationError(filters.errors)
        page = self.paginate_queryset(trail_search(filters=filters.trail_filters()))
        return self.get_paginated_response(TrailEventSerializer(readable(with_labels(page)), many=True).data)
