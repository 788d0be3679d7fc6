"""The audit trail as one searchable stream over every registered source, as a UNION of ``values()``
querysets — one query per page.

Each app registers the event tables it owns with ``register_trail_source`` in its ``AppConfig.ready()``, as
django-auditlog registers models: access registers its own (access events, confidential reads, field history
by django-auditlog), the registry its agency events (infrastructure/trail.py), obligations, incidents (incident
and drill events), reports and open data theirs. Access never imports the apps whose events it shows
(docs/architecture.md). On an agency's history page, the sources about agencies limit their rows to what the
page's user may see (``TrailFilters.viewer``)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from django.db import models
from django.db.models import CharField, F, JSONField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from access.models import AccessEvent, ReadEvent

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
    "change_before",  # the event's before/after (EventRecord); empty for tables without them
    "change_after",
)
NO_CHANGE = Value({}, output_field=JSONField())


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
    agency_id: int | None = None  # rows about this agency only (its history page)
    viewer: object = None  # the user of the history page: sources limit rows to what they may see


@dataclass(frozen=True)
class TrailSource:
    """One event table in the trail. ``rows`` returns its rows as ``values(*COLUMNS)`` (use ``trail_rows``)."""

    key: str  # the ``source`` column, e.g. "registry"
    label: str  # shown in the source filter and on each row
    model: type[models.Model]  # the table the retention purge exports and deletes from
    time_field: str  # its time column
    rows: Callable[[TrailFilters], QuerySet]
    kinds: Callable[[], dict[str, str]]  # event kind → readable name
    object_type: str = ""  # the objects whose history page this source feeds ("agency")
    field_history_type: str = ""  # those objects' django-auditlog type ("infrastructure.agency")
    on_agency_history: bool = False  # rows about an agency also show on its history page (``agency_id``)
    detail_labels: Callable[[], dict[str, str]] = dict  # key of ``data`` (and before/after) → readable name
    value_labels: Callable[[], dict[str, dict[str, str]]] = dict  # key → {stored code → readable name}


_SOURCES: dict[str, TrailSource] = {}


def register_trail_source(source: TrailSource) -> None:
    """Add ``source`` to the trail (in ``AppConfig.ready()``); registering a key again replaces it."""
    _SOURCES[source.key] = source


def trail_sources() -> dict[str, TrailSource]:
    """Every registered source, in the order the apps registered them (INSTALLED_APPS)."""
    return dict(_SOURCES)


def source_choices() -> list[tuple[str, str]]:
    return [(key, source.label) for key, source in _SOURCES.items()]


def as_text(value) -> Cast:
    return Cast(value, output_field=CharField())


def _access(f: TrailFilters) -> QuerySet:
    qs = AccessEvent.objects.annotate(
        actor_name=F("actor__username"),
        source=Value("access"),
        object_type=Value("user"),
        object_ref=as_text("subject_user_id"),
        label=F("subject_user__username"),
        ip=as_text("ip_address"),
    )
    return trail_rows(qs, f, time="occurred_at", label="subject_user__username", object_field="subject_user_id")


def _reads(f: TrailFilters) -> QuerySet:
    qs = ReadEvent.objects.annotate(
        actor_id=F("user_id"),
        actor_name=F("user__username"),
        source=Value("read"),
        kind=F("action"),
        object_ref=F("object_id"),
        label=F("description"),
        ip=as_text("ip_address"),
    )
    return trail_rows(
        qs, f, time="occurred_at", label="description", object_field="object_id", type_field="object_type"
    )


def _fields(f: TrailFilters) -> QuerySet:
    qs = LogEntry.objects.annotate(
        occurred_at=F("timestamp"),
        actor_name=F("actor__username"),
        source=Value("field"),
        kind=as_text("action"),
        object_type=Concat("content_type__app_label", Value("."), "content_type__model"),
        object_ref=F("object_pk"),
        label=F("object_repr"),
        ip=as_text("remote_addr"),
        data=F("changes"),
    )
    return trail_rows(qs, f, time="timestamp", label="object_repr", object_field="object_pk")


def trail_rows(
    qs: QuerySet,
    f: TrailFilters,
    *,
    time: str,
    label: str,
    object_field: str,
    type_field: str | None = None,
    agency_field: str = "",
    before=None,
    after=None,
) -> QuerySet:
    """Filter a source's annotated queryset and give its ``values(*COLUMNS)``. ``before``/``after``: expressions
    for the change columns (default: the model's ``before``/``after`` fields if it has them, else nothing)."""
    has = {field.name for field in qs.model._meta.get_fields()}
    qs = qs.annotate(
        change_before=before if before is not None else (F("before") if "before" in has else NO_CHANGE),
        change_after=after if after is not None else (F("after") if "after" in has else NO_CHANGE),
    )
    if f.agency_id is not None:
        qs = qs.filter(**{agency_field: f.agency_id}) if agency_field else qs.none()
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


def trail_search(*, filters: TrailFilters = TrailFilters()) -> QuerySet:
    """Newest first; slice it (or paginate) — the database does the union, ordering and limit."""
    sources = [_SOURCES[filters.source]] if filters.source in _SOURCES else list(_SOURCES.values())
    parts = [source.rows(filters) for source in sources]
    first, rest = parts[0], parts[1:]
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-occurred_at")


def trail_for_object(*, object_type: str, object_id: int | str, viewer=None) -> QuerySet:
    """History page of one object: the events of the sources that feed it, its field history and its reads;
    for an agency also the rows of the sources on agency history, limited to what ``viewer`` may see."""
    object_id = str(object_id)
    owners = [source for source in _SOURCES.values() if source.object_type and source.object_type == object_type]
    parts = [source.rows(TrailFilters(object_id=object_id)) for source in owners]
    if object_type == "agency":
        about = TrailFilters(agency_id=int(object_id), viewer=viewer)
        parts += [s.rows(about) for s in _SOURCES.values() if s.on_agency_history and s not in owners]
    parts += [
        _fields(TrailFilters(object_type=source.field_history_type, object_id=object_id))
        for source in owners
        if source.field_history_type
    ]
    parts.append(_reads(TrailFilters(object_type=object_type, object_id=object_id)))
    first, rest = parts[0], parts[1:]
    return (first.union(*rest, all=True) if rest else first).order_by("-occurred_at")


def _kind_labels() -> dict[str, dict[str, str]]:
    return {key: source.kinds() for key, source in _SOURCES.items()}


def with_labels(rows) -> list[dict]:
    """Rows of one page with readable source and event names (no queries)."""
    kinds = _kind_labels()
    labels = dict(source_choices())
    return [
        {
            **row,
            "source_label": labels.get(row["source"], row["source"]),
            "kind_label": kinds.get(row["source"], {}).get(str(row["kind"]), row["kind"]),
        }
        for row in rows
    ]


ACCESS_SOURCES = (
    TrailSource(
        key="access",
        label=_("Access and accounts"),
        model=AccessEvent,
        time_field="occurred_at",
        rows=_access,
        kinds=lambda: dict(AccessEvent.Kind.choices),
    ),
    TrailSource(
        key="read",
        label=_("Confidential reads"),
        model=ReadEvent,
        time_field="occurred_at",
        rows=_reads,
        kinds=lambda: dict(ReadEvent.Action.choices),
    ),
    TrailSource(
        key="field",
        label=_("Field history"),
        model=LogEntry,
        time_field="timestamp",
        rows=_fields,
        kinds=lambda: {str(value): label for value, label in LogEntry.Action.choices},
    ),
)
