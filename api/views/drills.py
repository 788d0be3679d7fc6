"""Drills (通報及應變辦法 Art 8): read; the agency records when it ran one and submits the results."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from access import policy
from access.selectors import user_has_agency_perm
from api.filters import DrillFilter
from api.schema import IF_MATCH
from api.serializers import incidents as serializers
from api.views.common import guarded_write, object_id, represent, validated
from incidents import selectors, services
from incidents.models import Drill, DrillEvent


@extend_schema_view(list=extend_schema(summary="Drills of the agencies the user may see"))
class DrillViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.DrillSerializer
    filterset_class = DrillFilter
    ordering_fields = ["starts_on", "ends_on", "id"]

    def get_queryset(self):
        return selectors.drill_list_visible_to(user=self.request.user).order_by("starts_on", "id")

    def fetch(self, pk) -> Drill:
        try:
            return self.get_queryset().get(pk=object_id(pk))
        except Drill.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.DrillSerializer)

    def _run(self, request, pk, run):
        drill = guarded_write(
            request, model=Drill, pk=object_id(pk), fetch=self.fetch, action=run,
            allowed=lambda d: user_has_agency_perm(user=request.user, codename=policy.ACT_FOR_AGENCY, agency=d.agency),
        )  # fmt: skip
        return represent(self, drill, serializers.DrillSerializer)

    @extend_schema(
        summary="Record when the drill was conducted", request=serializers.DrillConductedInput, parameters=[IF_MATCH]
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def conducted(self, request, pk=None):
        def run(drill):
            data = validated(serializers.DrillConductedInput, request.data)
            services.drill_record_conducted(drill=drill, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, run)

    @extend_schema(summary="Submit the drill's results", request=serializers.DrillResultsInput, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], filterset_class=None)
    def results(self, request, pk=None):
        def run(drill):
            data = validated(serializers.DrillResultsInput, request.data)
            services.drill_submit_results(drill=drill, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, run)

    @extend_schema(summary="The drill's events")
    @action(detail=True, methods=["get"], serializer_class=serializers.DrillEventSerializer, filterset_class=None)
    def events(self, request, pk=None):
        drill = self.fetch(pk)
        page = self.paginate_queryset(
            DrillEvent.objects.filter(drill=drill).select_related("actor").order_by("occurred_at", "id")
        )
        return self.get_paginated_response(serializers.DrillEventSerializer(page, many=True).data)
