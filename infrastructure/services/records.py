"""Contacts, information systems and CI designations of an agency. Each writes its event."""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.services import model_update
from infrastructure.events import record_event
from infrastructure.models import (
    Agency,
    AgencyContact,
    AgencyEvent,
    CIDesignation,
    InformationSystem,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Channel = AgencyEvent.Channel
Kind = AgencyEvent.Kind


@transaction.atomic
def contact_add(
    *,
    now: datetime,
    agency: Agency,
    role: str,
    name: str,
    valid_from: date,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
    replace_current: bool = True,
    **fields,
) -> AgencyContact:
    """Add a contact; by default the current holder of the same role ends the day before."""
    if replace_current:
        for current in agency.contacts.filter(role=role, valid_to__isnull=True, valid_from__lt=valid_from):
            contact_end(
                contact=current,
                valid_to=valid_from - timedelta(days=1),
                acting_user=acting_user,
                channel=channel,
                now=now,
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
        now=now,
    )
    return contact


@transaction.atomic
def contact_end(
    *,
    now: datetime,
    contact: AgencyContact,
    valid_to: date,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
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
        now=now,
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
    *,
    now: datetime,
    agency: Agency,
    name: str,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
    **fields,
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
            now=now,
        )
    return system


@transaction.atomic
def ci_designate(
    *,
    now: datetime,
    agency: Agency,
    designated_by: Agency,
    sectors,
    designated_on: date,
    approved_on: date | None = None,
    notified_on: date | None = None,
    note: str = "",
    acting_user: "User | None" = None,
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
        now=now,
    )
    return designation


@transaction.atomic
def ci_designation_withdraw(
    *,
    now: datetime,
    designation: CIDesignation,
    withdrawn_on: date,
    acting_user: "User | None" = None,
    channel: str = Channel.SYSTEM,
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
        now=now,
    )
    return designation
