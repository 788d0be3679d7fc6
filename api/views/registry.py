"""The registry, read through the access app's scope: sectors, agencies (current level), and per agency
its level history, contacts, information systems and registry events. Outside the scope → 404. A POST to
an agency's levels, contacts or systems proposes a level or adds a row (``registry_writes``)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action

from access.selectors import agencies_visible_to
from api.filters import AgencyFilter
from api.serializers import registry as serializers
from api.views import registry_writes as writes
from api.views.common import object_id, represent
from infrastructure import selectors
from infrastructure.models import Agency, Sector


@extend_schema_view(
    list=extend_schema(summary="Critical-infrastructure sectors"), retrieve=extend_schema(summary="One sector")
)
class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SectorSerializer
    queryset = Sector.objects.order_by("sort_order", "code")
    filterset_fields = ["is_active"]
    ordering_fields = ["sort_order", "code", "id"]


def _nested(serializer_class, summary: str):
    return lambda func: extend_schema(summary=summary)(
        action(
            detail=True, methods=["get"], serializer_class=serializer_class, filterset_class=None, ordering_fields=[]
        )(func)
    )


@extend_schema_view(
    list=extend_schema(summary="Agencies the user may see, with the level in force today"),
    retrieve=extend_schema(summary="One agency"),
)
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgencySerializer
    filterset_class = AgencyFilter
    ordering_fields = ["name", "id", "created_at"]

    def get_queryset(self):
        visible = agencies_visible_to(user=self.request.user)
        return selectors.agency_list(filters=selectors.AgencyFilters(is_active=None), base=visible)

    def fetch(self, pk) -> Agency:
        try:
            return selectors.agency_get_detail(
                agency_id=object_id(pk), base=agencies_visible_to(user=self.request.user)
            )
        except Agency.DoesNotExist:
            raise Http404 from None

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.AgencySerializer)

    def _page(self, rows, serializer_class):
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer_class(page, many=True).data)

    @_nested(serializers.LevelDecisionSerializer, "The agency's responsibility-level history (newest first)")
    def levels(self, request, pk=None):
        return self._page(list(self.fetch(pk).level_decisions.all()), serializers.LevelDecisionSerializer)

    @levels.mapping.post
    @extend_schema(
        summary="Propose a level (分級辦法 Arts 3-10: superior agency, or the sector regulator of an SNGA)",
        request=serializers.LevelProposeInput,
        responses={201: serializers.LevelDecisionDetailSerializer},
        examples=[writes.PROPOSAL_EXAMPLE],
    )
    def level_propose(self, request, pk=None):
        return writes.level_propose(self, request, pk)

    @_nested(serializers.ContactSerializer, "The agency's contacts (CISO, security officer, 24-hour contact)")
    def contacts(self, request, pk=None):
        return self._page(list(self.fetch(pk).contacts.all()), serializers.ContactSerializer)

    @contacts.mapping.post
    @extend_schema(
        summary="Add a contact; the current holder of the role ends the day before",
        request=serializers.ContactCreateInput,
        responses={201: serializers.VersionedContactSerializer},
    )
    def contact_create(self, request, pk=None):
        return writes.contact_create(self, request, pk)

    @_nested(serializers.SystemSerializer, "The agency's information systems")
    def systems(self, request, pk=None):
        return self._page(list(self.fetch(pk).systems.all()), serializers.SystemSerializer)

    @systems.mapping.post
    @extend_schema(
        summary="Record a new information system",
        request=serializers.SystemCreateInput,
        responses={201: serializers.VersionedSystemSerializer},
    )
    def system_create(self, request, pk=None):
        return writes.system_create(self, request, pk)

    @_nested(serializers.AgencyEventSerializer, "The agency's registry events (newest first)")
    def events(self, request, pk=None):
        agency = self.fetch(pk)
        return self._page(selectors.agency_events(agency=agency), serializers.AgencyEventSerializer)
