"""The registry's agency events in the audit trail (access/trail.py), registered by InfrastructureConfig.ready():
the trail search, its export, the retention purge and each agency's history page read them from here."""

from django.db.models import F, QuerySet, Value
from django.utils.translation import gettext_lazy as _

from access.trail import TrailFilters, TrailSource, as_text, trail_rows
from infrastructure.models import AgencyEvent


def _agency_event_rows(f: TrailFilters) -> QuerySet:
    qs = AgencyEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("registry"),
        object_type=Value("agency"),
        object_ref=as_text("agency_id"),
        label=F("agency__name"),
        ip=as_text("ip_address"),
    )
    return trail_rows(qs, f, time="occurred_at", label="agency__name", object_field="agency_id")


REGISTRY_SOURCE = TrailSource(
    key="registry",
    label=_("Registry changes"),
    model=AgencyEvent,
    time_field="occurred_at",
    rows=_agency_event_rows,
    kinds=lambda: dict(AgencyEvent.Kind.choices),
    object_type="agency",
    field_history_type="infrastructure.agency",
)
