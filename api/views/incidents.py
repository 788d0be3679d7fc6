"""Incidents: list and read (with the legal clocks), file (idempotent), update the notification
(If-Match required), read the timeline. The workflow steps are in ``incident_steps``."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action

from access.audit import read_log
from access.models import ReadEvent
from access.selectors import agencies_visible_to
from api import idempotency
from api.filters import IncidentFilter
from api.schema import IF_MATCH
from api.serializers.incidents import (
    IncidentEventSerializer,
    IncidentFileInput,
    IncidentSerializer,
    IncidentUpdateInput,
)
from api.views.common import guarded_write, object_id, represent, require, validated
from api.views.incident_steps import IncidentStepsMixin
from incidents import rules, selectors, services
from incidents.models import Incident

FILING_EXAMPLE = OpenApiExample(
    "Level2Filing",
    summary="Level-2 filing (confidentiality affected on a core system)",
    request_only=True,
    value={
        "agency": 16,
        "title": "Ransomware on a file server",
        "incident_type": "malware",
        "aware_at": "2026-12-01T18:05:25+08:00",
        "description": "Files encrypted on FS01.",
        "measures_taken": "FS01 isolated from the network.",
        "confidentiality": "minor",
        "confidentiality_scope": "core",
    },
)
UPDATE_EXAMPLE = OpenApiExample(
    "LevelRaised",
    summary="Continued notification raising the level",
    request_only=True,
    value={
        "description": "Encryption spread to the backup server.",
        "measures_taken": "Both servers isolated; restoring from offline backups.",
        "level": 3,
        "level_reason": "A core system cannot be restored within its tolerable downtime.",
    },
)
IDEMPOTENCY_KEY = OpenApiParameter(
    idempotency.HEADER,
    str,
    OpenApiParameter.HEADER,
    description="Any unique string (e.g. a UUID) per filing: a retry with the same key and body files nothing "
    "and returns the incident filed first (200, Idempotent-Replayed: true).",
)


def notification_input(data: dict) -> services.NotificationInput:
    answers = rules.ImpactAnswers(**{k: data[k] for k in rules.IMPACT_FIELDS})
    fields = (
        "title", "incident_type", "occurred_at", "aware_at", "description", "measures_taken", "level", "level_reason",
        "external_support_needed", "external_support", "other_matters", "affected_system_ids", "channel",
        "fallback_reason", "fallback_reported_at", "late_reason",
    )  # fmt: skip
    return services.NotificationInput(answers=answers, **{k: data[k] for k in fields})


@extend_schema_view(
    list=extend_schema(summary="Incidents the user may see", description="Nearest deadlines are in `clocks`."),
    retrieve=extend_schema(summary="One incident with its legal clocks (logged as a read)"),
)
class IncidentViewSet(IncidentStepsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    ordering_fields = ["aware_at", "reported_at", "level", "id"]
    ordering = ["-aware_at", "-id"]
    idempotent_create = True

    def get_queryset(self):
        return selectors.incident_list_visible(user=self.request.user)

    def fetch(self, pk) -> Incident:
        try:
            return selectors.incident_get_for_user(user=self.request.user, incident_id=object_id(pk))
        except Incident.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        incident = self.fetch(pk)
        _log(request, incident, "incident")
        return represent(self, incident, IncidentSerializer)

    @extend_schema(
        summary="File an incident notification",
        request=IncidentFileInput,
        parameters=[IDEMPOTENCY_KEY],
        examples=[FILING_EXAMPLE],
        responses={201: IncidentSerializer, 200: OpenApiResponse(IncidentSerializer, description="Replay of a key.")},
    )
    def create(self, request):
        data = validated(IncidentFileInput, request.data)
        agency = get_object_or_404(agencies_visible_to(user=request.user), pk=data["agency"])
        require(selectors.agencies_user_acts_for(user=request.user).filter(pk=agency.pk).exists())
        key = idempotency.request_key(request)
        with transaction.atomic():
            claimed = idempotency.claim(user=request.user, key=key, data=request.data) if key else None
            if claimed is not None and claimed.incident_id:
                return represent(
                    self, self.fetch(claimed.incident_id), IncidentSerializer, headers={"Idempotent-Replayed": "true"}
                )
            incident = services.incident_report_create(
                agency=agency, data=notification_input(data), acting_user=request.user, now=timezone.now(),
                submit=data["submit"],
            )  # fmt: skip
            if claimed is not None:
                claimed.incident = incident
                claimed.save(update_fields=["incident", "updated_at"])
        location = {"Location": f"/api/v1/incidents/{incident.pk}/"}
        return represent(
            self, self.fetch(incident.pk), IncidentSerializer, status=status.HTTP_201_CREATED, headers=location
        )

    @extend_schema(
        summary="Continued notification (續行通報): updated facts, optionally a new level with its reason",
        request=IncidentUpdateInput,
        parameters=[IF_MATCH],
        examples=[UPDATE_EXAMPLE],
        responses=IncidentSerializer,
    )
    def partial_update(self, request, pk=None):
        def update(incident):
            data = validated(IncidentUpdateInput, request.data)
            services.incident_renotify(incident=incident, acting_user=request.user, now=timezone.now(), **data)

        incident = guarded_write(
            request, model=Incident, pk=object_id(pk), fetch=self.fetch, if_match_required=True, action=update,
            allowed=lambda i: selectors.may_act_for(user=request.user, incident=i) and i.status in rules.OPEN_FOR_UPDATE,
        )  # fmt: skip
        return represent(self, incident, IncidentSerializer)

    @extend_schema(summary="The incident's timeline (events, oldest first; logged as a read)")
    @action(detail=True, methods=["get"], serializer_class=IncidentEventSerializer, filterset_class=None)
    def events(self, request, pk=None):
        incident = self.fetch(pk)
        _log(request, incident, "timeline")
        page = self.paginate_queryset(selectors.incident_events(incident=incident))
        return self.get_paginated_response(IncidentEventSerializer(page, many=True).data)


def _log(request, incident: Incident, what: str) -> None:
    read_log(
        user=request.user,
        action=ReadEvent.Action.VIEW,
        object_type="incident",
        object_id=incident.pk,
        description=f"{what}: {incident.title}",
        data={"channel": "api"},
    )
