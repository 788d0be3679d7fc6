"""Query filters (django-filter) applied on top of the apps' scoped selectors; they narrow what the
selector already allows and never widen it."""

import django_filters as df
from django import forms
from django.db.models import Q
from django_filters.fields import IsoDateTimeField

from access.trail import TrailFilters, source_choices
from audits import rules as audit_rules
from audits.models import Audit, AuditPlan
from common import forms as bounded_forms
from common.forms import in_utc, validate_date_in_range
from incidents import rules as incident_rules
from incidents.models import Drill, Incident, IncidentType
from infrastructure.models import Agency, AgencyKind, ResponsibilityLevel
from obligations.models import EvidenceSubmission, Obligation
from obligations.selectors.obligations import DISPLAY_STATUSES, year_q
from reports.models import GeneratedReport, ReportKind

MAX_ID = 2**63 - 1


class IdFilter(df.NumberFilter):
    """An id: a whole number within the database's bigint (a larger one is a 400, never an overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class BoundedIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 instant whose date lies in the project's range, passed on in UTC (any offset)."""

    def to_python(self, value):
        result = super().to_python(value)
        validate_date_in_range(result)
        return in_utc(result)


class DateTimeFilter(df.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class BoundedDateFilter(df.DateFilter):
    field_class = bounded_forms.DateField


class YearFilter(IdFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=9999, **kwargs)


class AgencyFilter(df.FilterSet):
    q = df.CharFilter(method="search", help_text="Name, English name, OID prefix or organisation code.")
    kind = df.ChoiceFilter(choices=AgencyKind.choices)
    sector = IdFilter(field_name="sectors")
    level = df.ChoiceFilter(field_name="current_level", choices=ResponsibilityLevel.choices)
    regulator = IdFilter(field_name="regulator_id")
    parent = IdFilter(field_name="parent_id")
    is_active = df.BooleanFilter()

    class Meta:
        model = Agency
        fields = ["q", "kind", "sector", "level", "regulator", "parent", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(name_en__icontains=value) | Q(oid__startswith=value) | Q(org_code=value)
        )


class ObligationFilter(df.FilterSet):
    year = YearFilter(method="in_year", help_text="Assigned for, or falling due in, this year.")
    status = df.ChoiceFilter(field_name="display_status", choices=[(s, s) for s in DISPLAY_STATUSES])
    agency = IdFilter(field_name="agency_id")
    level = df.ChoiceFilter(choices=ResponsibilityLevel.choices)
    due_before = BoundedDateFilter(field_name="due_on", lookup_expr="lte")
    due_after = BoundedDateFilter(field_name="due_on", lookup_expr="gte")

    class Meta:
        model = Obligation
        fields = ["year", "status", "agency", "level", "due_before", "due_after"]

    def in_year(self, queryset, name, value):
        return queryset.filter(year_q(value))


class SubmissionFilter(df.FilterSet):
    review = df.ChoiceFilter(choices=EvidenceSubmission.Review.choices)
    obligation = IdFilter(field_name="obligation_id")
    agency = IdFilter(field_name="obligation__agency_id")

    class Meta:
        model = EvidenceSubmission
        fields = ["review", "obligation", "agency"]


class IncidentFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=incident_rules.IncidentStatus.choices)
    level = df.ChoiceFilter(choices=[(level.value, level.label) for level in incident_rules.IncidentLevel])
    incident_type = df.ChoiceFilter(choices=IncidentType.choices)
    agency = IdFilter(field_name="agency_id")
    aware_after = DateTimeFilter(field_name="aware_at", lookup_expr="gte")
    aware_before = DateTimeFilter(field_name="aware_at", lookup_expr="lte")
    is_forwarded = df.BooleanFilter(field_name="forwarded_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Incident
        fields = ["status", "level", "incident_type", "agency", "aware_after", "aware_before", "is_forwarded"]


class DrillFilter(df.FilterSet):
    agency = IdFilter(field_name="agency_id")
    kind = df.ChoiceFilter(choices=incident_rules.DrillKind.choices)
    year = YearFilter(field_name="starts_on__year")

    class Meta:
        model = Drill
        fields = ["agency", "kind", "year"]


class GeneratedReportFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=ReportKind.choices)
    status = df.ChoiceFilter(choices=GeneratedReport.Status.choices)
    year = YearFilter(field_name="year")
    agency = IdFilter(field_name="agency_id")

    class Meta:
        model = GeneratedReport
        fields = ["kind", "status", "year", "agency"]


class AuditPlanFilter(df.FilterSet):
    authority = IdFilter(field_name="authority_id")
    year = YearFilter(field_name="year")

    class Meta:
        model = AuditPlan
        fields = ["authority", "year"]


class AuditFilter(df.FilterSet):
    plan = IdFilter(field_name="plan_id")
    auditee = IdFilter(field_name="auditee_id")
    status = df.ChoiceFilter(choices=audit_rules.AuditStatus.choices)
    year = YearFilter(field_name="plan__year")

    class Meta:
        model = Audit
        fields = ["plan", "auditee", "status", "year"]


class TrailEventFilter(df.FilterSet):
    """The audit trail's search (access/trail.py): the parameters become one ``TrailFilters``; the trail's
    union query is then built by ``trail_search`` itself (a union cannot be filtered afterwards)."""

    agency = IdFilter(method="as_trail", help_text="Events about this agency (registry changes and reads of it).")
    source = df.ChoiceFilter(method="as_trail", choices=source_choices(), help_text="One source of the trail.")
    kind = df.CharFilter(method="as_trail", max_length=40, help_text="Event kind, e.g. `level_approved`.")
    actor = df.CharFilter(method="as_trail", max_length=150, help_text="Username of the acting user.")
    since = DateTimeFilter(method="as_trail", help_text="From this instant (inclusive; any offset).")
    until = DateTimeFilter(method="as_trail", help_text="Before this instant (exclusive; any offset).")

    def as_trail(self, queryset, name, value):
        return queryset  # never applied: ``trail_filters`` hands the values to the trail search

    def trail_filters(self) -> TrailFilters:
        data = self.form.cleaned_data
        agency = data.get("agency")
        return TrailFilters(
            source=data.get("source") or "",
            kind=(data.get("kind") or "").strip(),
            actor=(data.get("actor") or "").strip(),
            object_type="agency" if agency else "",
            object_id=str(agency) if agency else "",
            since=data.get("since"),
            until=data.get("until"),
        )
