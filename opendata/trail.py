"""Open-data events in the audit trail (access/trail.py), registered by OpendataConfig.ready()."""

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from access.trail import TrailFilters, TrailSource, as_text, trail_rows
from opendata.models import OpenDataEvent


def _text(expression) -> Cast:
    return Cast(expression, output_field=CharField())


def _label() -> Case:
    """The release as the pages name it, in SQL (the trail is one union query): 民國115年 第1版, or
    民國115年第2季 第1版 for a quarter (a whole year is quarter 0, never shown)."""
    year = Concat(Value("民國"), _text(F("release__year") - 1911), Value("年"), output_field=CharField())
    version = Concat(Value(" 第"), _text("release__version"), Value("版"), output_field=CharField())
    quarter = Concat(Value("第"), _text("release__quarter"), Value("季"), output_field=CharField())
    return Case(
        When(release__quarter=0, then=Concat(year, version, output_field=CharField())),
        default=Concat(year, quarter, version, output_field=CharField()),
        output_field=CharField(),
    )


def _rows(f: TrailFilters) -> QuerySet:
    qs = OpenDataEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("opendata"),
        object_type=Value("opendata_release"),
        object_ref=as_text("release_id"),
        label=_label(),
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
