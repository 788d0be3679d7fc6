"""The audit trail as one searchable stream: registry events, access events, confidential reads and
field-level history (django-auditlog), as a UNION of ``values()`` querysets — one query per page."""

from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from access.models import AccessEvent, ReadEvent
from infrastructure.models import AgencyEvent

SOURCES = {
    "registry": _("Registry changes"),
    "access": _("Access and accounts"),
    "read": _("Confidential reads"),
    "field": _("Field history"),
}
COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_name",
    "source",
    "kind",
    "object_type",
    "object_ref",
    "label",
    "ip",
    "data",
)


@dataclass(frozen=True)
class TrailFilters:
    source: str = ""
    actor: str = ""  # username
    kind: str = ""
    object_type: str = ""
    object_id: str = ""
    text: str = ""
    since: datetime | None = None
    until: datetime | None = None


def _text(value) -> Cast:
    return Cast(value, output_field=CharField())


def _registry(f: TrailFilters) -> QuerySet:
    qs = AgencyEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("registry"),
        object_type=Value("agency"),
        object_ref=_text("agency_id"),
        label=F("agency__name"),
        ip=_text("ip_address"),
    )
    return _common(qs, f, time="occurred_at", label="agency__name", object_field="agency_id")


def _access(f: TrailFilters) -> QuerySet:
    qs = AccessEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("access"),
        object_type=Value("user"),
        object_ref=_text("subject_user_id"),
        label=F("subject_user__username"),
        ip=_text("ip_address"),
    )
    return _common(qs, f, time="occurred_at", label="subject_user__username", object_field="subject_user_id")


def _reads(f: TrailFilters) -> QuerySet:
    qs = ReadEvent.objects.annotate(
        actor_id=F("user_id"),
        actor_name=F("user__username"),
        source=Value("read"),
        kind=F("action"),
        object_ref=F("object_id"),
        label=F("description"),
        ip=_text("ip_address"),
    )
    return _common(qs, f, time="occurred_at", label="description", object_field="object_id", type_field="object_type")


def _fields(f: TrailFilters) -> QuerySet:
    qs = LogEntry.objects.annotate(
        occurred_at=F("timestamp"),
        actor_name=F("actor__username"),
        source=Value("field"),
        kind=_text("action"),
        object_type=Concat("content_type__app_label", Value("."), "content_type__model"),
        object_ref=F("object_pk"),
        label=F("object_repr"),
        ip=_text("remote_addr"),
        data=F("changes"),
    )
    return _common(qs, f, time="timestamp", label="object_repr", object_field="object_pk")


def _common(
    qs: QuerySet, f: TrailFilters, *, time: str, label: str, object_field: str, type_field: str | None = None
) -> QuerySet:
    if f.actor:
        qs = qs.filter(actor_name=f.actor)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.since:
        qs = qs.filter(**{f"{time}__gte": f.since})
    if f.until:
        qs = qs.filter(**{f"{time}__lt": f.until})
    if f.text:
        qs = qs.filter(**{f"{label}__icontains": f.text})
    if f.object_type:
        qs = qs.filter(**{type_field: f.object_type}) if type_field else qs.filter(object_type=f.object_type)
    if f.object_id:
        qs = qs.filter(**{object_field: f.object_id})
    return qs.values(*COLUMNS).order_by()


BUILDERS = {"registry": _registry, "access": _access, "read": _reads, "field": _fields}


def trail_search(*, filters: TrailFilters = TrailFilters()) -> QuerySet:
    """Newest first; slice it (or paginate) — the database does the union, ordering and limit."""
    sources = [filters.source] if filters.source in BUILDERS else list(BUILDERS)
    parts = [BUILDERS[source](filters) for source in sources]
    first, rest = parts[0], parts[1:]
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-occurred_at")


def trail_for_object(*, object_type: str, object_id: int | str) -> QuerySet:
    """History page of one object: its registry events, field history and reads."""
    object_id = str(object_id)
    if object_type == "agency":
        return (
            _registry(TrailFilters(object_id=object_id))
            .union(
                _fields(TrailFilters(object_type="infrastructure.agency", object_id=object_id)),
                _reads(TrailFilters(object_type="agency", object_id=object_id)),
                all=True,
            )
            .order_by("-occurred_at")
        )
    return _reads(TrailFilters(object_type=object_type, object_id=object_id)).order_by("-occurred_at")


def _kind_labels() -> dict[str, dict[str, str]]:
    return {
        "registry": dict(AgencyEvent.Kind.choices),
        "access": dict(AccessEvent.Kind.choices),
        "read": dict(ReadEvent.Action.choices),
        "field": {str(value): label for value, label in LogEntry.Action.choices},
    }


def with_labels(rows) -> list[dict]:
    """Rows of one page with readable source and event names (no queries)."""
    kinds = _kind_labels()
    return [
        {
            **row,
            "source_label": SOURCES.get(row["source"], row["source"]),
            "kind_label": kinds.get(row["source"], {}).get(str(row["kind"]), row["kind"]),
        }
        for row in rows
    ]
