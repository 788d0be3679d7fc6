"""Every write to the registry. Keyword-only; each writes its AgencyEvent in the same transaction."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.services import model_update
from infrastructure import rules
from infrastructure.events import record_event
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    CIDesignation,
    InformationSystem,
    LevelCycleRule,
    LevelDecision,
    Reorganisation,
)

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
    "phone",
    "dn",
]


def _path_for(*, agency: Agency, parent: Agency | None) -> str:
    return rules.child_path(parent.path if parent else "", agency.pk)


@transaction.atomic
def agency_register(
    *, name: str, acting_user=None, channel: str = Channel.SYSTEM, parent: Agency | None = None, sectors=(), **fields
) -> Agency:
    agency = Agency(name=name.strip(), parent=parent, **fields)
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
    )
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, data: dict, acting_user=None, channel: str = Channel.SYSTEM) -> Agency:
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
        record_event(agency=agency, kind=Kind.UPDATED, actor=acting_user, channel=channel, data={"changes": changes})
    if "parent" in data and data["parent"] != agency.parent:
        agency_move(agency=agency, new_parent=data["parent"], acting_user=acting_user, channel=channel)
    return agency


@transaction.atomic
def agency_move(
    *, agency: Agency, new_parent: Agency | None, acting_user=None, channel: str = Channel.SYSTEM
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
    )
    return agency


@transaction.atomic
def agency_deactivate(
    *,
    agency: Agency,
    dissolved_on: date | None = None,
    acting_user=None,
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
    )
    return agency


@transaction.atomic
def agency_reactivate(*, agency: Agency, acting_user=None, channel: str = Channel.SYSTEM) -> Agency:
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
    )
    return agency


# Responsibility levels (分級辦法 Arts 3-10) --------------------------------------------------------

LEVEL_MISMATCH = gettext_lazy(
    "The criteria give level {computed}; choosing level {chosen} needs an adjustment reason (Art 10)."
)


def level_proposal_errors(*, level: str, criteria: list[str], adjustment_reason: str) -> dict[str, str]:
    """What is wrong with a level proposal (分級辦法 Arts 4-10), by field; empty when it is acceptable."""
    unknown = [code for code in criteria if code not in rules.CRITERIA_BY_CODE]
    if unknown:
        return {"criteria": _("Unknown criterion: %(codes)s") % {"codes": ", ".join(unknown)}}
    computed = rules.level_from_criteria(criteria) if criteria else None
    if computed != level and not adjustment_reason.strip():
        return {"level": str(LEVEL_MISMATCH).format(computed=computed or "—", chosen=level)}
    return {}


@transaction.atomic
def level_propose(
    *,
    agency: Agency,
    level: str,
    criteria: list[str],
    adjustment_reason: str = "",
    acting_user=None,
    channel: str = Channel.SYSTEM,
) -> LevelDecision:
    errors = level_proposal_errors(level=level, criteria=criteria, adjustment_reason=adjustment_reason)
    if errors:
        raise ValidationError(errors)
    decision = LevelDecision(
        agency=agency,
        level=level,
        criteria=criteria,
        proposed_by=acting_user,
        adjustment_reason=adjustment_reason.strip(),
    )
    decision.full_clean()
    decision.save()
    record_event(
        agency=agency,
        kind=Kind.LEVEL_PROPOSED,
        actor=acting_user,
        channel=channel,
        data={"level": level, "criteria": criteria, "decision": decision.pk},
    )
    return decision


def _ensure_open(decision: LevelDecision) -> None:
    if decision.status in (LevelDecision.Status.APPROVED, LevelDecision.Status.REJECTED):
        raise ValidationError(_("This level decision is already closed."))


@transaction.atomic
def level_submit(
    *, decision: LevelDecision, submitted_at, acting_user=None, channel: str = Channel.SYSTEM
) -> LevelDecision:
    _ensure_open(decision)
    decision.status, decision.submitted_by, decision.submitted_at = (
        LevelDecision.Status.SUBMITTED,
        acting_user,
        submitted_at,
    )
    decision.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_SUBMITTED,
        actor=acting_user,
        channel=channel,
        data={"level": decision.level, "decision": decision.pk},
    )
    return decision


def cycle_rule_in_force(*, on: date) -> LevelCycleRule:
    rule = (
        LevelCycleRule.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise ValidationError(_("No level re-approval rule is in force on %(date)s.") % {"date": on})
    return rule


@transaction.atomic
def level_approve(
    *, decision: LevelDecision, effective_from: date, decided_at, acting_user=None, channel: str = Channel.SYSTEM
) -> LevelDecision:
    _ensure_open(decision)
    previous = _current_level(agency=decision.agency, on=effective_from)
    rule = cycle_rule_in_force(on=effective_from)
    decision.status = LevelDecision.Status.APPROVED
    decision.decided_by, decision.decided_at, decision.effective_from = acting_user, decided_at, effective_from
    decision.cycle_rule = rule
    decision.reapproval_due = rules.reapproval_due(effective_from=effective_from, cycle_years=rule.cycle_years)
    decision.full_clean()
    decision.save()
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_APPROVED,
        actor=acting_user,
        channel=channel,
        data={
            "before": {"level": previous},
            "after": {"level": decision.level},
            "effective_from": effective_from,
            "reapproval_due": decision.reapproval_due,
            "rule": rule.citation,
            "decision": decision.pk,
        },
    )
    _obligations_hook(decision=decision, acting_user=acting_user, channel=channel)
    return decision


def _obligations_hook(*, decision: LevelDecision, acting_user, channel: str) -> None:
    """Issue 4: the approved (or changed) level's obligations are assigned in the same transaction."""
    from obligations.services import obligations_on_level_approved

    obligations_on_level_approved(decision=decision, acting_user=acting_user, channel=channel)


