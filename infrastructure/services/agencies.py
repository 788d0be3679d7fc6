"""Agencies: register, update, move in the tree, deactivate/reactivate, reorganise. Each writes its event."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.models import county_from_address
from common.services import model_update
from infrastructure import rules
from infrastructure.events import record_event
from infrastructure.models import (
    Agency,
    AgencyEvent,
    Reorganisation,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Channel = AgencyEvent.Channel
Kind = AgencyEvent.Kind


AGENCY_EDITABLE_FIELDS = [
    "name",
    "name_en",
    "oid",
    "org_code",
    "kind",
    "sngo_category",
    "regulator",
    "address",
    "county",
    "phone",
    "dn",
]


def _path_for(*, agency: Agency, parent: Agency | None) -> str:
    return rules.child_path(parent.path if parent else "", agency.pk)


@transaction.atomic
def agency_register(
    *,
    now: datetime,
    name: str,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
    parent: Agency | None = None,
    sectors=(),
    **fields,
) -> Agency:
    agency = Agency(name=name.strip(), parent=parent, **fields)
    if not agency.county and agency.address:
        agency.county = county_from_address(agency.address)  # its periods use its county's days off
    agency.full_clean(exclude=["path"])
    agency.save()
    agency.path = _path_for(agency=agency, parent=parent)
    agency.depth = agency.path.count(rules.PATH_SEPARATOR) - 1
    agency.save(update_fields=["path", "depth"])
    if sectors:
        agency.sectors.set(sectors)
    record_event(
        agency=agency,
        kind=Kind.CREATED,
        actor=acting_user,
        channel=channel,
        data={
            "after": {"name": agency.name, "parent": parent, "kind": agency.kind, "sectors": [s.pk for s in sectors]}
        },
        now=now,
    )
    return agency


@transaction.atomic
def agency_update(
    *, now: datetime, agency: Agency, data: dict, acting_user: "User | None" = None, channel: str = Channel.SYSTEM
) -> Agency:
    """Update plain fields (and the parent, the sector list) of an agency; one UPDATED event with the diff."""
    fields = [field for field in AGENCY_EDITABLE_FIELDS if field in data]
    agency, changes = model_update(instance=agency, fields=fields, data=data)
    if "sectors" in data:
        before = sorted(agency.sectors.values_list("pk", flat=True))
        after = sorted(sector.pk for sector in data["sectors"])
        if before != after:
            agency.sectors.set(data["sectors"])
            changes["sectors"] = [before, after]
    if changes:
        record_event(
            agency=agency, kind=Kind.UPDATED, actor=acting_user, channel=channel, data={"changes": changes}, now=now
        )
    if "parent" in data and data["parent"] != agency.parent:
        agency_move(agency=agency, new_parent=data["parent"], acting_user=acting_user, channel=channel, now=now)
    return agency


@transaction.atomic
def agency_move(
    *,
    now: datetime,
    agency: Agency,
    new_parent: Agency | None,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
) -> Agency:
    """Re-parent an agency and rewrite the materialised path of its whole subtree."""
    if new_parent is not None and new_parent.path.startswith(agency.path):
        raise ValidationError({"parent": _("An agency cannot be placed under itself or its own subordinate.")})
    old_parent, old_path = agency.parent, agency.path
    new_path = _path_for(agency=agency, parent=new_parent)
    subtree = list(Agency.objects.filter(path__gte=old_path, path__lt=rules.subtree_upper_bound(old_path)))
    for node in subtree:
        node.path = new_path + node.path[len(old_path) :]
        node.depth = node.path.count(rules.PATH_SEPARATOR) - 1
        if node.pk == agency.pk:
            node.parent = new_parent
    Agency.objects.bulk_update(subtree, ["path", "depth", "parent"], batch_size=500)
    agency.refresh_from_db()
    record_event(
        agency=agency,
        kind=Kind.MOVED,
        actor=acting_user,
        channel=channel,
        data={"before": {"parent": old_parent}, "after": {"parent": new_parent}},
        now=now,
    )
    return agency


@transaction.atomic
def agency_deactivate(
    *,
    now: datetime,
    agency: Agency,
    dissolved_on: date | None = None,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
    reason: str = "",
) -> Agency:
    if not agency.is_active:
        return agency
    agency.is_active = False
    agency.dissolved_on = dissolved_on
    agency.save(update_fields=["is_active", "dissolved_on", "updated_at"])
    record_event(
        agency=agency,
        kind=Kind.DEACTIVATED,
        actor=acting_user,
        channel=channel,
        data={"dissolved_on": dissolved_on, "reason": reason},
        now=now,
    )
    return agency


@transaction.atomic
def agency_reactivate(
    *, now: datetime, agency: Agency, acting_user: "User | None" = None, channel: str = Channel.SYSTEM
) -> Agency:
    if agency.is_active:
        return agency
    before = agency.dissolved_on
    agency.is_active, agency.dissolved_on = True, None
    agency.save(update_fields=["is_active", "dissolved_on", "updated_at"])
    record_event(
        agency=agency,
        kind=Kind.REACTIVATED,
        actor=acting_user,
        channel=channel,
        data={"before": {"dissolved_on": before}},
        now=now,
    )
    return agency


def _reorganisation_rows(
    *, kind: str, agency: Agency, effective_on: date, successors, note: str
) -> list[Reorganisation]:
    """One validated, saved Reorganisation per successor (one without a successor for a rename or dissolution)."""
    if kind in (Reorganisation.Kind.MERGED, Reorganisation.Kind.SPLIT) and not successors:
        raise ValidationError({"successors": _("A merger or split needs at least one successor.")})
    rows = [
        Reorganisation(
            kind=kind,
            agency=agency,
            successor=successor,
            effective_on=effective_on,
            previous_name=agency.name,
            note=note,
        )
        for successor in (successors or [None])
    ]
    for row in rows:
        row.full_clean()
    Reorganisation.objects.bulk_create(rows)
    return rows


@transaction.atomic
def agency_reorganise(
    *,
    now: datetime,
    kind: str,
    agency: Agency,
    effective_on: date,
    successors=(),
    new_name: str = "",
    note: str = "",
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
) -> list[Reorganisation]:
    """Rename (new_name), merge into / split into successors, or dissolve; the agency keeps its history."""
    Kinds = Reorganisation.Kind
    if kind == Kinds.RENAMED and not new_name.strip():
        raise ValidationError({"new_name": _("A renamed agency needs its new name.")})
    rows = _reorganisation_rows(kind=kind, agency=agency, effective_on=effective_on, successors=successors, note=note)
    record_event(
        agency=agency,
        kind=Kind.REORGANISED,
        actor=acting_user,
        channel=channel,
        data={
            "kind": kind,
            "effective_on": effective_on,
            "successors": [s.pk for s in successors],
            "before": {"name": agency.name},
            "after": {"name": new_name or agency.name},
        },
        now=now,
    )
    if kind == Kinds.RENAMED:
        agency_update(agency=agency, data={"name": new_name.strip()}, acting_user=acting_user, channel=channel, now=now)
    else:
        agency_deactivate(
            agency=agency, dissolved_on=effective_on, acting_user=acting_user, channel=channel, reason=kind, now=now
        )
    return rows
