"""The incident workflow steps, each one service of incidents.services behind the same checks as the
pages: the agency acts (submit, recover, report), the reviewer reviews and forwards, the competent
authority changes the level. If-Match is optional on steps (the state machine refuses a repeated step)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from api.schema import IF_MATCH
from api.serializers import incidents as serializers
from api.views.common import guarded_write, object_id, represent, validated
from incidents import rules, selectors, services
from incidents.models import Incident


def _acts(user):
    return lambda incident: selectors.may_act_for(user=user, incident=incident)


def _reviews(user):
    return lambda incident: selectors.may_review(user=user, incident=incident)


def _step(summary: str, request_serializer, url_path: str | None = None):
    def wrap(func):
        schema = extend_schema(
            summary=summary, request=request_serializer, parameters=[IF_MATCH], responses=serializers.IncidentSerializer
        )
        options = {"url_path": url_path} if url_path else {}
        step = action(
            detail=True,
            methods=["post"],
            serializer_class=serializers.IncidentSerializer,
            filterset_class=None,
            **options,
        )(func)
        return schema(step)  # after @action, which would otherwise replace the schema's kwargs

    return wrap


class IncidentStepsMixin:
    def _run(self, request, pk, allowed, run):
        incident = guarded_write(
            request, model=Incident, pk=object_id(pk), fetch=self.fetch, allowed=allowed, action=run
        )
        return represent(self, incident, serializers.IncidentSerializer)

    @_step("Report a draft (the 1-hour notification clock is met or missed)", serializers.SubmitInput)
    def submit(self, request, pk=None):
        def run(incident):
            data = validated(serializers.SubmitInput, request.data)
            services.incident_submit(incident=incident, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, _acts(request.user), run)

    @_step("Review the level (reviewer or competent authority), optionally forwarding", serializers.ReviewInput)
    def review(self, request, pk=None):
        def run(incident):
            data = validated(serializers.ReviewInput, request.data)
            services.incident_review_complete(incident=incident, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, _reviews(request.user), run)

    @_step("Forward to the competent authority", serializers.EmptyInput)
    def forward(self, request, pk=None):
        def run(incident):
            services.incident_forward(incident=incident, acting_user=request.user, now=timezone.now())

        return self._run(request, pk, _reviews(request.user), run)

    @_step(
        "Change the level after the review (competent authority); clocks recomputed from aware-at",
        serializers.LevelChangeInput,
    )
    def level(self, request, pk=None):
        def run(incident):
            data = validated(serializers.LevelChangeInput, request.data)
            services.incident_level_change(incident=incident, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, lambda i: selectors.may_rereview(user=request.user, incident=i), run)

    @_step(
        "Record damage control or recovery; the investigation report falls due one month later",
        serializers.RecoverInput,
    )
    def recover(self, request, pk=None):
        def run(incident):
            data = validated(serializers.RecoverInput, request.data)
            services.incident_mark_recovered(incident=incident, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, _acts(request.user), run)

    @_step("Submit the investigation, handling and improvement report", serializers.ReportInput)
    def report(self, request, pk=None):
        def run(incident):
            contents = services.ReportContents(**validated(serializers.ReportInput, request.data))
            services.incident_report_submit(
                incident=incident, contents=contents, acting_user=request.user, now=timezone.now()
            )

        def allowed(incident):  # as the page: the agency, and only when a report can be submitted
            may_act = selectors.may_act_for(user=request.user, incident=incident)
            return may_act and rules.can_transition(incident.status, rules.IncidentStatus.REPORT_SUBMITTED)

        return self._run(request, pk, allowed, run)

    @_step("Accept the report, or ask for an explanation", serializers.ReportDecisionInput, url_path="report-decision")
    def report_decision(self, request, pk=None):
        def run(incident):
            data = validated(serializers.ReportDecisionInput, request.data)
            services.incident_report_decide(incident=incident, acting_user=request.user, now=timezone.now(), **data)

        return self._run(request, pk, _reviews(request.user), run)