@transaction.atomic
def level_reject(
    *, decision: LevelDecision, reason: str, decided_at, acting_user=None, channel: str = Channel.SYSTEM
) -> LevelDecision:
    _ensure_open(decision)
    if not reason.strip():
        raise ValidationError({"rejection_reason": _("A reason is required.")})
    decision.status, decision.rejection_reason = LevelDecision.Status.REJECTED, reason.strip()
    decision.decided_by, decision.decided_at = acting_user, decided_at
    decision.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at", "updated_at"])
    record_event(
        agency=decision.agency,
        kind=Kind.LEVEL_REJECTED,
        actor=acting_user,
        channel=channel,
        data={"level": decision.level, "reason": reason, "decision": decision.pk},
    )
    return decision


def _current_level(*, agency: Agency, on: date) -> str | None:
    from infrastructure.selectors import level_current_for

    return level_current_for(agency=agency, on=on)


# Contacts, systems, designations, reorganisations --------------------------------------------------


@transaction.atomic
def contact_add(
    *,
    agency: Agency,
    role: str,
    name: str,
    valid_from: date,
    acting_user=None,
    channel: str = Channel.SYSTEM,
    replace_current: bool = True,
    **fields,
) -> AgencyContact:
    """Add a contact; by default the current holder of the same role ends the day before."""
    if replace_current:
        for current in agency.contacts.filter(role=role, valid_to__isnull=True, valid_from__lt=valid_from):
            contact_end(
                contact=current, valid_to=valid_from - timedelta(days=1), acting_user=acting_user, channel=channel
            )
    contact = AgencyContact(agency=agency, role=role, name=name, valid_from=valid_from, **fields)
    contact.full_clean()
    contact.save()
    record_event(
        agency=agency,
        kind=Kind.CONTACT_SET,
        actor=acting_user,
        channel=channel,
        data={"after": {"role": role, "name": name, "valid_from": valid_from, **fields}},
    )
    return contact


