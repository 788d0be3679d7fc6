"""Registry writes, each one service of ``infrastructure.services`` behind the same checks as the pages and the
admin (``infrastructure.selectors``: ``level_may_propose`` / ``level_may_decide`` / ``record_may_write``):
superior agencies and sector regulators propose and submit levels, the competent authority (or the deciding
body of Art 3 V) approves, rejects and files; contacts and information systems are kept by whoever may keep
them in the admin. Fetch through the user's scope (404), check (403), If-Match (412), one service under the
row lock; a decision closed meanwhile is the service's conflict (409)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action

from api.schema import IF_MATCH
from api.serializers import registry as serializers
from api.views.common import guarded_write, object_id, represent, validated
from infrastructure import selectors, services
from infrastructure.models import Agency, AgencyContact, AgencyEvent, InformationSystem, LevelDecision

API = AgencyEvent.Channel.API
SYSTEM_EXISTS = _("This agency already has a system of this name: update it instead.")

PROPOSAL_EXAMPLE = OpenApiExample(
    "LevelCProposal",
    summary="Level C by criterion C-1, proposed by the superior agency",
    request_only=True,
    value={"level": "C", "criteria": ["C-1"], "adjustment_reason": ""},
)


def _get(queryset, pk):
    try:
        return queryset.get(pk=object_id(pk))
    except queryset.model.DoesNotExist:
        raise Http404 from None


def agency_create(view, request, pk, *, allowed, run, serializer_class):
    """Create a row under the agency (locked, so two creates of one agency run one after the other)."""
    created = []
    guarded_write(
        request,
        model=Agency,
        pk=object_id(pk),
        fetch=view.fetch,
        allowed=allowed,
        action=lambda a: created.append(run(a)),
    )
    return represent(view, created[0], serializer_class, status=status.HTTP_201_CREATED)


def level_propose(view, request, pk):
    def run(agency):
        data = validated(serializers.LevelProposeInput, request.data)
        return services.level_propose(agency=agency, acting_user=request.user, channel=API, now=timezone.now(), **data)

    return agency_create(
        view,
        request,
        pk,
        allowed=lambda agency: selectors.level_may_propose(request.user, agency),
        run=run,
        serializer_class=serializers.LevelDecisionDetailSerializer,
    )


def contact_create(view, request, pk):
    def run(agency):
        data = validated(serializers.ContactCreateInput, request.data)
        return services.contact_add(agency=agency, acting_user=request.user, channel=API, **data, now=timezone.now())

    return agency_create(
        view,
        request,
        pk,
        allowed=lambda agency: selectors.record_may_write(request.user, AgencyContact, "add"),
        run=run,
        serializer_class=serializers.VersionedContactSerializer,
    )


def system_create(view, request, pk):
    def run(agency):
        data = validated(serializers.SystemCreateInput, request.data)
        if agency.systems.filter(name=data["name"]).exists():  # a POST creates; PATCH /systems/{id}/ updates
            raise ValidationError({"name": SYSTEM_EXISTS})
        # every field recorded (the model's default where absent), as the admin's form sends them
        defaults = {name: InformationSystem._meta.get_field(name).get_default() for name in services.SYSTEM_FIELDS}
        return services.system_record(
            agency=agency, acting_user=request.user, channel=API, **(defaults | data), now=timezone.now()
        )

    return agency_create(
        view,
        request,
        pk,
        allowed=lambda agency: selectors.record_may_write(request.user, InformationSystem, "add"),
        run=run,
        serializer_class=serializers.VersionedSystemSerializer,
    )


def _step(summary: str, request_serializer):
    def wrap(func):
        schema = extend_schema(
            summary=summary,
            request=request_serializer,
            parameters=[IF_MATCH],
            responses=serializers.LevelDecisionDetailSerializer,
        )
        return schema(
            action(detail=True, methods=["post"], filterset_class=None, ordering_fields=[])(func)
        )  # schema last

    return wrap


@extend_schema_view(retrieve=extend_schema(summary="One responsibility-level decision (with its ETag)"))
class LevelDecisionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.LevelDecisionDetailSerializer
    filterset_class = None
    ordering_fields: list[str] = []

    def get_queryset(self):
        return selectors.level_decisions_visible_to(user=self.request.user)

    def fetch(self, pk) -> LevelDecision:
        return _get(self.get_queryset(), pk)

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), serializers.LevelDecisionDetailSerializer)

    def _run(self, request, pk, allowed, run):
        decision = guarded_write(
            request, model=LevelDecision, pk=object_id(pk), fetch=self.fetch, allowed=allowed, action=run
        )
        return represent(self, decision, serializers.LevelDecisionDetailSerializer)

    def _proposer(self, request):
        return lambda decision: selectors.level_may_propose(request.user, decision.agency)

    def _decider(self, request):
        return lambda decision: selectors.level_may_decide(request.user, decision)

    @_step("Submit the proposal for approval (superior agency or sector regulator)", serializers.EmptyInput)
    def submit(self, request, pk=None):
        def run(decision):
            services.level_submit(decision=decision, now=timezone.now(), acting_user=request.user, channel=API)

        return self._run(request, pk, self._proposer(request), run)

    @_step(
        "Approve the level from a date (competent authority; Art 3 V: the deciding body)", serializers.LevelApproveInput
    )
    def approve(self, request, pk=None):
        def run(decision):
            data = validated(serializers.LevelApproveInput, request.data)
            services.level_approve(decision=decision, now=timezone.now(), acting_user=request.user, channel=API, **data)

        return self._run(request, pk, self._decider(request), run)

    @_step("Reject (return for revision) with a reason", serializers.LevelRejectInput)
    def reject(self, request, pk=None):
        def run(decision):
            reason = validated(serializers.LevelRejectInput, request.data)["reason"]
            services.level_reject(
                decision=decision, reason=reason, now=timezone.now(), acting_user=request.user, channel=API
            )

        return self._run(request, pk, self._decider(request), run)

    @_step("File a level decided under Art 3 V with the competent authority for reference", serializers.EmptyInput)
    def file(self, request, pk=None):
        def run(decision):
            services.level_file_for_reference(
                decision=decision, now=timezone.now(), acting_user=request.user, channel=API
            )

        return self._run(request, pk, self._decider(request), run)


class _RecordViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One contact or system of a visible agency: read it (with its ETag), update it (If-Match required)."""

    filterset_class = None
    ordering_fields: list[str] = []
    model: type
    scope = None

    def get_queryset(self):
        return type(self).scope(user=self.request.user)

    def fetch(self, pk):
        return _get(self.get_queryset(), pk)

    def retrieve(self, request, pk=None):
        return represent(self, self.fetch(pk), self.serializer_class)

    def _update(self, request, pk, run):
        obj = guarded_write(
            request, model=self.model, pk=object_id(pk), fetch=self.fetch, action=run, if_match_required=True,
            allowed=lambda _obj: selectors.record_may_write(request.user, self.model, "change"),
        )  # fmt: skip
        return represent(self, obj, self.serializer_class)


