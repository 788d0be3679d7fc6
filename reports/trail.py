"""Report events (drafts, issues, downloads, batch exports) in the audit trail (access/trail.py), registered by
ReportsConfig.ready(): the trail search, its export and the retention purge read them from here."""

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from access.trail import TrailFilters, TrailSource, as_text, trail_rows
from reports.models import ReportEvent


def _rows(f: TrailFilters) -> QuerySet:
    qs = ReportEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("reports"),
        object_type=Value("reports.generatedreport"),
        object_ref=as_text("report_id"),
        label=Coalesce("report__subject", Value(""), output_field=CharField()),
        ip=as_text("ip_address"),
    )
    return trail_rows(qs, f, time="occurred_at", label="label", object_field="report_id")


REPORT_SOURCE = TrailSource(
    key="reports",
    label=_("Reports"),
    model=ReportEvent,
    time_field="occurred_at",
    rows=_rows,
    kinds=lambda: dict(ReportEvent.Kind.choices),
)