@transaction.atomic
def contact_end(
    *, contact: AgencyContact, valid_to: date, acting_user=None, channel: str = Channel.SYSTEM
) -> AgencyContact:
    contact.valid_to = valid_to
    contact.full_clean()
    contact.save(update_fields=["valid_to", "updated_at"])
    record_event(
        agency=contact.agency,
        kind=Kind.CONTACT_ENDED,
        actor=acting_user,
        channel=channel,
        data={"role": contact.role, "name": contact.name, "valid_to": valid_to},
    )
    return contact


SYSTEM_FIELDS = [
    "is_core",
    "protection_level",
    "max_tolerable_downtime_hours",
    "is_outsourced",
    "contract_amount",
    "is_active",
]


@transaction.atomic
def system_record(
    *, agency: Agency, name: str, acting_user=None, channel: str = Channel.SYSTEM, **fields
) -> InformationSystem:
    """Create or update an information system by (agency, name)."""
    system = InformationSystem.objects.filter(agency=agency, name=name).first()
    if system is None:
        system = InformationSystem(agency=agency, name=name, **fields)
        system.full_clean()
        system.save()
        changes = {"created": True, **fields}
    else:
        system, changes = model_update(instance=system, fields=SYSTEM_FIELDS, data=fields)
    if changes:
        record_event(
            agency=agency,
            kind=Kind.SYSTEM_SET,
            actor=acting_user,
            channel=channel,
            data={"system": name, "changes": changes},
        )
    return system


@transaction.atomic
def ci_designate(
    *,
    agency: Agency,
    designated_by: Agency,
    sectors,
    designated_on: date,
    approved_on: date | None = None,
    notified_on: date | None = None,
    note: str = "",
    acting_user=None,
    channel: str = Channel.SYSTEM,
) -> CIDesignation:
    if agency.kind != "sngo":
        raise ValidationError({"agency": _("Only a specific non-government agency can be designated a CI provider.")})
    designation = CIDesignation(
        agency=agency,
        designated_by=designated_by,
        designated_on=designated_on,
        approved_on=approved_on,
        notified_on=notified_on,
        note=note,
    )
    designation.full_clean()
    designation.save()
    designation.sectors.set(sectors)
    record_event(
        agency=agency,
        kind=Kind.DESIGNATED,
        actor=acting_user,
        channel=channel,
        data={
            "designated_by": designated_by,
            "designated_on": designated_on,
            "approved_on": approved_on,
            "notified_on": notified_on,
            "sectors": [s.pk for s in sectors],
        },
    )
    return designation


@transaction.atomic
def ci_designation_withdraw(
    *, designation: CIDesignation, withdrawn_on: date, acting_user=None, channel: str = Channel.SYSTEM
) -> CIDesignation:
    designation.withdrawn_on = withdrawn_on
    designation.full_clean()
    designation.save(update_fields=["withdrawn_on", "updated_at"])
    record_event(
        agency=designation.agency,
        kind=Kind.DESIGNATION_WITHDRAWN,
        actor=acting_user,
        channel=channel,
        data={"designation": designation.pk, "withdrawn_on": withdrawn_on},
    )
    return designation


@transaction.atomic
def agency_reorganise(
    *,
    kind: str,
    agency: Agency,
    effective_on: date,
    successors=(),
    new_name: str = "",
    note: str = "",
    acting_user=None,
    channel: str = Channel.SYSTEM,
) -> list[Reorganisation]:
    """Rename (new_name), merge into / split into successors, or dissolve; the agency keeps its history."""
    Kinds = Reorganisation.Kind
    if kind == Kinds.RENAMED and not new_name.strip():
        raise ValidationError({"new_name": _("A renamed agency needs its new name.")})
    if kind in (Kinds.MERGED, Kinds.SPLIT) and not successors:
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
    )
    if kind == Kinds.RENAMED:
        agency_update(agency=agency, data={"name": new_name.strip()}, acting_user=acting_user, channel=channel)
    else:
        agency_deactivate(
            agency=agency, dissolved_on=effective_on, acting_user=acting_user, channel=channel, reason=kind
        )
    return rows
