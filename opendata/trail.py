"""Open-data events in the audit trail (access/trail.py), registered by OpendataConfig.ready()."""

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from access.trail import TrailFilters, TrailSource, as_text, trail_rows
from opendata.models import OpenDataEvent


def _rows(f: TrailFilters) -> QuerySet:
    qs = OpenDataEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("opendata"),
        object_type=Value("opendata_release"),
        object_ref=as_text("release_id"),
        label=Concat(
            Cast("release__year", output_field=CharField()),
            Value(" Q"),
            Cast("release__quarter", output_field=CharField()),
            Value(" v"),
            Cast("release__version", output_field=CharField()),
            output_field=CharField(),
        ),
        ip=as_text("ip_address"),
    )
    return trail_rows(qs, f, time="occurred_at", label="label", object_field="release_id")


OPENDATA_SOURCE = TrailSource(
    key="opendata",
    label=_("Open data"),
    model=OpenDataEvent,
    time_field="occurred_at",
    rows=_rows,
    kinds=lambda: dict(OpenDataEvent.Kind.choices),
    object_type="opendata_release",
)
