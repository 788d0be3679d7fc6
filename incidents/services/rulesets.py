"""Incident rule-set versions, the obligations pattern: a published version never changes (its incidents keep
their law); a change is a new draft version, published from a later day, and the version it replaces ends the
day before. Every action writes one IncidentRuleSetEvent (before/after) in its transaction.

Lookups (incidents.services.common.rule_set_for) choose among published and retired versions only.
"""

import re
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from common.events import record_event
from common.periods import TAIPEI
from incidents.models import IncidentRuleSet, IncidentRuleSetEvent

Status, Kind = IncidentRuleSet.Status, IncidentRuleSetEvent.Kind
LIFECYCLE_FIELDS = ("id", "status", "version", "previous", "published_at", "published_by", "created_at", "updated_at")
COPIED_FIELDS = [
    field.name
    for field in IncidentRuleSet._meta.concrete_fields
    if field.name not in LIFECYCLE_FIELDS and field.name != "code"
]

NOT_A_DRAFT = _("Only a draft can be changed, published or deleted; this version is %(status)s.")
NEW_VERSION_OF_DRAFT = _("This version is still a draft: edit it instead of creating a new version.")
PROMULGATION_REQUIRED = _("Give the promulgation date before publishing.")
STARTS_TOO_EARLY = _(
    "The new version must take effect after %(code)s does (%(start)s): set its effective-from date later."
)
ENDS_TOO_EARLY = _("The new version must cover the rest of the period of %(code)s (until %(end)s).")
OVERLAPS = _("The period overlaps version %(code)s in force %(start)s – %(end)s.")
RETIRE_ONLY_PUBLISHED = _("Only a published version can be retired.")
RETIRE_NEEDS_END = _(
    "Version %(code)s has no end date, so it is the law of every new incident: publish the version that "
    "replaces it first."
)
NO_END = _("no end date")


def ruleset_snapshot(rule_set: IncidentRuleSet) -> dict:
    """The values an event records as before/after (JSON-safe)."""
    values = {name: getattr(rule_set, name) for name in ["code", *COPIED_FIELDS]}
    return {**values, "status": rule_set.status, "version": rule_set.version}


def _event(rule_set: IncidentRuleSet, kind: str, *, acting_user, now: datetime, **kwargs) -> IncidentRuleSetEvent:
    return record_event(
        IncidentRuleSetEvent,
        kind=kind,
        actor=acting_user,
        now=now,
        channel="admin",
        rule_set=rule_set,
        rule_set_code=rule_set.code,
        **kwargs,
    )


def _lock(rule_set: IncidentRuleSet) -> IncidentRuleSet:
    return IncidentRuleSet.objects.select_for_update().get(pk=rule_set.pk)


def _ensure_draft(rule_set: IncidentRuleSet) -> None:
    if rule_set.status != Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT, params={"status": rule_set.get_status_display()})


def _next_version(name: str) -> int:
    return (IncidentRuleSet.objects.filter(name=name).aggregate(last=Max("version"))["last"] or 0) + 1


def _next_code(code: str, version: int) -> str:
    return f"{re.sub(r'-v[0-9]+$', '', code)}-v{version}"[:40]


@transaction.atomic
def ruleset_new_version(*, rule_set: IncidentRuleSet, acting_user: AbstractUser, now: datetime) -> IncidentRuleSet:
    """A draft copy of a published or retired version (same values), numbered after the last of its name."""
    rule_set = _lock(rule_set)
    if rule_set.status == Status.DRAFT:
        raise ValidationError(NEW_VERSION_OF_DRAFT)
    version = _next_version(rule_set.name)
    draft = IncidentRuleSet(
        code=_next_code(rule_set.code, version),
        version=version,
        previous=rule_set,
        **{name: getattr(rule_set, name) for name in COPIED_FIELDS},
    )
    draft.full_clean()
    draft.save()
    _event(
        draft,
        Kind.CREATED,
        acting_user=acting_user,
        now=now,
        after=ruleset_snapshot(draft),
        data={"previous": rule_set.code},
    )
    return draft


@transaction.atomic
def ruleset_save(*, rule_set: IncidentRuleSet, acting_user: AbstractUser, now: datetime) -> IncidentRuleSet:
    """The admin's add or edit. A draft changes freely; a published or retired version only in its
    verification notes (the model refuses anything else)."""
    stored = _lock(rule_set) if rule_set.pk else None
    before = ruleset_snapshot(stored) if stored else {}
    if stored is None:
        rule_set.status, rule_set.previous = Status.DRAFT, None
        rule_set.version = _next_version(rule_set.name)
    rule_set.full_clean()
    rule_set.save()
    after = ruleset_snapshot(rule_set)
    changed = {name for name in after if before.get(name) != after[name]}
    if stored is not None and not changed:
        return rule_set
    kind = Kind.UPDATED if stored else Kind.CREATED
    _event(
        rule_set,
        kind,
        acting_user=acting_user,
        now=now,
        before={name: before[name] for name in changed if name in before},
        after={name: after[name] for name in changed},
    )
    return rule_set