@extend_schema_view(retrieve=extend_schema(summary="One contact of an agency (with its ETag)"))
class ContactViewSet(_RecordViewSet):
    serializer_class = serializers.VersionedContactSerializer
    model = AgencyContact
    scope = staticmethod(selectors.contacts_visible_to)

    @extend_schema(
        summary="End the contact's validity (a contact is otherwise never edited: add a new one)",
        request=serializers.ContactEndInput,
        parameters=[IF_MATCH],
        responses=serializers.VersionedContactSerializer,
    )
    def partial_update(self, request, pk=None):
        def run(contact):
            data = validated(serializers.ContactEndInput, request.data)
            services.contact_end(contact=contact, acting_user=request.user, channel=API, **data, now=timezone.now())

        return self._update(request, pk, run)


@extend_schema_view(retrieve=extend_schema(summary="One information system of an agency (with its ETag)"))
class SystemViewSet(_RecordViewSet):
    serializer_class = serializers.VersionedSystemSerializer
    model = InformationSystem
    scope = staticmethod(selectors.systems_visible_to)

    @extend_schema(
        summary="Update the system's recorded fields (any subset; the name identifies it)",
        request=serializers.SystemUpdateInput,
        parameters=[IF_MATCH],
        responses=serializers.VersionedSystemSerializer,
    )
    def partial_update(self, request, pk=None):
        def run(system):
            serializer = serializers.SystemUpdateInput(data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            fields = {name: getattr(system, name) for name in services.SYSTEM_FIELDS} | serializer.validated_data
            services.system_record(
                agency=system.agency,
                name=system.name,
                acting_user=request.user,
                channel=API,
                **fields,
                now=timezone.now(),
            )

        return self._update(request, pk, run)