@transaction.atomic
def ruleset_draft_delete(*, rule_set: IncidentRuleSet, acting_user: AbstractUser, now: datetime) -> None:
    rule_set = _lock(rule_set)
    _ensure_draft(rule_set)
    _event(rule_set, Kind.DELETED, acting_user=acting_user, now=now, before=ruleset_snapshot(rule_set))
    rule_set.delete()


def _overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def _end_replaced(draft: IncidentRuleSet, previous: IncidentRuleSet) -> date | None:
    """End ``previous`` the day before ``draft`` starts; refuse a draft that would leave part of its period
    without law or that starts on or before it."""
    start, end = draft.effective_from, draft.effective_to
    if previous.effective_from >= start:
        raise ValidationError(STARTS_TOO_EARLY, params={"code": previous.code, "start": previous.effective_from})
    if end is not None and (previous.effective_to is None or end < previous.effective_to):
        raise ValidationError(ENDS_TOO_EARLY, params={"code": previous.code, "end": previous.effective_to or NO_END})
    ended_before = previous.effective_to
    previous.effective_to = start - timedelta(days=1)
    previous.save(update_fields=["effective_to", "updated_at"])
    return ended_before


def _lock_law(rule_set: IncidentRuleSet) -> dict[int, IncidentRuleSet]:
    """Lock the draft and every version that is law. The first statement waits for a publication under way;
    the second is a new snapshot (READ COMMITTED), so it also sees the version that publication made law."""
    mine_or_law = Q(pk=rule_set.pk) | Q(status__in=IncidentRuleSet.LAW_STATUSES)
    list(IncidentRuleSet.objects.select_for_update().filter(mine_or_law).values_list("pk", flat=True))
    return {row.pk: row for row in IncidentRuleSet.objects.select_for_update().filter(mine_or_law).order_by("pk")}


@transaction.atomic
def ruleset_publish(*, rule_set: IncidentRuleSet, acting_user: AbstractUser, now: datetime) -> IncidentRuleSet:
    """Publish a draft from its effective-from day. Every version that is law is locked, so two publications
    cannot both pass the overlap check."""
    law = _lock_law(rule_set)
    draft = law.pop(rule_set.pk)
    _ensure_draft(draft)
    if draft.promulgated_on is None:
        raise ValidationError({"promulgated_on": PROMULGATION_REQUIRED})
    draft.full_clean()
    previous = law.get(draft.previous_id)
    before, after = {"status": Status.DRAFT}, {"status": Status.PUBLISHED}
    if previous is not None and _overlaps(
        draft.effective_from, draft.effective_to, previous.effective_from, previous.effective_to
    ):
        before["previous_effective_to"] = _end_replaced(draft, previous)
        after["previous_effective_to"] = previous.effective_to
    for other in law.values():
        if _overlaps(draft.effective_from, draft.effective_to, other.effective_from, other.effective_to):
            end = other.effective_to or NO_END
            raise ValidationError(OVERLAPS, params={"code": other.code, "start": other.effective_from, "end": end})
    draft.status, draft.published_at, draft.published_by = Status.PUBLISHED, now, acting_user
    draft.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    _event(
        draft,
        Kind.PUBLISHED,
        acting_user=acting_user,
        now=now,
        before=before,
        after=after,
        data={
            "previous": previous.code if previous else None,
            "incidents_kept_on_previous": _kept(previous, draft.effective_from),
        },
    )
    return draft


def _kept(previous: IncidentRuleSet | None, start: date) -> int:
    """Incidents aware on or after the new version's first day that were decided under the previous one: they
    keep it (a change of their law is a separate, recorded correction), and the count is on the event."""
    if previous is None:
        return 0
    return previous.incidents.filter(aware_at__gte=datetime.combine(start, time(0), tzinfo=TAIPEI)).count()


@transaction.atomic
def ruleset_retire(*, rule_set: IncidentRuleSet, acting_user: AbstractUser, now: datetime) -> IncidentRuleSet:
    """Mark a replaced version retired: it is no longer the current text, and stays the law of the days it
    covers (late reports of incidents aware then still get it)."""
    rule_set = _lock(rule_set)
    if rule_set.status != Status.PUBLISHED:
        raise ValidationError(RETIRE_ONLY_PUBLISHED)
    if rule_set.effective_to is None:
        raise ValidationError(RETIRE_NEEDS_END, params={"code": rule_set.code})
    rule_set.status = Status.RETIRED
    rule_set.save(update_fields=["status", "updated_at"])
    _event(
        rule_set,
        Kind.RETIRED,
        acting_user=acting_user,
        now=now,
        before={"status": Status.PUBLISHED},
        after={"status": Status.RETIRED},
    )
    return rule_set
